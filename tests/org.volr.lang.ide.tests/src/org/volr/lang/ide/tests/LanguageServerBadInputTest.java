package org.volr.lang.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.LocationLink;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.lang.ide.server.VolrLanguageServer;
import org.volr.lang.ide.tests.client.TestEditor;

/**
 * What a misbehaving client sends must get an answer the protocol defines, and the server must go on serving:
 * unknown methods, positions beyond the document, malformed headers, a document of megabytes.
 */
class LanguageServerBadInputTest {
	@TempDir
	Path workspace;

	private TestEditor editor;
	private Future<Void> serving;

	@AfterEach
	void stop() throws Exception {
		if (editor != null) {
			editor.close();
			serving.get(30, TimeUnit.SECONDS);
		}
	}

	private LanguageServer start() throws Exception {
		editor = new TestEditor();
		serving = VolrLanguageServer.start(editor.serverInput(), editor.serverOutput());
		editor.connect(workspace, 30);
		return editor.server();
	}

	private String open(LanguageServer server, String name, String text) throws IOException {
		Path file = workspace.resolve(name);
		Files.writeString(file, text);
		String uri = file.toUri().toString();
		server.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "volr", 1, text)));
		return uri;
	}

	@Test
	void positionsBeyondTheDocumentGetEmptyAnswers() throws Exception {
		LanguageServer server = start();
		String uri = open(server, "small.volr", "network xor = dense 2 4 >> dense 4 2\n");
		TextDocumentIdentifier doc = new TextDocumentIdentifier(uri);
		for (Position p : List.of(new Position(99, 0), new Position(0, 500), new Position(1, 3), new Position(-1, -1))) {
			Either<List<CompletionItem>, CompletionList> completion = server.getTextDocumentService()
					.completion(new CompletionParams(doc, p)).get(30, TimeUnit.SECONDS);
			assertTrue(completion.isLeft() ? completion.getLeft().isEmpty() : completion.getRight().getItems().isEmpty(), p.toString());
			Hover hover = server.getTextDocumentService().hover(new HoverParams(doc, p)).get(30, TimeUnit.SECONDS);
			assertNull(hover, p.toString());
			Either<List<? extends Location>, List<? extends LocationLink>> definition = server.getTextDocumentService()
					.definition(new DefinitionParams(doc, p)).get(30, TimeUnit.SECONDS);
			assertTrue(definition.isLeft() ? definition.getLeft().isEmpty() : definition.getRight().isEmpty(), p.toString());
		}
		// a position inside still gets its answer: completion after '>> '
		Either<List<CompletionItem>, CompletionList> inside = server.getTextDocumentService()
				.completion(new CompletionParams(doc, new Position(0, "network xor = dense 2 4 >> ".length()))).get(30, TimeUnit.SECONDS);
		assertFalse((inside.isLeft() ? inside.getLeft() : inside.getRight().getItems()).isEmpty());
	}

	@Test
	void aDocumentOfMegabytesIsRefusedAndTheServerKeepsAnswering() throws Exception {
		LanguageServer server = start();
		StringBuilder big = new StringBuilder();
		for (int i = 0; big.length() < 5_000_000; i++)
			big.append("network n").append(i).append(" = dense 2 4 >> dense 3 2 // a size error on every line\n");
		long start = System.nanoTime();
		String bigUri = open(server, "big.volr", big.toString());
		String smallUri = open(server, "small.volr", "network xor = dense 2 4 >> dense 3 2\n");
		// the two documents' diagnostics come in either order; the editor drops what a wait does not ask for
		PublishDiagnosticsParams bigDiagnostics = null, smallDiagnostics = null;
		for (int i = 0; i < 2; i++) {
			PublishDiagnosticsParams p = editor.awaitDiagnostics(u -> sameFile(u, bigUri) || sameFile(u, smallUri), 60_000);
			if (p != null && sameFile(p.getUri(), bigUri))
				bigDiagnostics = p;
			else if (p != null)
				smallDiagnostics = p;
		}
		assertNotNull(bigDiagnostics, "no diagnostics for the big document");
		assertEquals(1, bigDiagnostics.getDiagnostics().size(), bigDiagnostics.toString());
		String message = bigDiagnostics.getDiagnostics().get(0).getMessage().getLeft();
		assertTrue(message.startsWith("file too large for the editor services (5.0 MB, limit 1.0 MB)"), message);
		assertEquals(0, bigDiagnostics.getDiagnostics().get(0).getRange().getStart().getLine());
		assertNotNull(smallDiagnostics, "no diagnostics for the small document");
		assertTrue(smallDiagnostics.getDiagnostics().get(0).getMessage().getLeft().startsWith("Incompatible network sizes"));
		// requests on either document are answered at once
		server.getTextDocumentService().documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(smallUri))).get(10, TimeUnit.SECONDS);
		server.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(bigUri), new Position(1000, 5))).get(10, TimeUnit.SECONDS);
		server.getTextDocumentService().completion(new CompletionParams(new TextDocumentIdentifier(bigUri), new Position(1000, 5)))
				.get(10, TimeUnit.SECONDS);
		long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
		assertTrue(seconds < 30, "took " + seconds + " s");
	}

	/** The raw protocol: what lsp4j's own client would never send. */
	@Test
	void unknownMethodsAndMalformedHeadersGetProtocolAnswersAndTheServerGoesOn() throws Exception {
		PipedInputStream serverIn = new PipedInputStream(1 << 16);
		OutputStream toServer = new PipedOutputStream(serverIn);
		PipedInputStream fromServer = new PipedInputStream(1 << 16);
		OutputStream serverOut = new java.io.PipedOutputStream(fromServer);
		Future<Void> rawServing = VolrLanguageServer.start(serverIn, serverOut);
		List<String> answers = new CopyOnWriteArrayList<>();
		Thread reader = new Thread(() -> readMessages(fromServer, answers), "test-lsp-reader");
		reader.setDaemon(true);
		reader.start();
		try {
			send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"rootUri\":\"" + workspace.toUri() + "\"}}");
			assertTrue(await(answers, "\"id\":1", 30).contains("capabilities"));
			send(toServer, "{\"jsonrpc\":\"2.0\",\"method\":\"initialized\",\"params\":{}}");

			send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"volr/noSuchMethod\",\"params\":{}}");
			String unknown = await(answers, "\"id\":2", 30);
			assertTrue(unknown.contains("-32601"), unknown);
			assertTrue(unknown.contains("method not found: volr/noSuchMethod"), unknown);
			assertFalse(unknown.contains("Exception") || unknown.contains("at org."), unknown);

			String body = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"volr/noSuchMethod\",\"params\":{}}";
			toServer.write(("Content-Length: abc\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
			toServer.write(("Content-Type: application/vscode-jsonrpc\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
			byte[] four = "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"volr/noSuchMethod\",\"params\":{}}".getBytes(StandardCharsets.UTF_8);
			toServer.write(("Content-Length: " + four.length + "\r\nno colon on this line\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			toServer.write(four);
			toServer.flush();
			assertTrue(await(answers, "\"id\":4", 30).contains("-32601"), "a header line without ':' is skipped");
			send(toServer, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"shutdown\"}");
			String shutdown = await(answers, "\"id\":5", 30);
			assertTrue(shutdown.contains("\"result\""), shutdown);
			assertTrue(answers.stream().noneMatch(a -> a.contains("\"id\":3")), "the malformed messages are dropped, not answered");
		} finally {
			toServer.close();
			rawServing.get(30, TimeUnit.SECONDS);
		}
	}

	private static boolean sameFile(String uri, String other) {
		return java.net.URI.create(uri).getPath().equals(java.net.URI.create(other).getPath());
	}

	private static void send(OutputStream out, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		out.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
		out.write(body);
		out.flush();
	}

	/** The first answer holding the fragment, waiting at most the given seconds; fails the test otherwise. */
	private static String await(List<String> answers, String fragment, int seconds) throws InterruptedException {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (System.nanoTime() < end) {
			for (String a : answers)
				if (a.contains(fragment))
					return a;
			Thread.sleep(50);
		}
		throw new AssertionError("no answer with " + fragment + " within " + seconds + " s; got " + answers);
	}

	private static void readMessages(InputStream in, List<String> answers) {
		try {
			while (true) {
				int length = -1;
				String line;
				while (!(line = readLine(in)).isEmpty())
					if (line.toLowerCase().startsWith("content-length:"))
						length = Integer.parseInt(line.substring(15).trim());
				answers.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
			}
		} catch (IOException | RuntimeException e) {
			// the server closed its output
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream b = new ByteArrayOutputStream();
		int c;
		while ((c = in.read()) != '\n') {
			if (c < 0)
				throw new IOException("end of stream");
			if (c != '\r')
				b.write(c);
		}
		return b.toString(StandardCharsets.US_ASCII);
	}
}
