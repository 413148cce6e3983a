package org.volr.lang.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.lang.ide.contentassist.NeuronModelDocs;
import org.volr.net.neuron.NeuronModels;

/** Hover over LSP: the shape and parameter count of a layer or network, a neuron model's documentation. */
class HoverTest {
	@TempDir
	Path workspace;

	private LspSession session;
	private String uri;

	@AfterEach
	void stop() throws Exception {
		if (session != null)
			session.close();
	}

	private static final String TEXT = """
			network mlp {
			    input [784]
			    fc1: dense 500 relu
			    dense 10
			}
			experiment e {
			    network mlp
			    neuron LIF { tau_m 10 ms }
			}
			""";

	private String hover(Position p) throws Exception {
		if (session == null) {
			session = new LspSession(workspace);
			uri = session.open("mlp.volr", TEXT);
		}
		Hover hover = session.server().getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri), p)).get(30, TimeUnit.SECONDS);
		if (hover == null || hover.getContents() == null)
			return "";
		if (hover.getContents().isRight())
			return hover.getContents().getRight().getValue();
		assertTrue(hover.getContents().getLeft().isEmpty(), "a hover in the old format: " + hover.getContents().getLeft());
		return "";
	}

	@Test
	void aLayerShowsItsShapeAndParameterCount() throws Exception {
		String text = hover(LspSession.at(TEXT, "dense 500", 0));
		assertEquals("fc1: dense 500 relu\nshape 784 → 500\n392,500 parameters", text);
	}

	@Test
	void aNetworkNameShowsItsTypeAndTotalParameters() throws Exception {
		// 784·500 + 500 and 500·10 + 10
		String text = hover(LspSession.at(TEXT, "mlp", 0));
		assertEquals("network mlp\nshape 784 → 10\n397,510 parameters", text);
	}

	@Test
	void aNeuronModelAndItsParameterShowTheirDocumentation() throws Exception {
		assertEquals(NeuronModelDocs.model(NeuronModels.of("LIF")), hover(LspSession.at(TEXT, "LIF", 0)));
		String tau = hover(LspSession.at(TEXT, "tau_m", 0));
		assertEquals(NeuronModelDocs.parameter("LIF", "tau_m"), tau);
		assertTrue(tau.startsWith("LIF parameter\ntau_m: "), tau);
	}

	@Test
	void whitespaceHasNoHover() throws Exception {
		assertEquals("", hover(new Position(1, 0)));
	}
}
