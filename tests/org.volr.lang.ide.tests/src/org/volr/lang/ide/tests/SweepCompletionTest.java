package org.volr.lang.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.lang.ide.server.VolrLanguageServer;
import org.volr.lang.ide.tests.client.TestEditor;

/** In a {@code sweep { ... }} clause completion offers what the experiment can vary: percentile, steps, its neuron model's parameters. */
class SweepCompletionTest {
	@TempDir
	Path workspace;

	private TestEditor editor;
	private Future<Void> serving;

	@AfterEach
	void stop() throws Exception {
		if (editor != null) {
			editor.close();
			serving.get(30, TimeUnit.SECONDS);
		}
	}

	private List<CompletionItem> complete(String text, int line, int character) throws Exception {
		editor = new TestEditor();
		serving = VolrLanguageServer.start(editor.serverInput(), editor.serverOutput());
		editor.connect(workspace, 30);
		LanguageServer server = editor.server();
		Path file = workspace.resolve("s.volr");
		Files.writeString(file, text);
		String uri = file.toUri().toString();
		server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "volr", 1, text)));
		Either<List<CompletionItem>, CompletionList> answer = server.getTextDocumentService()
				.completion(new CompletionParams(new TextDocumentIdentifier(uri), new Position(line, character))).get(30, TimeUnit.SECONDS);
		return answer.isLeft() ? answer.getLeft() : answer.getRight().getItems();
	}

	@Test
	void offersPercentileStepsAndTheNeuronModelsParameters() throws Exception {
		String text = "network n = dense 2 2\nexperiment e {\n  network n\n  neuron LIF { tau_m 20 ms }\n  sweep { percentile 99, 99.9; \n}\n";
		List<CompletionItem> items = complete(text, 4, "  sweep { percentile 99, 99.9; ".length());
		List<String> labels = items.stream().map(CompletionItem::getLabel).toList();
		assertTrue(labels.containsAll(List.of("percentile", "steps", "v_thresh", "tau_m", "tau_refrac")), "offered: " + labels);
		assertTrue(!labels.contains("tau_syn_E"), "a LIF neuron has no synaptic time constant: " + labels);
		CompletionItem steps = items.stream().filter(i -> i.getLabel().equals("steps")).findFirst().orElseThrow();
		assertEquals("sweep parameter", steps.getDetail());
	}
}
