package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.cli.VolrCli;

/** {@code volr lsp} as an editor starts it: JSON-RPC on the command's standard input and output. */
class LspCommandTest {
	@TempDir
	Path dir;

	@Test
	void publishesTheDiagnosticsOfAnOpenedFileAndEndsWithItsInput() throws Exception {
		PipedInputStream commandIn = new PipedInputStream(1 << 16);
		PipedOutputStream clientOut = new PipedOutputStream(commandIn);
		PipedInputStream clientIn = new PipedInputStream(1 << 16);
		PrintStream commandOut = new PrintStream(new PipedOutputStream(clientIn), true, StandardCharsets.UTF_8);
		InputStream stdin = System.in;
		System.setIn(commandIn);
		try {
			CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new VolrCli(commandOut, System.err).run("lsp"));

			BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
			var client = LSPLauncher.createClientLauncher(new Client(published), clientIn, clientOut);
			client.startListening();
			LanguageServer server = client.getRemoteProxy();
			InitializeParams init = new InitializeParams();
			init.setRootUri(dir.toUri().toString());
			server.initialize(init).get(60, TimeUnit.SECONDS);
			server.initialized(new InitializedParams());
			String uri = dir.resolve("unknown.volr").toUri().toString();
			server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
					new TextDocumentItem(uri, "volr", 1, "experiment e {\n    network nope\n}\n")));

			PublishDiagnosticsParams diagnostics = null;
			long end = System.currentTimeMillis() + 60_000;
			while (diagnostics == null && System.currentTimeMillis() < end) {
				PublishDiagnosticsParams p = published.poll(1, TimeUnit.SECONDS);
				if (p != null && p.getUri().endsWith("unknown.volr") && !p.getDiagnostics().isEmpty())
					diagnostics = p;
			}
			assertNotNull(diagnostics, "no diagnostics for " + uri);
			String messages = diagnostics.getDiagnostics().stream().map(d -> d.getMessage().getLeft()).toList().toString();
			Diagnostic unknown = diagnostics.getDiagnostics().stream()
					.filter(d -> d.getMessage().getLeft().equals("Unknown network 'nope': declare it with 'network nope = ...' or fix the name"))
					.findFirst().orElseThrow(() -> new AssertionError("no unknown-name error in " + messages));
			assertEquals(DiagnosticSeverity.Error, unknown.getSeverity());
			assertEquals(1, unknown.getRange().getStart().getLine(), "on the second line (LSP counts from 0)");

			server.shutdown().get(60, TimeUnit.SECONDS);
			clientOut.close(); // the editor goes away: the command ends normally
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
