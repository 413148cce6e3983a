package org.volr.lang.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.lsp4j.CompletionItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What completion offers (the editor's popup and volr lsp share it): descriptions on keywords, no placeholder entries
 * (the feature names Xtext offers for an ID or a number slot), no operator right after a word, and no network inside
 * its own definition.
 */
class CompletionProposalsTest {
	@TempDir
	Path workspace;

	private static final List<String> OPERATORS = List.of(">>", "|", "⦶", "⊖", "+");

	private List<CompletionItem> itemsAfter(String text, String before) throws Exception {
		return LspSession.completionAfter(workspace, text, before);
	}

	private List<String> labelsAfter(String text, String before) throws Exception {
		return itemsAfter(text, before).stream().map(CompletionItem::getLabel).toList();
	}

	@Test
	void noPlaceholderEntriesAtTheStartOfALayer() throws Exception {
		List<String> labels = labelsAfter("network n {\n    input [2]\n    \n}\n", "input [2]\n    ");
		assertTrue(labels.containsAll(List.of("dense", "conv2d", "flatten")), "the layer kinds: " + labels);
		for (String placeholder : List.of("label", "name", "units", "inputs", "filters"))
			assertFalse(labels.contains(placeholder), "placeholder '" + placeholder + "' offered: " + labels);
	}

	@Test
	void keywordsSayWhatTheyMake() throws Exception {
		List<CompletionItem> items = itemsAfter("network n {\n    input [2]\n    \n}\n", "input [2]\n    ");
		CompletionItem dense = items.stream().filter(i -> i.getLabel().equals("dense")).findFirst().orElseThrow();
		assertEquals("layer: dense [inputs] units [activation]", dense.getDetail());
		CompletionItem activation = items.stream().filter(i -> i.getLabel().equals("activation")).findFirst().orElseThrow();
		assertEquals("layer: an activation alone, e.g. activation relu", activation.getDetail());
	}

	@Test
	void noOperatorRightAfterAWordButAfterASpace() throws Exception {
		String text = "network a = dense 2 2\nnetwork n = a\n";
		List<String> glued = labelsAfter(text, "network n = a");
		assertTrue(OPERATORS.stream().noneMatch(glued::contains), "operators after the word 'a': " + glued);
		List<String> spaced = labelsAfter("network a = dense 2 2\nnetwork n = a \n", "network n = a ");
		assertTrue(OPERATORS.stream().anyMatch(spaced::contains), "operators after 'a ': " + spaced);
	}

	@Test
	void aNetworkIsNotOfferedInsideItsOwnDefinition() throws Exception {
		List<String> labels = labelsAfter("network a = dense 2 2\nnetwork n = dense 2 2 >> \n", "dense 2 2 >> ");
		assertTrue(labels.contains("a"), "the other network: " + labels);
		assertFalse(labels.contains("n"), "n inside its own definition: " + labels);
	}
}
