package org.volr.lang.ide.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.lang.ide.server.VolrLanguageServer;
import org.volr.lang.ide.server.VolrSemanticHighlighting;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The server as the VS Code extension (editors/vscode) drives it: raw JSON-RPC frames on the streams {@code volr lsp}
 * serves, initialized with the parameters the extension's vscode-languageclient declares
 * (editors/vscode/test/initialize-params.json, computed by that library), then the requests VS Code sends when a file
 * is opened: document symbols, semantic tokens, hover, and code actions for the published diagnostics.
 */
class VsCodeClientTest {
	@TempDir
	Path workspace;

	private static final Path PARAMS = Path.of("../../editors/vscode/test/initialize-params.json");

	@Test
	void theExtensionsClientGetsEveryService() throws Exception {
		Wire wire = new Wire();
		Future<Void> serving = VolrLanguageServer.start(wire.serverIn, wire.serverOut);
		try {
			JsonObject init = JsonParser.parseString(Files.readString(PARAMS)).getAsJsonObject();
			init.addProperty("rootUri", workspace.toUri().toString());
			JsonObject capabilities = wire.request("initialize", init).getAsJsonObject().getAsJsonObject("capabilities");
			assertTrue(capabilities.get("hoverProvider").getAsBoolean(), capabilities.toString());
			assertTrue(capabilities.get("codeActionProvider").getAsBoolean(), capabilities.toString());
			assertTrue(capabilities.get("documentSymbolProvider").getAsBoolean(), capabilities.toString());
			JsonArray types = capabilities.getAsJsonObject("semanticTokensProvider").getAsJsonObject("legend").getAsJsonArray("tokenTypes");
			assertEquals(VolrSemanticHighlighting.TYPES, StreamSupport.stream(types.spliterator(), false).map(JsonElement::getAsString).toList());
			wire.notify("initialized", new JsonObject());

			String text = "network n {\n    input [784]\n    fc1: dense 500 relu\n    dense 10 sofmax\n}\n";
			Path file = workspace.resolve("n.volr");
			Files.writeString(file, text);
			String uri = file.toUri().toString();
			JsonObject document = new JsonObject();
			document.addProperty("uri", uri);
			document.addProperty("languageId", "volr");
			document.addProperty("version", 1);
			document.addProperty("text", text);
			wire.notify("textDocument/didOpen", object("textDocument", document));
			JsonArray published = wire.diagnostics(uri);
			JsonArray diagnostics = new JsonArray();
			for (JsonElement d : published)
				if (d.getAsJsonObject().get("message").getAsString().contains("'sofmax'"))
					diagnostics.add(d);
			assertEquals(1, diagnostics.size(), published.toString());

			JsonObject id = new JsonObject();
			id.addProperty("uri", uri);
			JsonArray symbols = wire.request("textDocument/documentSymbol", object("textDocument", id)).getAsJsonArray();
			JsonObject network = symbols.get(0).getAsJsonObject();
			assertEquals("n", network.get("name").getAsString());
			assertEquals("fc1", network.getAsJsonArray("children").get(0).getAsJsonObject().get("name").getAsString(), "a tree: " + symbols);

			JsonArray tokens = wire.request("textDocument/semanticTokens/full", object("textDocument", id)).getAsJsonObject().getAsJsonArray("data");
			assertFalse(tokens.isEmpty());
			assertEquals(0, tokens.size() % 5, tokens.toString());

			JsonObject hover = object("textDocument", id);
			hover.add("position", position(2, 10));
			String shown = wire.request("textDocument/hover", hover).getAsJsonObject().getAsJsonObject("contents").get("value").getAsString();
			assertEquals("fc1: dense 500 relu\nshape 784 → 500\n392,500 parameters", shown);

			JsonObject action = object("textDocument", id);
			action.add("range", diagnostics.get(0).getAsJsonObject().get("range"));
			JsonObject context = object("diagnostics", diagnostics);
			context.addProperty("triggerKind", 1);
			action.add("context", context);
			JsonObject fix = wire.request("textDocument/codeAction", action).getAsJsonArray().get(0).getAsJsonObject();
			assertEquals("Change to 'softmax'", fix.get("title").getAsString());
			assertEquals("quickfix", fix.get("kind").getAsString());
			JsonObject edit = fix.getAsJsonObject("edit").getAsJsonObject("changes").getAsJsonArray(uri).get(0).getAsJsonObject();
			assertEquals("softmax", edit.get("newText").getAsString());
			assertEquals(position(3, 13), edit.getAsJsonObject("range").get("start"));

			wire.request("shutdown", JsonNull.INSTANCE);
		} finally {
			wire.toServer.close();
			serving.get(30, TimeUnit.SECONDS);
		}
	}

	private static JsonObject object(String key, JsonElement value) {
		JsonObject o = new JsonObject();
		o.add(key, value);
		return o;
	}

	private static JsonObject position(int line, int character) {
		JsonObject p = new JsonObject();
		p.addProperty("line", line);
		p.addProperty("character", character);
		return p;
	}

	/** The client's end of the streams: writes frames, reads the server's, answers its requests as VS Code would. */
	private static final class Wire {
		final PipedInputStream serverIn = new PipedInputStream(1 << 16);
		final PipedOutputStream toServer;
		final PipedInputStream fromServer = new PipedInputStream(1 << 16);
		final PipedOutputStream serverOut;
		private final Map<Integer, BlockingQueue<JsonObject>> answers = new ConcurrentHashMap<>();
		private final BlockingQueue<JsonObject> published = new LinkedBlockingQueue<>();
		private int nextId = 1;

		Wire() throws IOException {
			toServer = new PipedOutputStream(serverIn);
			serverOut = new PipedOutputStream(fromServer);
			Thread reader = new Thread(this::read, "vscode-client");
			reader.setDaemon(true);
			reader.start();
		}

		JsonElement request(String method, JsonElement params) throws Exception {
			int id;
			synchronized (this) {
				id = nextId++;
			}
			BlockingQueue<JsonObject> answer = answers.computeIfAbsent(id, k -> new LinkedBlockingQueue<>());
			JsonObject message = message(method, params);
			message.addProperty("id", id);
			send(message);
			JsonObject response = answer.poll(30, TimeUnit.SECONDS);
			assertNotNull(response, "no answer to " + method);
			assertFalse(response.has("error"), method + ": " + response);
			return response.get("result");
		}

		void notify(String method, JsonElement params) throws IOException {
			send(message(method, params));
		}

		/** The first non-empty diagnostics published for the URI. */
		JsonArray diagnostics(String uri) throws InterruptedException {
			long end = System.currentTimeMillis() + 30_000;
			while (System.currentTimeMillis() < end) {
				JsonObject p = published.poll(1, TimeUnit.SECONDS);
				if (p != null && Path.of(java.net.URI.create(p.get("uri").getAsString())).equals(Path.of(java.net.URI.create(uri)))
						&& !p.getAsJsonArray("diagnostics").isEmpty())
					return p.getAsJsonArray("diagnostics");
			}
			throw new AssertionError("no diagnostics for " + uri);
		}

		private static JsonObject message(String method, JsonElement params) {
			JsonObject m = new JsonObject();
			m.addProperty("jsonrpc", "2.0");
			m.addProperty("method", method);
			m.add("params", params);
			return m;
		}

		private synchronized void send(JsonObject message) throws IOException {
			byte[] body = message.toString().getBytes(StandardCharsets.UTF_8);
			toServer.write(("Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
			toServer.write(body);
			toServer.flush();
		}

		private void read() {
			try {
				while (true) {
					JsonObject m = frame(fromServer);
					if (m == null)
						return;
					if (m.has("method") && m.has("id")) {
						// a request of the server's (registrations, progress): VS Code accepts it
						JsonObject ok = new JsonObject();
						ok.addProperty("jsonrpc", "2.0");
						ok.add("id", m.get("id"));
						ok.add("result", JsonNull.INSTANCE);
						send(ok);
					} else if (m.has("method")) {
						if (m.get("method").getAsString().equals("textDocument/publishDiagnostics"))
							published.add(m.getAsJsonObject("params"));
					} else {
						answers.computeIfAbsent(m.get("id").getAsInt(), k -> new LinkedBlockingQueue<>()).add(m);
					}
				}
			} catch (IOException closed) {
				// the test is over
			}
		}

		/** One message: headers up to an empty line, then Content-Length bytes of JSON; null at the end. */
		private static JsonObject frame(InputStream in) throws IOException {
			int length = -1;
			StringBuilder line = new StringBuilder();
			while (true) {
				int b = in.read();
				if (b < 0)
					return null;
				if (b == '\n') {
					String header = line.toString().trim();
					line.setLength(0);
					if (header.isEmpty())
						break;
					if (header.toLowerCase().startsWith("content-length:"))
						length = Integer.parseInt(header.substring(header.indexOf(':') + 1).trim());
				} else {
					line.append((char) b);
				}
			}
			byte[] body = in.readNBytes(length);
			return JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
		}
	}
}
