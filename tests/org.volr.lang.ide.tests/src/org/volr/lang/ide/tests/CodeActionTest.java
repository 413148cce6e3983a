package org.volr.lang.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code actions carry the editor's quick fixes, and "did you mean" for a misspelt name or keyword: the client sends the
 * diagnostics under the cursor, as VS Code does, and applies the edit of the action it picks.
 */
class CodeActionTest {
	@TempDir
	Path workspace;

	/** The actions for the published diagnostic that covers {@code word}, and the text after the first one's edit. */
	private record Answer(List<CodeAction> actions, String fixed) {
		List<String> titles() {
			return actions.stream().map(CodeAction::getTitle).toList();
		}
	}

	private int files;

	private Answer fix(String text, String word) throws Exception {
		try (LspSession session = new LspSession(workspace)) {
			// a file of its own: the server publishes the diagnostics of the files already on disk when it starts
			String uri = session.open("f" + files++ + ".volr", text);
			Position at = LspSession.at(text, word, 0);
			List<Diagnostic> diagnostics = session.diagnostics(uri).stream().filter(d -> covers(d.getRange(), at)).toList();
			assertEquals(1, diagnostics.size(), "one diagnostic on '" + word + "': " + diagnostics);
			CodeActionParams params = new CodeActionParams(new TextDocumentIdentifier(uri), diagnostics.get(0).getRange(),
					new CodeActionContext(diagnostics));
			List<Either<org.eclipse.lsp4j.Command, CodeAction>> answer = session.server().getTextDocumentService().codeAction(params).get(30,
					TimeUnit.SECONDS);
			List<CodeAction> actions = answer.stream().map(Either::getRight).toList();
			for (CodeAction a : actions) {
				assertEquals(CodeActionKind.QuickFix, a.getKind());
				assertEquals(diagnostics, a.getDiagnostics());
			}
			String fixed = actions.isEmpty() ? null : LspSession.apply(text, actions.get(0).getEdit().getChanges().get(uri));
			return new Answer(actions, fixed);
		}
	}

	private static boolean covers(Range r, Position p) {
		return compare(r.getStart(), p) <= 0 && compare(p, r.getEnd()) < 0;
	}

	private static int compare(Position a, Position b) {
		return a.getLine() != b.getLine() ? Integer.compare(a.getLine(), b.getLine()) : Integer.compare(a.getCharacter(), b.getCharacter());
	}

	@Test
	void aMisspeltActivationInABlockIsAnUnknownNameWithADidYouMean() throws Exception {
		Answer a = fix("network n {\n    input [784]\n    dense 10 sofmax\n}\n", "sofmax");
		assertEquals(List.of("Change to 'softmax'"), a.titles());
		assertTrue(a.actions().get(0).getIsPreferred());
		assertEquals("network n {\n    input [784]\n    dense 10 softmax\n}\n", a.fixed());
	}

	@Test
	void aMisspeltKeywordTheParserCannotPlaceGetsADidYouMean() throws Exception {
		// in the calculus the word after a layer is a syntax error, not a reference
		Answer a = fix("network n = dense 784 10 sofmax\n", "sofmax");
		assertEquals("Change to 'softmax'", a.titles().get(0), a.titles().toString());
		assertEquals("network n = dense 784 10 softmax\n", a.fixed());
	}

	@Test
	void aMisspeltNetworkNameGetsTheDeclaredOne() throws Exception {
		Answer a = fix("network xor = dense 2 4 >> dense 4 2\nnetwork big = xr >> dense 2 1\n", "xr");
		assertEquals(List.of("Change to 'xor'"), a.titles());
		assertEquals("network xor = dense 2 4 >> dense 4 2\nnetwork big = xor >> dense 2 1\n", a.fixed());
	}

	@Test
	void aMisspeltNeuronModelAndParameterGetTheRegisteredOnes() throws Exception {
		String experiment = "network n = dense 2 2\nexperiment e {\n    network n\n    neuron %s { %s 10 ms }\n}\n";
		Answer model = fix(experiment.formatted("LiF", "tau_m"), "LiF");
		assertEquals("Change to 'LIF'", model.titles().get(0), model.titles().toString());
		assertEquals(experiment.formatted("LIF", "tau_m"), model.fixed());
		Answer parameter = fix(experiment.formatted("LIF", "tau_n"), "tau_n");
		assertEquals("Change to 'tau_m'", parameter.titles().get(0), parameter.titles().toString());
		assertEquals(experiment.formatted("LIF", "tau_m"), parameter.fixed());
	}

	@Test
	void aSizeMismatchGetsTheEditorsTwoFixes() throws Exception {
		Answer a = fix("network xor = dense 2 4 >> dense 3 2\n", "3 2");
		assertEquals(List.of("Change the input size to 4", "Remove the input size (inferred from what flows in)"), a.titles());
		assertEquals("network xor = dense 2 4 >> dense 4 2\n", a.fixed());
	}

	@Test
	void onlyAskedForRefactoringsThereAreNoQuickFixes() throws Exception {
		try (LspSession session = new LspSession(workspace)) {
			String text = "network xor = dense 2 4 >> dense 3 2\n";
			String uri = session.open("f.volr", text);
			List<Diagnostic> diagnostics = session.diagnostics(uri);
			CodeActionContext context = new CodeActionContext(diagnostics);
			context.setOnly(List.of(CodeActionKind.Refactor));
			var answer = session.server().getTextDocumentService()
					.codeAction(new CodeActionParams(new TextDocumentIdentifier(uri), diagnostics.get(0).getRange(), context)).get(30, TimeUnit.SECONDS);
			assertEquals(List.of(), answer);
		}
	}
}
