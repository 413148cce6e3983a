package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.cli.VolrCli;
import org.volr.lang.ide.tests.client.TestEditor;

/** {@code volr lsp} as an editor starts it: JSON-RPC on the command's standard input and output. */
class LspCommandTest {
	@TempDir
	Path dir;

	@Test
	void publishesTheDiagnosticsOfAnOpenedFileAndEndsWithItsInput() throws Exception {
		TestEditor editor = new TestEditor();
		PrintStream commandOut = new PrintStream(editor.serverOutput(), true, StandardCharsets.UTF_8);
		InputStream stdin = System.in;
		System.setIn(editor.serverInput());
		try {
			CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new VolrCli(commandOut, System.err).run("lsp"));

			editor.connect(dir, 60);
			LanguageServer server = editor.server();
			String uri = dir.resolve("unknown.volr").toUri().toString();
			server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
					new TextDocumentItem(uri, "volr", 1, "experiment e {\n    network nope\n}\n")));

			PublishDiagnosticsParams diagnostics = editor.awaitDiagnostics(u -> u.endsWith("unknown.volr"), 60_000);
			assertNotNull(diagnostics, "no diagnostics for " + uri);
			String messages = diagnostics.getDiagnostics().stream().map(d -> d.getMessage().getLeft()).toList().toString();
			Diagnostic unknown = diagnostics.getDiagnostics().stream()
					.filter(d -> d.getMessage().getLeft().equals("Unknown network 'nope': declare it with 'network nope = ...' or fix the name"))
					.findFirst().orElseThrow(() -> new AssertionError("no unknown-name error in " + messages));
			assertEquals(DiagnosticSeverity.Error, unknown.getSeverity());
			assertEquals(1, unknown.getRange().getStart().getLine(), "on the second line (LSP counts from 0)");

			server.shutdown().get(60, TimeUnit.SECONDS);
			editor.close(); // the editor goes away: the command ends normally
			assertEquals(0, exit.get(60, TimeUnit.SECONDS));
		} finally {
			System.setIn(stdin);
		}
	}

	@Test
	void takesNoArguments() {
		Run r = Run.volr("lsp", "extra.volr");
		assertEquals(2, r.code());
		assertTrue(r.err().contains("lsp takes no arguments, got extra.volr"), r.err());
	}
}
