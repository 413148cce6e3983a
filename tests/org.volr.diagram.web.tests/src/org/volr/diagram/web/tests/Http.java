package org.volr.diagram.web.tests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A few HTTP calls against the diagram server, as the page makes them. */
final class Http {
	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Http() {
	}

	static HttpResponse<String> get(URI base, String path) throws IOException, InterruptedException {
		return CLIENT.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	static HttpResponse<String> post(URI base, String path, String form) throws IOException, InterruptedException {
		return CLIENT.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
				.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The version number in /version's {"version":N}. */
	static long version(URI base) throws IOException, InterruptedException {
		String body = get(base, "version").body();
		return Long.parseLong(body.replaceAll("[^0-9]", ""));
	}
}
