package org.volr.diagram.web.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Broken URLs, request lines, headers and edit bodies get a 4xx answer with one short sentence: never a dropped
 * connection, a stack trace or the name of a Java exception.
 */
class MalformedRequestsTest extends ServedExample {
	/** One short line that names no Java class and holds no stack frame. */
	private static void assertShortPlainMessage(String what, String message) {
		String text = message.strip();
		assertFalse(text.isEmpty(), what + ": an empty answer");
		assertTrue(text.length() < 300, what + ": " + text.length() + " characters: " + text);
		assertFalse(text.contains("\n"), what + ": more than one line: " + text);
		for (String javaDetail : new String[] { "Exception", "Error:", "java.", "com.sun", "com.google", "org.volr", "\tat " })
			assertFalse(text.contains(javaDetail), what + " shows '" + javaDetail + "': " + text);
	}

	@Test
	void badPercentEncodingIsA400WithAShortMessage() throws Exception {
		for (String target : new String[] { "/%zz", "/%E0%A4%A", "/%E0%A4", "/%", "/model%2", "/model?x=%g1", "/%C0%AF" }) {
			RawHttp.Answer a = RawHttp.exchange(port, RawHttp.request("GET", target, port, "Connection: close\r\n\r\n"));
			assertEquals(400, a.status(), target + ": " + a.body());
			assertTrue(a.body().contains("percent-encoding"), target + ": " + a.body());
			assertTrue(a.headers().contains("content-type: text/plain"), a.headers());
			assertShortPlainMessage(target, a.body());
		}
		// well-formed escapes still work
		assertEquals(200, RawHttp.exchange(port, RawHttp.request("GET", "/%6Dodel", port, "Connection: close\r\n\r\n")).status());
		RawHttp.Answer unknown = RawHttp.exchange(port, RawHttp.request("GET", "/caf%C3%A9", port, "Connection: close\r\n\r\n"));
		assertEquals(404, unknown.status());
		assertEquals("no such page: GET /café", unknown.body().strip());
	}

	@Test
	void malformedRequestsGetAShortAnswerNotADroppedConnection() throws Exception {
		String host = "Host: 127.0.0.1:" + port + "\r\n";
		Map<String, Integer> requests = new LinkedHashMap<>();
		requests.put("HELLO\r\n\r\n", 400);
		requests.put("GET model HTTP/1.1\r\n" + host + "\r\n", 400);
		requests.put("GET / HTTP/2.0\r\n" + host + "\r\n", 505);
		requests.put("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\n" + host + "\r\n", 414);
		requests.put("GET / HTTP/1.1\r\n" + host + "X-Long: " + "a".repeat(10_000) + "\r\n\r\n", 431);
		requests.put("GET / HTTP/1.1\r\n" + host + "X-Many: 1\r\n".repeat(120) + "\r\n", 431);
		requests.put("GET / HTTP/1.1\r\n" + host + "no colon here\r\n\r\n", 400);
		requests.put("GET / HTTP/1.1\r\n" + host + host + "\r\n", 400);
		requests.put("POST /edit HTTP/1.1\r\n" + host + "Content-Length: ten\r\n\r\n", 400);
		requests.put("POST /edit HTTP/1.1\r\n" + host + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nabcdef", 400);
		requests.put("POST /edit HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 411);
		requests.put("POST /nowhere HTTP/1.1\r\n" + host + "Content-Length: 0\r\nConnection: close\r\n\r\n", 404);
		requests.put("GET /" + "b".repeat(5000) + " HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n", 404);
		requests.put("GET / HTTP/" + "9".repeat(5000) + "\r\n" + host + "\r\n", 505);
		requests.put("\r\n\r\n\r\n\r\n\r\n", 400);
		for (Map.Entry<String, Integer> r : requests.entrySet()) {
			String what = r.getKey().length() > 60 ? r.getKey().substring(0, 60) + "…" : r.getKey();
			RawHttp.Answer a = RawHttp.exchange(port, r.getKey());
			assertEquals(r.getValue(), a.status(), what + ": " + a.body());
			assertShortPlainMessage(what, a.body());
		}
		// an empty line before a request is tolerated (RFC 9112, section 2.2)
		assertEquals(200, RawHttp.exchange(port, "\r\nGET /version HTTP/1.1\r\n" + host + "Connection: close\r\n\r\n").status());
		assertEquals(200, Http.get(server.uri(), "version").statusCode(), "the server still answers");
	}

	@Test
	void aMalformedEditIsA400WithTheReason() throws Exception {
		URI base = server.uri();
		String original = Files.readString(file);
		String[] bodies = { "op=delete&node=x", "", "[1, 2]", "{\"op\": [\"delete\"]}", "{\"op\": \"delete\", \"node\": null}",
				"{\"op\": \"delete\"", "{\"op\":\"delete\",\"node\":\"%zz\"}", "{\"op\":\"set\",\"node\":\"//@elements.99\",\"name\":\"x\",\"value\":\"1\"}" };
		for (String body : bodies) {
			HttpResponse<String> r = Http.edit(base, body);
			assertEquals(400, r.statusCode(), body + ": " + r.body());
			assertTrue(r.body().startsWith("{\"error\":\""), r.body());
			assertShortPlainMessage(body, r.body());
		}
		assertEquals(original, Files.readString(file));
	}
}
