package org.volr.lang.ide.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The client's side of the protocol stream with malformed messages dropped. lsp4j reads a header it cannot use
 * ({@code Content-Length: abc}, a header block without Content-Length) and then takes the message's body for the
 * next header, so every later message is read out of step and the client waits for ever. Here every message is
 * checked first: header lines without a colon are ignored, and a header block without a usable Content-Length
 * is dropped with what follows it, up to the next {@code Content-Length:}; the server goes on with that message.
 * What passes on is each good message re-framed with its Content-Length alone.
 */
public final class WellFormedMessages extends InputStream {
	/** The largest message accepted; a larger length is taken for a garbled header. */
	static final int MAX_CONTENT_LENGTH = 256 << 20;
	private static final int MAX_HEADER_LINE = 8192;
	private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);

	private final InputStream in;
	private final Consumer<String> log;
	private byte[] message = new byte[0];
	private int position;
	/** The first header line found by skipping ahead, to be read before the stream's next line. */
	private String found;

	/** @param log where a dropped message is reported (the server's standard error, never the protocol stream) */
	public WellFormedMessages(InputStream in, Consumer<String> log) {
		this.in = new BufferedInputStream(in);
		this.log = log;
	}

	@Override
	public int read() throws IOException {
		if (!fill())
			return -1;
		return message[position++] & 0xff;
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		if (len == 0)
			return 0;
		if (!fill())
			return -1;
		int n = Math.min(len, message.length - position);
		System.arraycopy(message, position, b, off, n);
		position += n;
		return n;
	}

	@Override
	public int available() {
		return message.length - position;
	}

	@Override
	public void close() throws IOException {
		in.close();
	}

	private boolean fill() throws IOException {
		while (position >= message.length) {
			byte[] next = nextMessage();
			if (next == null)
				return false;
			message = next;
			position = 0;
		}
		return true;
	}

	/** The next well-formed message, re-framed; null at the end of the input. */
	private byte[] nextMessage() throws IOException {
		while (true) {
			int length = -1;
			String problem = null;
			boolean any = false;
			while (true) {
				String line = found != null ? found : readLine();
				found = null;
				if (line == null)
					return null;
				if (line.isEmpty()) {
					if (!any)
						continue; // blank lines between messages
					break;
				}
				any = true;
				if (line.length() > MAX_HEADER_LINE) {
					problem = "a header line of more than " + MAX_HEADER_LINE + " characters";
					break;
				}
				int colon = line.indexOf(':');
				if (colon < 0) {
					log.accept("ignored a header line without ':': '" + shorten(line) + "'");
					continue;
				}
				if (!line.substring(0, colon).trim().equalsIgnoreCase("Content-Length"))
					continue;
				String value = line.substring(colon + 1).trim();
				try {
					length = Integer.parseInt(value);
					if (length < 0 || length > MAX_CONTENT_LENGTH)
						problem = "Content-Length " + value + " (at most " + MAX_CONTENT_LENGTH + ")";
				} catch (NumberFormatException e) {
					problem = "'Content-Length: " + shorten(value) + "'";
				}
			}
			if (problem == null && length < 0)
				problem = "a header without Content-Length";
			if (problem != null) {
				log.accept("dropped a message with " + problem + "; skipping to the next Content-Length header");
				if (!skipToContentLength())
					return null;
				continue;
			}
			byte[] body = in.readNBytes(length);
			if (body.length < length)
				return null;
			byte[] header = ("Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
			byte[] framed = new byte[header.length + body.length];
			System.arraycopy(header, 0, framed, 0, header.length);
			System.arraycopy(body, 0, framed, header.length, body.length);
			return framed;
		}
	}

	/** Reads on until "Content-Length:" (in any case); the rest of its line becomes the next header line. */
	private boolean skipToContentLength() throws IOException {
		int matched = 0;
		while (matched < CONTENT_LENGTH.length) {
			int b = in.read();
			if (b < 0)
				return false;
			int lower = Character.toLowerCase(b);
			if (lower == CONTENT_LENGTH[matched])
				matched++;
			else
				matched = lower == CONTENT_LENGTH[0] ? 1 : 0; // no proper prefix of the name recurs inside it
		}
		String rest = readLine();
		if (rest == null)
			return false;
		found = "Content-Length:" + rest;
		return true;
	}

	/** One header line without its CR LF (or LF); null at the end of the input. Stops early at an overlong line. */
	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		while (true) {
			int b = in.read();
			if (b < 0)
				return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
			if (b == '\n')
				break;
			line.write(b);
			if (line.size() > MAX_HEADER_LINE)
				return line.toString(StandardCharsets.US_ASCII);
		}
		String s = line.toString(StandardCharsets.US_ASCII);
		return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
	}

	/** A header as it can be shown in a log line: short, printable. */
	private static String shorten(String s) {
		return (s.length() > 60 ? s.substring(0, 60) + "..." : s).replaceAll("[^\\x20-\\x7e]", "?");
	}
}
