package org.volr.diagram.web.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Requests written as bytes on a socket to 127.0.0.1, for what an HTTP client library will not send: another Host,
 * a broken URL, half a request.
 */
final class RawHttp {
	/** An answer: the status, the header block (lower case) and the body. */
	record Answer(int status, String headers, String body) {
	}

	private RawHttp() {
	}

	/** A socket to the server on 127.0.0.1 whose reads give up after {@code timeoutMillis}. */
	static Socket connect(int port, int timeoutMillis) throws IOException {
		Socket socket = new Socket(InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 }), port);
		socket.setSoTimeout(timeoutMillis);
		return socket;
	}

	/** Sends {@code request} (ISO-8859-1, as written) on a new connection and reads the one answer. */
	static Answer exchange(int port, String request) throws IOException {
		try (Socket socket = connect(port, 10_000)) {
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			return read(socket.getInputStream());
		}
	}

	/** A request line and Host header for this server, then {@code rest} (more headers, the blank line, a body). */
	static String request(String method, String target, int port, String rest) {
		return method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + rest;
	}

	/** Reads one answer: the head up to the blank line, then as many bytes as its Content-Length says. */
	static Answer read(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int b = in.read();
			if (b < 0)
				throw new IOException("the server closed the connection without an answer, after: " + head);
			head.write(b);
			matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
		}
		String headers = head.toString(StandardCharsets.ISO_8859_1);
		String statusLine = headers.substring(0, headers.indexOf("\r\n"));
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		String lower = headers.toLowerCase(Locale.ROOT);
		int at = lower.indexOf("\r\ncontent-length:");
		int length = 0;
		if (at >= 0) {
			int end = lower.indexOf("\r\n", at + 2);
			length = Integer.parseInt(lower.substring(at + "\r\ncontent-length:".length(), end).strip());
		}
		String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
		return new Answer(status, lower, body);
	}
}
