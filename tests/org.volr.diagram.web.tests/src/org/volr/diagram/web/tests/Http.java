package org.volr.diagram.web.tests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A few HTTP calls against the diagram server, as the page makes them. */
final class Http {
	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	private static final Pattern TOKEN = Pattern.compile("<meta name=\"volr-token\" content=\"([^\"]*)\">");

	private Http() {
	}

	static HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
		return CLIENT.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** Posts an edit as the page does: JSON, with the session token the served page carries. */
	static HttpResponse<String> edit(URI base, String json) throws IOException, InterruptedException {
		return post(base, "edit", json);
	}

	/** Posts a change (edit, undo, redo, layout) as the page does. */
	static HttpResponse<String> post(URI base, String path, String json) throws IOException, InterruptedException {
		return CLIENT.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
				.header("Content-Type", "application/json").header("X-Volr-Token", token(base))
				.POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The session token in the page the server serves. */
	static String token(URI base) throws IOException, InterruptedException {
		String page = get(base, "").body();
		Matcher m = TOKEN.matcher(page);
		if (!m.find())
			throw new AssertionError("the page carries no volr-token meta element:\n" + page);
		return m.group(1);
	}

	/** A JSON object of the given name/value pairs, as the page's edit() sends. */
	static String json(String... pairs) {
		StringBuilder b = new StringBuilder("{");
		for (int i = 0; i < pairs.length; i += 2)
			b.append(i == 0 ? "" : ",").append(quote(pairs[i])).append(':').append(quote(pairs[i + 1]));
		return b.append('}').toString();
	}

	private static String quote(String s) {
		return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
	}

	/** The version number in /version's {"version":N}. */
	static long version(URI base) throws IOException, InterruptedException {
		String body = get(base, "version").body();
		return Long.parseLong(body.replaceAll("[^0-9]", ""));
	}
}
