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
import org.volr.net.neuron.NeuronModels;

/**
 * Neuron models are plug-ins, not keywords of the grammar: completion offers the registered models after
 * {@code neuron}, and inside the block the chosen model's parameters with their defaults.
 */
class NeuronCompletionTest {
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
		Path file = workspace.resolve("n.volr");
		Files.writeString(file, text);
		String uri = file.toUri().toString();
		server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "volr", 1, text)));
		Either<List<CompletionItem>, CompletionList> answer = server.getTextDocumentService()
				.completion(new CompletionParams(new TextDocumentIdentifier(uri), new Position(line, character))).get(30, TimeUnit.SECONDS);
		return answer.isLeft() ? answer.getLeft() : answer.getRight().getItems();
	}

	@Test
	void offersEveryRegisteredModelAfterNeuron() throws Exception {
		String first = "network n = dense 2 2\nexperiment e {\n  network n\n  neuron ";
		List<CompletionItem> items = complete(first + "\n}\n", 3, "  neuron ".length());
		List<String> labels = items.stream().map(CompletionItem::getLabel).toList();
		assertTrue(labels.containsAll(NeuronModels.names()), "models offered: " + labels);
		CompletionItem lif = items.stream().filter(i -> i.getLabel().equals("LIF")).findFirst().orElseThrow();
		assertEquals("neuron model", lif.getDetail());
	}

	@Test
	void offersTheChosenModelsParametersWithDefaults() throws Exception {
		String text = "network n = dense 2 2\nexperiment e {\n  network n\n  neuron LIF { \n}\n";
		List<CompletionItem> items = complete(text, 3, "  neuron LIF { ".length());
		List<String> labels = items.stream().map(CompletionItem::getLabel).toList();
		assertTrue(labels.containsAll(List.of("v_thresh", "v_reset", "tau_refrac", "v_min", "tau_m", "v_rest")), "parameters offered: " + labels);
		assertTrue(!labels.contains("tau_syn_E"), "a LIF neuron has no synaptic time constant: " + labels);
		CompletionItem tau = items.stream().filter(i -> i.getLabel().equals("tau_m")).findFirst().orElseThrow();
		assertEquals("LIF parameter, default 20 ms", tau.getDetail());
	}
}
