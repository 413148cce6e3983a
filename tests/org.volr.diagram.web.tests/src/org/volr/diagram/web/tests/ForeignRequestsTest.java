package org.volr.diagram.web.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.volr.diagram.web.DiagramServer;

/**
 * Requests that do not come from the page the server itself serves: a page of another site posting an edit
 * (cross-site request forgery), a domain pointed at 127.0.0.1 (DNS rebinding), a form, an edit without the
 * session's token. Each is refused and leaves the file as it was.
 */
class ForeignRequestsTest extends ServedExample {
	private static final String F5 = "//@elements.0/@body/@steps.5";
	private static final String EDIT = Http.json("op", "delete", "node", F5);

	private String original;
	private String token;

	/** Read once the server has started: it does not write the file until an edit comes. */
	@BeforeEach
	void readOriginalAndToken() throws Exception {
		original = Files.readString(file);
		token = Http.token(server.uri());
	}

	/** A JSON edit with the right token, from the given extra headers (Host comes first, as given). */
	private RawHttp.Answer post(String host, String headers, String body) throws Exception {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return RawHttp.exchange(port, "POST /edit HTTP/1.1\r\nHost: " + host + "\r\n" + headers + "Content-Length: "
				+ bytes.length + "\r\nConnection: close\r\n\r\n" + body);
	}

	private RawHttp.Answer get(String host) throws Exception {
		return RawHttp.exchange(port, "GET /model HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
	}

	@Test
	void onlyRequestsForTheLoopbackAddressAndPortAreAnswered() throws Exception {
		assertEquals(200, get("127.0.0.1:" + port).status());
		assertEquals(200, get("localhost:" + port).status());
		assertEquals(200, get("LOCALHOST:" + port).status());
		assertEquals(200, get("[::1]:" + port).status());
		// DNS rebinding: a site's own name resolved to 127.0.0.1 arrives with that name
		RawHttp.Answer rebound = get("attacker.example:" + port);
		assertEquals(403, rebound.status());
		assertTrue(rebound.body().contains("attacker.example"), rebound.body());
		assertEquals(403, get("127.0.0.1:" + (port == 65535 ? 1 : port + 1)).status());
		assertEquals(403, get("127.0.0.1").status());
		assertEquals(403, RawHttp.exchange(port, "GET /model HTTP/1.0\r\n\r\n").status(), "no Host at all");
		// not even with the token (which a rebound page could have read from the served page otherwise)
		assertEquals(403, post("attacker.example:" + port, "X-Volr-Token: " + token + "\r\nContent-Type: application/json\r\n",
				EDIT).status());
		assertEquals(original, Files.readString(file));
	}

	@Test
	void anEditFromAPageOfAnotherSiteIsRefused() throws Exception {
		String host = "127.0.0.1:" + port;
		String json = "X-Volr-Token: " + token + "\r\nContent-Type: application/json\r\n";
		for (String foreign : new String[] { "https://attacker.example", "http://127.0.0.1:" + (port == 65535 ? 1 : port + 1), "null",
				"http://127.0.0.1.attacker.example:" + port }) {
			RawHttp.Answer a = post(host, json + "Origin: " + foreign + "\r\n", EDIT);
			assertEquals(403, a.status(), foreign + ": " + a.body());
			assertEquals(original, Files.readString(file), foreign);
		}
		// the server's own page, under either name
		RawHttp.Answer own = post(host, json + "Origin: http://localhost:" + port + "\r\n", Http.json("op", "set", "node", F5,
				"name", "units", "value", "121"));
		assertEquals(200, own.status(), own.body());
		assertTrue(Files.readString(file).contains("f5: dense 121 relu"), Files.readString(file));
		own = post(host, json + "Origin: http://127.0.0.1:" + port + "\r\n", Http.json("op", "set", "node", F5, "name", "units",
				"value", "122"));
		assertEquals(200, own.status(), own.body());
		assertTrue(Files.readString(file).contains("f5: dense 122 relu"), Files.readString(file));
	}

	@Test
	void anEditWithoutThisSessionsTokenIsRefused() throws Exception {
		String host = "127.0.0.1:" + port;
		RawHttp.Answer none = post(host, "Content-Type: application/json\r\n", EDIT);
		assertEquals(403, none.status());
		assertTrue(none.body().contains("X-Volr-Token") && none.body().contains("reload the page"), none.body());
		assertEquals(403, post(host, "X-Volr-Token: \r\nContent-Type: application/json\r\n", EDIT).status());
		assertEquals(403, post(host, "X-Volr-Token: " + token.substring(1) + "x\r\nContent-Type: application/json\r\n", EDIT).status());
		// another server's page (another file, or this one before a restart) has another token
		Path other = dir.resolve("other.volr");
		Files.copy(file, other);
		try (DiagramServer second = DiagramServer.start(other, 0)) {
			String otherToken = Http.token(second.uri());
			assertNotEquals(token, otherToken);
			assertTrue(otherToken.length() >= 40, "32 random bytes: " + otherToken);
			assertEquals(403, post(host, "X-Volr-Token: " + otherToken + "\r\nContent-Type: application/json\r\n", EDIT).status());
		}
		assertEquals(original, Files.readString(file));
	}

	@Test
	void anEditMustBeJsonSoThatNoCrossSiteFormCanSendIt() throws Exception {
		String host = "127.0.0.1:" + port;
		for (String type : new String[] { "application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x" }) {
			RawHttp.Answer a = post(host, "X-Volr-Token: " + token + "\r\nContent-Type: " + type + "\r\n", "op=delete&node=" + F5);
			assertEquals(415, a.status(), type);
			assertTrue(a.body().contains("application/json"), a.body());
		}
		assertEquals(415, post(host, "X-Volr-Token: " + token + "\r\n", EDIT).status(), "no Content-Type");
		assertEquals(original, Files.readString(file));
		assertEquals(200, post(host, "X-Volr-Token: " + token + "\r\nContent-Type: application/json; charset=utf-8\r\n", EDIT).status());
	}

	@Test
	void noOtherSiteMayFrameThePage() throws Exception {
		RawHttp.Answer page = RawHttp.exchange(port, RawHttp.request("GET", "/", port, "Connection: close\r\n\r\n"));
		assertEquals(200, page.status());
		assertTrue(page.headers().contains("x-frame-options: deny"), page.headers());
		assertTrue(page.headers().contains("frame-ancestors 'none'"), page.headers());
	}
}
