package org.volr.lang.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.lang.ide.server.VolrLanguageServer;

/** The language server over real JSON-RPC streams, as an editor talks to {@code volr lsp}. */
class VolrLanguageServerTest {
	@TempDir
	Path workspace;

	@Test
	void anOpenedFileWithASizeErrorGetsItsDiagnostic() throws Exception {
		PipedInputStream serverIn = new PipedInputStream(1 << 16);
		PipedOutputStream clientOut = new PipedOutputStream(serverIn);
		PipedInputStream clientIn = new PipedInputStream(1 << 16);
		PipedOutputStream serverOut = new PipedOutputStream(clientIn);
		Future<Void> serving = VolrLanguageServer.start(serverIn, serverOut);

		BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
		Launcher<LanguageServer> client = LSPLauncher.createClientLauncher(new Client(published), clientIn, clientOut);
		client.startListening();
		LanguageServer server = client.getRemoteProxy();

		InitializeParams init = new InitializeParams();
		init.setRootUri(workspace.toUri().toString());
		InitializeResult result = server.initialize(init).get(30, TimeUnit.SECONDS);
		assertNotNull(result.getCapabilities().getCompletionProvider(), "the server offers completion");
		server.initialized(new InitializedParams());

		Path file = workspace.resolve("bad.volr");
		String text = "network xor = dense 2 4 >> dense 3 2\n";
		Files.writeString(file, text);
		String uri = file.toUri().toString();
		server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "volr", 1, text)));

		PublishDiagnosticsParams diagnostics = null;
		long end = System.currentTimeMillis() + 30_000;
		while (System.currentTimeMillis() < end) {
			PublishDiagnosticsParams p = published.poll(1, TimeUnit.SECONDS);
			if (p != null && sameFile(p.getUri(), file) && !p.getDiagnostics().isEmpty()) {
				diagnostics = p;
				break;
			}
		}
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
		clientOut.close();
		serving.get(30, TimeUnit.SECONDS);
	}

	private static boolean sameFile(String uri, Path file) {
		return java.net.URI.create(uri).getPath().equals(file.toUri().getPath());
	}

	/** Collects what the server publishes; answers the rest as an editor that shows nothing would. */
	private record Client(BlockingQueue<PublishDiagnosticsParams> published) implements LanguageClient {
		@Override
		public void publishDiagnostics(PublishDiagnosticsParams diagnostics) {
			published.add(diagnostics);
		}

		@Override
		public void telemetryEvent(Object object) {
		}

		@Override
		public void showMessage(MessageParams message) {
		}

		@Override
		public CompletableFuture<MessageActionItem> showMessageRequest(ShowMessageRequestParams request) {
			return CompletableFuture.completedFuture(null);
		}

		@Override
		public void logMessage(MessageParams message) {
		}
	}
}
