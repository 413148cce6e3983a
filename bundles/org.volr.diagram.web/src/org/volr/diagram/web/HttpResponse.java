package org.volr.diagram.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An answer: status, content type and body, written with the headers every answer of this server carries. */
record HttpResponse(int status, String contentType, byte[] body) {
	private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(200, "OK"), Map.entry(204, "No Content"),
			Map.entry(400, "Bad Request"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"),
			Map.entry(408, "Request Timeout"), Map.entry(411, "Length Required"), Map.entry(413, "Content Too Large"),
			Map.entry(414, "URI Too Long"), Map.entry(415, "Unsupported Media Type"),
			Map.entry(431, "Request Header Fields Too Large"), Map.entry(500, "Internal Server Error"),
			Map.entry(503, "Service Unavailable"), Map.entry(505, "HTTP Version Not Supported"));

	static HttpResponse text(int status, String message) {
		return new HttpResponse(status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
	}

	static HttpResponse json(int status, String json) {
		return new HttpResponse(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
	}

	/** Writes the answer; without its body for a HEAD request, and announcing the close when the connection ends. */
	void write(OutputStream out, boolean headOnly, boolean close) throws IOException {
		StringBuilder head = new StringBuilder().append("HTTP/1.1 ").append(status).append(' ')
				.append(REASONS.getOrDefault(status, "Status")).append("\r\n");
		head.append("Content-Type: ").append(contentType).append("\r\n");
		boolean bodyless = status == 204 || status == 304;
		if (!bodyless)
			head.append("Content-Length: ").append(body.length).append("\r\n");
		head.append("Cache-Control: no-store\r\n");
		// the page edits files: no other site may frame it and trick the user into clicking, nor sniff a type
		head.append("X-Content-Type-Options: nosniff\r\n");
		head.append("X-Frame-Options: DENY\r\n");
		head.append("Content-Security-Policy: frame-ancestors 'none'\r\n");
		if (close)
			head.append("Connection: close\r\n");
		head.append("\r\n");
		out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
		if (!headOnly && !bodyless)
			out.write(body);
		out.flush();
	}
}
