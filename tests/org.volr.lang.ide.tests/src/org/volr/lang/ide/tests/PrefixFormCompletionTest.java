package org.volr.lang.ide.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.lsp4j.CompletionItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * volrc's prefix forms ({@code Seq}, {@code Par}, {@code Net}, {@code Ref}, {@code Let}) are offered only in a file
 * that already uses one; elsewhere completion offers the calculus and the block form alone.
 */
class PrefixFormCompletionTest {
	@TempDir
	Path workspace;

	private static final List<String> PREFIX_FORMS = List.of("Seq", "Par", "Net", "Ref", "Let");

	private List<String> labelsAfter(String text, String before) throws Exception {
		return LspSession.completionAfter(workspace, text, before).stream().map(CompletionItem::getLabel).toList();
	}

	@Test
	void aFileWithoutThemIsNotOfferedThem() throws Exception {
		List<String> labels = labelsAfter("network a = dense 2 2\nnetwork n = \n", "network n = ");
		assertTrue(labels.containsAll(List.of("dense", "let", "a")), "the calculus is offered: " + labels);
		assertTrue(PREFIX_FORMS.stream().noneMatch(labels::contains), "prefix forms offered: " + labels);
	}

	@Test
	void aFileThatUsesThemIsOfferedThem() throws Exception {
		List<String> labels = labelsAfter("network a = Seq (Net 2 2) (Net 2 2)\nnetwork n = \n", "network n = ");
		assertTrue(labels.containsAll(PREFIX_FORMS), "prefix forms offered: " + labels);
		assertTrue(labels.containsAll(List.of("dense", "let", "a")), "the calculus too: " + labels);
	}
}
