package org.volr.lang.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.lang.ide.server.VolrLanguageServer;
import org.volr.lang.ide.tests.client.TestEditor;

/**
 * An editor that opens one file without a folder (VS Code's File > Open File) initializes with no root and no
 * workspace folders. Xtext alone failed that initialize with a NullPointerException; the file must be served.
 */
class SingleFileClientTest {
	@TempDir
	Path somewhere;

	@Test
	void aClientWithoutAFolderIsServedTheFileItOpens() throws Exception {
		String text = Files.readString(Path.of("../../examples/xor/xor.volr")).replace("dense 4 2 linear", "dense 4 2 linea");
		Path file = somewhere.resolve("xor.volr");
		Files.writeString(file, text);
		String uri = file.toUri().toString();
		TestEditor editor = new TestEditor();
		Future<Void> serving = VolrLanguageServer.start(editor.serverInput(), editor.serverOutput());
		try {
			assertNotNull(editor.connect(new InitializeParams(), 60).getCapabilities(), "initialize answered");
			editor.server().getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "volr", 1, text)));
			var symbols = editor.server().getTextDocumentService().documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(uri)))
					.get(60, TimeUnit.SECONDS);
			assertFalse(symbols.isEmpty(), "the outline of " + uri);
			assertEquals("xor", symbols.get(0).getRight().getName());
			// the file is checked: the misspelt activation is reported
			PublishDiagnosticsParams published = editor.awaitDiagnostics(u -> Path.of(java.net.URI.create(u)).equals(file), 60_000);
			assertNotNull(published, "no diagnostics for " + uri);
			List<String> messages = published.getDiagnostics().stream().map(d -> d.getMessage().isLeft() ? d.getMessage().getLeft() : d.getMessage().getRight().getValue()).toList();
			assertTrue(messages.stream().anyMatch(m -> m.contains("linea")), messages.toString());
		} finally {
			editor.server().shutdown().get(30, TimeUnit.SECONDS);
			editor.close();
			serving.get(30, TimeUnit.SECONDS);
		}
	}
}
