package org.volr.diagram.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads HTTP/1.1 requests from one connection, within limits that keep a slow or hostile client from holding the
 * server: the request line, the headers and the body each have a size limit, and the whole request must arrive
 * within {@link #REQUEST_TIME} once its first byte did; every single read also gives up after
 * {@link #READ_TIMEOUT}, so a client that trickles a byte now and then is cut off too.
 */
final class HttpRequestReader {
	static final Duration IDLE_TIMEOUT = Duration.ofSeconds(15);
	static final Duration READ_TIMEOUT = Duration.ofSeconds(5);
	static final Duration REQUEST_TIME = Duration.ofSeconds(10);
	/** Edits are a few hundred bytes; a body this large is a mistake or an attack. */
	static final int MAX_BODY = 4 * 1024 * 1024;
	private static final int MAX_LINE = 8 * 1024;
	private static final int MAX_HEADERS = 100;
	/** Headers a request may send only once: two differing values would make the server and a client disagree. */
	private static final Set<String> SINGLE = Set.of("host", "origin", "content-type", "content-length", "transfer-encoding",
			RequestGuard.TOKEN_HEADER.toLowerCase(Locale.ROOT));

	private final Socket socket;
	private final InputStream in;
	private final OutputStream out;
	private long deadline;

	HttpRequestReader(Socket socket, InputStream in, OutputStream out) {
		this.socket = socket;
		this.in = in;
		this.out = out;
	}

	/**
	 * The next request, or null when the client closed the connection, or left it idle for {@link #IDLE_TIMEOUT},
	 * before starting one.
	 */
	HttpRequest next() throws IOException, HttpError {
		socket.setSoTimeout((int) IDLE_TIMEOUT.toMillis());
		int first;
		try {
			first = in.read();
		} catch (SocketTimeoutException e) {
			return null;
		}
		if (first < 0)
			return null;
		socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
		deadline = System.nanoTime() + REQUEST_TIME.toNanos();
		// RFC 9112 asks a server to ignore empty lines before a request line (some clients end a body with CRLF)
		for (int blank = 0; first == '\r' || first == '\n'; blank++) {
			if (blank == 4)
				throw new HttpError(400, "the request starts with empty lines instead of 'METHOD /path HTTP/1.1'");
			first = read();
		}
		String requestLine = (char) first + line(414, "the request line is longer than " + MAX_LINE + " bytes");
		String[] parts = requestLine.split(" ", -1);
		if (parts.length != 3 || parts[0].isEmpty() || !parts[1].startsWith("/") || !parts[2].startsWith("HTTP/"))
			throw new HttpError(400, "malformed request line: expected 'METHOD /path HTTP/1.1'");
		String version = parts[2];
		if (!version.equals("HTTP/1.1") && !version.equals("HTTP/1.0"))
			throw new HttpError(505, "this server speaks HTTP/1.1 and HTTP/1.0, not " + HttpError.excerpt(version));
		String target = parts[1];
		int question = target.indexOf('?');
		String path = PercentDecoding.decode(question < 0 ? target : target.substring(0, question), "path");
		// no page reads the query, but a malformed one is still the client's mistake and answered as one
		if (question >= 0)
			PercentDecoding.decode(target.substring(question + 1), "query");
		Map<String, String> headers = headers();
		if (headers.containsKey("transfer-encoding"))
			throw new HttpError(411, "send the body with a Content-Length header; chunked or other transfer encodings are not accepted");
		int length = contentLength(headers.get("content-length"));
		if ("100-continue".equalsIgnoreCase(headers.get("expect")) && length > 0) {
			out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
		}
		byte[] body = body(length);
		String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
		boolean keepAlive = version.equals("HTTP/1.1") && !connection.contains("close");
		return new HttpRequest(parts[0], path, headers, body, keepAlive);
	}

	private Map<String, String> headers() throws IOException, HttpError {
		Map<String, String> headers = new HashMap<>();
		for (int count = 0;; count++) {
			String line = line(431, "a header line is longer than " + MAX_LINE + " bytes");
			if (line.isEmpty())
				return headers;
			if (count == MAX_HEADERS)
				throw new HttpError(431, "the request has more than " + MAX_HEADERS + " headers");
			int colon = line.indexOf(':');
			if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t' || line.substring(0, colon).contains(" "))
				throw new HttpError(400, "malformed header line: expected 'Name: value'");
			String name = line.substring(0, colon).toLowerCase(Locale.ROOT);
			String value = line.substring(colon + 1).strip();
			if (headers.put(name, value) != null && SINGLE.contains(name))
				throw new HttpError(400, "the request has more than one " + name + " header");
		}
	}

	private static int contentLength(String header) throws HttpError {
		if (header == null)
			return 0;
		if (header.isEmpty() || header.length() > 18 || !header.chars().allMatch(c -> c >= '0' && c <= '9'))
			throw new HttpError(400, "Content-Length must be a number of bytes, got '" + HttpError.excerpt(header) + "'");
		long length = Long.parseLong(header);
		if (length > MAX_BODY)
			throw new HttpError(413, "the request body of " + length + " bytes is too large: at most " + MAX_BODY + " are accepted");
		return (int) length;
	}

	private byte[] body(int length) throws IOException, HttpError {
		byte[] body = new byte[length];
		int done = 0;
		while (done < length) {
			checkDeadline();
			int n;
			try {
				n = in.read(body, done, length - done);
			} catch (SocketTimeoutException e) {
				throw tooSlow();
			}
			if (n < 0)
				throw new HttpError(400, "the body ended after " + done + " of the " + length + " bytes its Content-Length announced");
			done += n;
		}
		return body;
	}

	/** One line without its CRLF, read as ISO-8859-1 (one char per byte); {@code status} and {@code tooLong} when it has no end. */
	private String line(int status, String tooLong) throws IOException, HttpError {
		StringBuilder line = new StringBuilder();
		while (true) {
			int b = read();
			if (b == '\n')
				break;
			if (line.length() == MAX_LINE)
				throw new HttpError(status, tooLong);
			line.append((char) b);
		}
		int end = line.length();
		return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
	}

	private int read() throws IOException, HttpError {
		checkDeadline();
		int b;
		try {
			b = in.read();
		} catch (SocketTimeoutException e) {
			throw tooSlow();
		}
		if (b < 0)
			throw new HttpError(400, "the connection closed in the middle of the request");
		return b;
	}

	private void checkDeadline() throws HttpError {
		if (System.nanoTime() - deadline > 0)
			throw tooSlow();
	}

	private static HttpError tooSlow() {
		return new HttpError(408, "the request did not arrive in time: send it whole within " + REQUEST_TIME.toSeconds()
				+ " s, with no pause longer than " + READ_TIMEOUT.toSeconds() + " s");
	}
}
