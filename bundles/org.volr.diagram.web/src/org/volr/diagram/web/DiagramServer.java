package org.volr.diagram.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.volr.diagram.Json;
import org.volr.diagram.edit.EditException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The editable diagram of one .volr file on localhost: {@code GET /} the page (the Sprotty client),
 * {@code GET /model} the diagram as JSON, {@code GET /version} a number that goes up when the file changes,
 * {@code POST /edit} an edit, written to the file at once. The file is checked for changes every
 * {@value #POLL_MILLIS} ms, so an edit made in a text editor reaches the page (which polls /version) within a
 * second. Only the loopback address is bound: the page writes files.
 */
public final class DiagramServer implements AutoCloseable {
	static final int POLL_MILLIS = 200;
	private static final Map<String, String> PAGES = Map.of("/", "index.html", "/index.html", "index.html", "/diagram.js",
			"diagram.js", "/diagram.css", "diagram.css");

	private final DiagramDocument document;
	private final HttpServer http;
	private final ScheduledExecutorService watcher;

	private DiagramServer(Path file, int port) throws IOException {
		document = new DiagramDocument(file.toAbsolutePath().normalize());
		http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
		http.createContext("/", this::handle);
		http.setExecutor(Executors.newFixedThreadPool(4, r -> daemon(r, "volr-diagram-http")));
		watcher = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "volr-diagram-watch"));
	}

	/** Starts serving {@code file} on {@code port} (0: any free port). */
	public static DiagramServer start(Path file, int port) throws IOException {
		DiagramServer server = new DiagramServer(file, port);
		server.document.json();
		server.http.start();
		server.watcher.scheduleWithFixedDelay(server.document::refreshIfChanged, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
		return server;
	}

	public int port() {
		return http.getAddress().getPort();
	}

	public URI uri() {
		return URI.create("http://127.0.0.1:" + port() + "/");
	}

	@Override
	public void close() {
		watcher.shutdownNow();
		http.stop(0);
		((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String method = exchange.getRequestMethod();
			if (method.equals("GET") && path.equals("/model"))
				send(exchange, 200, "application/json", document.json());
			else if (method.equals("GET") && path.equals("/version"))
				send(exchange, 200, "application/json", "{\"version\":" + document.version() + "}");
			else if (method.equals("POST") && path.equals("/edit"))
				edit(exchange);
			else if (path.equals("/favicon.ico"))
				send(exchange, 204, "text/plain", new byte[0]);
			else if (method.equals("GET") && PAGES.containsKey(path))
				page(exchange, PAGES.get(path));
			else
				send(exchange, 404, "text/plain", "no such page: " + method + " " + path);
		} catch (RuntimeException e) {
			// a bug, not a user error; the page shows the message and the server keeps running
			send(exchange, 500, "application/json", error("internal error: " + e));
		}
	}

	private void edit(HttpExchange exchange) throws IOException {
		String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		try {
			send(exchange, 200, "application/json", document.edit(EditRequest.parse(form)));
		} catch (EditException e) {
			send(exchange, 400, "application/json", error(e.getMessage()));
		} catch (IOException e) {
			send(exchange, 500, "application/json", error("cannot write " + document.file() + ": " + e.getMessage()));
		}
	}

	private static String error(String message) {
		return new Json().beginObject().field("error", message).endObject().toString();
	}

	private void page(HttpExchange exchange, String name) throws IOException {
		try (InputStream in = DiagramServer.class.getResourceAsStream("/web/" + name)) {
			if (in == null) {
				send(exchange, 500, "text/plain", "web/" + name + " is missing from this build (the client is built by npm in the Maven build)");
				return;
			}
			String type = name.endsWith(".js") ? "text/javascript" : name.endsWith(".css") ? "text/css" : "text/html";
			send(exchange, 200, type + "; charset=utf-8", in.readAllBytes());
		}
	}

	private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
		send(exchange, status, type.contains("charset") ? type : type + "; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
	}

	private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private static Thread daemon(Runnable r, String name) {
		Thread t = new Thread(r, name);
		t.setDaemon(true);
		return t;
	}
}
