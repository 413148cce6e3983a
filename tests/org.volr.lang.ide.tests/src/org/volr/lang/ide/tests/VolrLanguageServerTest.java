package org.volr.lang.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.lang.ide.server.VolrLanguageServer;
import org.volr.lang.ide.tests.client.TestEditor;

/** The language server over real JSON-RPC streams, as an editor talks to {@code volr lsp}. */
class VolrLanguageServerTest {
	@TempDir
	Path workspace;

	@Test
	void anOpenedFileWithASizeErrorGetsItsDiagnostic() throws Exception {
		TestEditor editor = new TestEditor();
		Future<Void> serving = VolrLanguageServer.start(editor.serverInput(), editor.serverOutput());
		InitializeResult result = editor.connect(workspace, 30);
		assertNotNull(result.getCapabilities().getCompletionProvider(), "the server offers completion");
		LanguageServer server = editor.server();

		Path file = workspace.resolve("bad.volr");
		String text = "network xor = dense 2 4 >> dense 3 2\n";
		Files.writeString(file, text);
		String uri = file.toUri().toString();
		server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "volr", 1, text)));

		PublishDiagnosticsParams diagnostics = editor.awaitDiagnostics(u -> sameFile(u, file), 30_000);
		assertNotNull(diagnostics, "no diagnostics published for " + uri);
		List<Diagnostic> errors = diagnostics.getDiagnostics();
		assertEquals(1, errors.size(), "diagnostics: " + errors);
		Diagnostic error = errors.get(0);
		assertEquals(DiagnosticSeverity.Error, error.getSeverity());
		String message = error.getMessage().isLeft() ? error.getMessage().getLeft() : error.getMessage().getRight().getValue();
		assertTrue(message.startsWith("Incompatible network sizes: output 4 should be equal to input 3"), message);
		// on the '3' of 'dense 3 2' (LSP positions count from 0)
		assertEquals(0, error.getRange().getStart().getLine());
		assertEquals(text.indexOf("3 2"), error.getRange().getStart().getCharacter());

		server.shutdown().get(30, TimeUnit.SECONDS);
		// no 'exit' here: Xtext's server answers it with System.exit, which would end the test runtime too;
		// closing the input ends the server's listening loop instead
		editor.close();
		serving.get(30, TimeUnit.SECONDS);
	}

	private static boolean sameFile(String uri, Path file) {
		return java.net.URI.create(uri).getPath().equals(file.toUri().getPath());
	}
}
