package org.volr.diagram.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict percent-decoding of a URL's path or query: every {@code %} must start two hex digits and the bytes must
 * be UTF-8. {@link java.net.URLDecoder} throws an unchecked exception on the first and silently substitutes on the
 * second, so a mistyped URL would become a dropped connection or a different path.
 */
final class PercentDecoding {
	private PercentDecoding() {
	}

	/**
	 * Decodes {@code text}, a part of a request line read as ISO-8859-1; {@code what} names that part in the error
	 * message.
	 */
	static String decode(String text, String what) throws HttpError {
		if (text.indexOf('%') < 0)
			return text;
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c != '%') {
				// the request line is read as ISO-8859-1, one char per byte, so a raw byte is written back as is
				bytes.write(c);
				continue;
			}
			int high = i + 1 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
			int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
			if (high < 0 || low < 0)
				throw new HttpError(400, "bad percent-encoding in the " + what + " at '" + excerpt(text, i)
						+ "': '%' must be followed by two hex digits (write '%25' for a literal '%')");
			bytes.write(high * 16 + low);
			i += 2;
		}
		try {
			return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
					.onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
		} catch (CharacterCodingException e) {
			throw new HttpError(400, "bad percent-encoding in the " + what + ": the escaped bytes are not UTF-8 text");
		}
	}

	private static String excerpt(String text, int at) {
		return text.substring(at, Math.min(text.length(), at + 3));
	}
}
