package org.volr.diagram.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.volr.diagram.Json;
import org.volr.diagram.edit.EditException;

/**
 * The editable diagram of one .volr file on localhost: {@code GET /} the page (the Sprotty client),
 * {@code GET /model} the diagram as JSON, {@code GET /version} a number that goes up when the file changes,
 * {@code POST /edit} an edit, written to the file at once, {@code POST /undo} and {@code /redo} the page's last
 * edit, {@code POST /layout} {@code {"direction":"down"}} the diagram laid out top down (or {@code right}). The file is checked for changes every
 * {@value #POLL_MILLIS} ms, so an edit made in a text editor reaches the page (which polls /version) within a
 * second. Only the loopback address is bound and only requests from the page served here may edit
 * ({@link RequestGuard}): the page writes files.
 */
public final class DiagramServer implements AutoCloseable {
	static final int POLL_MILLIS = 200;
	private static final Map<String, String> PAGES = Map.of("/", "index.html", "/index.html", "index.html", "/diagram.js",
			"diagram.js", "/diagram.css", "diagram.css");
	/** The requests that change the file or its diagram: each needs the session's token. */
	private static final java.util.Set<String> CHANGES = java.util.Set.of("/edit", "/undo", "/redo", "/layout");
	/** Where index.html takes the session token, which the page sends back with each edit. */
	private static final String TOKEN_PLACEHOLDER = "@VOLR_TOKEN@";

	private final DiagramDocument document;
	private final LoopbackHttpServer http;
	private final RequestGuard guard;
	private final ScheduledExecutorService watcher;

	private DiagramServer(Path file, int port) throws IOException {
		document = new DiagramDocument(file.toAbsolutePath().normalize());
		http = LoopbackHttpServer.bind(port);
		guard = new RequestGuard(http.port());
		watcher = Executors.newSingleThreadScheduledExecutor(r -> LoopbackHttpServer.daemon(r, "volr-diagram-watch"));
	}

	/** Starts serving {@code file} on {@code port} (0: any free port). */
	public static DiagramServer start(Path file, int port) throws IOException {
		DiagramServer server = new DiagramServer(file, port);
		try {
			server.document.json();
		} catch (RuntimeException e) {
			server.close();
			throw e;
		}
		server.http.serve(server::handle);
		server.watcher.scheduleWithFixedDelay(server.document::refreshIfChanged, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
		return server;
	}

	public int port() {
		return http.port();
	}

	public URI uri() {
		return URI.create("http://127.0.0.1:" + port() + "/");
	}

	@Override
	public void close() {
		watcher.shutdownNow();
		http.close();
	}

	private HttpResponse handle(HttpRequest request) throws HttpError {
		guard.checkSource(request);
		String path = request.path();
		String method = request.method();
		if (method.equals("GET") && path.equals("/model"))
			return HttpResponse.json(200, document.json());
		if (method.equals("GET") && path.equals("/version"))
			return HttpResponse.json(200, "{\"version\":" + document.version() + "}");
		if (method.equals("POST") && CHANGES.contains(path)) {
			guard.checkEdit(request);
			return change(path, request.body());
		}
		if (path.equals("/favicon.ico"))
			return HttpResponse.text(204, "");
		if (method.equals("GET") && PAGES.containsKey(path))
			return page(PAGES.get(path));
		return HttpResponse.text(404, "no such page: " + HttpError.excerpt(method) + " " + HttpError.excerpt(path));
	}

	/** An edit, undo or redo of the file, or another layout of its diagram; the answer is the new model. */
	private HttpResponse change(String path, byte[] body) {
		try {
			String model = switch (path) {
			case "/undo" -> document.undo();
			case "/redo" -> document.redo();
			case "/layout" -> document.layout(LayoutRequest.parse(utf8(body)));
			default -> document.edit(EditRequest.parse(utf8(body)));
			};
			return HttpResponse.json(200, model);
		} catch (EditException e) {
			return HttpResponse.json(400, error(e.getMessage()));
		} catch (IOException e) {
			return HttpResponse.json(500, error("cannot write " + document.file() + ": " + e.getMessage()));
		}
	}

	private static String utf8(byte[] body) throws EditException {
		try {
			return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
		} catch (CharacterCodingException e) {
			throw new EditException("the edit is not UTF-8 text");
		}
	}

	private static String error(String message) {
		return new Json().beginObject().field("error", message).endObject().toString();
	}

	private HttpResponse page(String name) {
		try (InputStream in = DiagramServer.class.getResourceAsStream("/web/" + name)) {
			if (in == null)
				return HttpResponse.text(500, "web/" + name + " is missing from this build (the client is built by npm in the Maven build)");
			String type = name.endsWith(".js") ? "text/javascript" : name.endsWith(".css") ? "text/css" : "text/html";
			byte[] content = in.readAllBytes();
			if (name.equals("index.html"))
				content = new String(content, StandardCharsets.UTF_8).replace(TOKEN_PLACEHOLDER, guard.token())
						.getBytes(StandardCharsets.UTF_8);
			return new HttpResponse(200, type + "; charset=utf-8", content);
		} catch (IOException e) {
			return HttpResponse.text(500, "cannot read web/" + name + " from the bundle: " + e.getMessage());
		}
	}
}
