package org.volr.lang.ide.tests.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageActionItem;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.ShowMessageRequestParams;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;

/**
 * The editor side of a language server test, over in-memory pipes instead of a process's standard streams.
 * Exported for {@code volr lsp}'s test, which talks to the same server through the command.
 */
public final class TestEditor {
	private final PipedInputStream serverIn = new PipedInputStream(1 << 16);
	private final PipedOutputStream toServer;
	private final PipedInputStream fromServer = new PipedInputStream(1 << 16);
	private final PipedOutputStream serverOut;
	private final BlockingQueue<PublishDiagnosticsParams> published = new LinkedBlockingQueue<>();
	private LanguageServer server;

	public TestEditor() {
		try {
			toServer = new PipedOutputStream(serverIn);
			serverOut = new PipedOutputStream(fromServer);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** What the server reads: the editor's requests. */
	public InputStream serverInput() {
		return serverIn;
	}

	/** Where the server writes its answers and notifications. */
	public OutputStream serverOutput() {
		return serverOut;
	}

	/** Starts listening to the server and initializes it on a workspace, as an editor opening a folder does. */
	public InitializeResult connect(Path root, long timeoutSeconds) throws Exception {
		InitializeParams init = new InitializeParams();
		init.setRootUri(root.toUri().toString());
		return connect(init, timeoutSeconds);
	}

	/** Starts listening and initializes the server with the given parameters (an editor's capabilities). */
	public InitializeResult connect(InitializeParams init, long timeoutSeconds) throws Exception {
		var client = LSPLauncher.createClientLauncher(new Client(published), fromServer, toServer);
		client.startListening();
		server = client.getRemoteProxy();
		InitializeResult result = server.initialize(init).get(timeoutSeconds, TimeUnit.SECONDS);
		server.initialized(new InitializedParams());
		return result;
	}

	public LanguageServer server() {
		return server;
	}

	/**
	 * The first non-empty diagnostics the server publishes for a document whose URI passes the test, or null after
	 * the timeout: the server may first publish an empty list while it is still loading the workspace.
	 */
	public PublishDiagnosticsParams awaitDiagnostics(Predicate<String> uri, long timeoutMillis) throws InterruptedException {
		long end = System.currentTimeMillis() + timeoutMillis;
		while (System.currentTimeMillis() < end) {
			PublishDiagnosticsParams p = published.poll(1, TimeUnit.SECONDS);
			if (p != null && uri.test(p.getUri()) && !p.getDiagnostics().isEmpty())
				return p;
		}
		return null;
	}

	/** The editor goes away: closing its end of the input ends the server's listening loop. */
	public void close() throws IOException {
		toServer.close();
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
