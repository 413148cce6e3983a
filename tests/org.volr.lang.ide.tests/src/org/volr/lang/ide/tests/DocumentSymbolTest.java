package org.volr.lang.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolInformation;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Document symbols for a client that shows a tree: networks with their layers and branches, experiments. */
class DocumentSymbolTest {
	@TempDir
	Path workspace;

	private static final String TEXT = """
			network mlp {
			    input [784]
			    fc1: dense 500 relu
			    { left: dense 100 relu } | { dense 50 }
			    dense 10
			}
			network tiny = let h = dense 2 4 in h >> dense 4 1
			experiment e {
			    network mlp
			}
			""";

	@Test
	void networksHoldTheirLayersWithKindsAndDetails() throws Exception {
		try (LspSession session = new LspSession(workspace)) {
			String uri = session.open("mlp.volr", TEXT);
			List<Either<SymbolInformation, DocumentSymbol>> answer = session.server().getTextDocumentService()
					.documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(uri))).get(30, TimeUnit.SECONDS);
			assertTrue(answer.stream().allMatch(Either::isRight), "a client with hierarchical symbols gets a tree: " + answer);
			List<DocumentSymbol> roots = answer.stream().map(Either::getRight).toList();
			assertEquals(List.of("mlp", "tiny", "e"), roots.stream().map(DocumentSymbol::getName).toList());

			DocumentSymbol mlp = roots.get(0);
			assertEquals(SymbolKind.Class, mlp.getKind());
			// fc1 784·500+500, the branches 500·100+100 and 500·50+50, the classifier 150·10+10
			assertEquals("[784] → [10] · 469,160 parameters", mlp.getDetail());
			assertEquals(selected(TEXT, "mlp", 0), mlp.getSelectionRange());
			List<DocumentSymbol> layers = mlp.getChildren();
			assertEquals(List.of("fc1", "| branch 1", "| branch 2", "dense 10"), layers.stream().map(DocumentSymbol::getName).toList());
			DocumentSymbol fc1 = layers.get(0);
			assertEquals(SymbolKind.Function, fc1.getKind());
			assertEquals("dense 500 relu · [500]", fc1.getDetail());
			assertEquals(selected(TEXT, "fc1", 0), fc1.getSelectionRange());
			assertEquals(LspSession.at(TEXT, "fc1", 0), fc1.getRange().getStart());
			assertEquals(SymbolKind.Namespace, layers.get(1).getKind());
			assertEquals("[500] → [100] · 50,100 parameters", layers.get(1).getDetail());
			DocumentSymbol left = layers.get(1).getChildren().get(0);
			assertEquals("left", left.getName());
			assertEquals("dense 100 relu · [100]", left.getDetail());
			assertEquals("dense 50", layers.get(2).getChildren().get(0).getName());
			assertEquals("[50]", layers.get(2).getChildren().get(0).getDetail());
			assertEquals("[10]", layers.get(3).getDetail());

			DocumentSymbol tiny = roots.get(1);
			assertEquals(List.of("h", "h", "dense 4 1"), tiny.getChildren().stream().map(DocumentSymbol::getName).toList());
			assertEquals(SymbolKind.Variable, tiny.getChildren().get(0).getKind());
			assertEquals(SymbolKind.Object, tiny.getChildren().get(1).getKind());

			DocumentSymbol e = roots.get(2);
			assertEquals(SymbolKind.Event, e.getKind());
			assertEquals("experiment on mlp", e.getDetail());
			assertEquals(List.of("mlp"), e.getChildren().stream().map(DocumentSymbol::getName).toList());
			assertEquals(selected(TEXT, "mlp", 1), e.getChildren().get(0).getSelectionRange());
		}
	}

	/** The range of the {@code nth} occurrence of {@code word}. */
	private static Range selected(String text, String word, int nth) {
		var start = LspSession.at(text, word, nth);
		return new Range(start, new org.eclipse.lsp4j.Position(start.getLine(), start.getCharacter() + word.length()));
	}
}
