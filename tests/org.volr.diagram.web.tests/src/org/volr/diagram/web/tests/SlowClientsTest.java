package org.volr.diagram.web.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that send half a request, trickle it, announce a huge body or open too many connections must not keep the
 * server from answering everyone else, and are cut off within a bounded time (5 s without a byte, 10 s for a whole
 * request).
 */
class SlowClientsTest extends ServedExample {
	private final List<Socket> sockets = new ArrayList<>();

	/** The sockets are closed before the server (a subclass's @AfterEach runs first). */
	@AfterEach
	void closeSockets() throws IOException {
		for (Socket s : sockets)
			s.close();
	}

	private Socket halfRequest(String text) throws IOException {
		Socket s = RawHttp.connect(port, 20_000);
		sockets.add(s);
		s.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
		s.getOutputStream().flush();
		return s;
	}

	@Test
	void halfRequestsDoNotHoldUpOtherClients() throws Exception {
		// more unfinished requests than the old server had threads, stuck in the head and in the body
		for (int i = 0; i < 12; i++)
			halfRequest("GET /model HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept: ");
		for (int i = 0; i < 4; i++)
			halfRequest(RawHttp.request("POST", "/edit", port, "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"op\":"));
		Thread.sleep(200);
		assertTimeoutPreemptively(Duration.ofSeconds(3), () -> {
			assertEquals(200, Http.get(server.uri(), "version").statusCode());
			assertEquals(200, Http.get(server.uri(), "model").statusCode());
		}, "the server must answer others while 16 requests are unfinished");
	}

	@Test
	void aHalfRequestIsCutOffAfterFiveSecondsOfSilence() throws Exception {
		Socket s = halfRequest("GET /model HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
		long started = System.nanoTime();
		RawHttp.Answer a = RawHttp.read(s.getInputStream());
		long seconds = (System.nanoTime() - started) / 1_000_000_000L;
		assertEquals(408, a.status(), a.body());
		assertTrue(seconds < 9, "cut off after " + seconds + " s");
		assertTrue(a.headers().contains("connection: close"), a.headers());
		assertEquals(-1, s.getInputStream().read(), "the server closed the connection");
	}

	@Test
	void aTrickledRequestIsCutOffAfterTenSeconds() throws Exception {
		Socket s = RawHttp.connect(port, 20_000);
		sockets.add(s);
		Thread trickler = Thread.ofVirtual().start(() -> {
			// a byte every 400 ms never trips the read timeout; the whole request would take 40 s
			byte[] request = RawHttp.request("GET", "/model", port, "X-Padding: " + "a".repeat(60) + "\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1);
			try {
				OutputStream out = s.getOutputStream();
				for (byte b : request) {
					out.write(b);
					out.flush();
					Thread.sleep(400);
				}
			} catch (IOException | InterruptedException e) {
				// cut off, as expected
			}
		});
		long started = System.nanoTime();
		RawHttp.Answer a = RawHttp.read(s.getInputStream());
		long seconds = (System.nanoTime() - started) / 1_000_000_000L;
		trickler.interrupt();
		assertEquals(408, a.status(), a.body());
		assertTrue(seconds >= 9 && seconds < 15, "cut off after " + seconds + " s");
	}

	@Test
	void aBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
		String token = Http.token(server.uri());
		String original = Files.readString(file);
		Socket s = halfRequest(RawHttp.request("POST", "/edit", port, "X-Volr-Token: " + token
				+ "\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n{\"op\":\"delete\","));
		long started = System.nanoTime();
		RawHttp.Answer a = RawHttp.read(s.getInputStream());
		assertEquals(413, a.status(), a.body());
		assertTrue(a.body().contains("100000000") && a.body().contains("at most"), a.body());
		assertTrue(System.nanoTime() - started < 3_000_000_000L, "refused at once, not after waiting for the body");
		assertEquals(original, Files.readString(file));
	}

	@Test
	void connectionsOverTheLimitAreTurnedAwayAtOnceAndTheServerRecovers() throws Exception {
		// 64 connections that never send a byte (the limit; the server would drop each after 15 s)
		for (int i = 0; i < 64; i++)
			sockets.add(RawHttp.connect(port, 20_000));
		long started = System.nanoTime();
		RawHttp.Answer refused = RawHttp.exchange(port, RawHttp.request("GET", "/version", port, "Connection: close\r\n\r\n"));
		assertEquals(503, refused.status(), refused.body());
		assertTrue(refused.body().contains("try again"), refused.body());
		assertTrue(System.nanoTime() - started < 3_000_000_000L, "turned away at once, not queued");
		for (Socket s : sockets)
			s.close();
		sockets.clear();
		assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
			while (RawHttp.exchange(port, RawHttp.request("GET", "/version", port, "Connection: close\r\n\r\n")).status() != 200)
				Thread.sleep(50);
		}, "closed connections give their places back");
	}
}
