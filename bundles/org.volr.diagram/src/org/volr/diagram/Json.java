package org.volr.diagram;

/**
 * Appends JSON text in the order it is written; enough for the Sprotty model, and deterministic, unlike a
 * serializer that walks hash maps.
 */
final class Json {
	private final StringBuilder out = new StringBuilder();
	/** Whether the next member or element needs a comma before it. */
	private boolean comma;

	Json beginObject() {
		separate();
		out.append('{');
		comma = false;
		return this;
	}

	Json endObject() {
		out.append('}');
		comma = true;
		return this;
	}

	Json beginArray(String key) {
		key(key);
		out.append('[');
		comma = false;
		return this;
	}

	Json endArray() {
		out.append(']');
		comma = true;
		return this;
	}

	Json field(String key, String value) {
		key(key);
		string(value);
		comma = true;
		return this;
	}

	Json field(String key, double value) {
		key(key);
		out.append(Numbers.format(value));
		comma = true;
		return this;
	}

	/** Starts an object member whose value follows (an object or array). */
	Json key(String key) {
		separate();
		string(key);
		out.append(':');
		comma = false;
		return this;
	}

	/** A string element of an array. */
	Json value(String value) {
		separate();
		string(value);
		comma = true;
		return this;
	}

	private void separate() {
		if (comma)
			out.append(',');
	}

	private void string(String s) {
		out.append('"');
		for (char c : s.toCharArray()) {
			switch (c) {
			case '"' -> out.append("\\\"");
			case '\\' -> out.append("\\\\");
			case '\n' -> out.append("\\n");
			case '\r' -> out.append("\\r");
			case '\t' -> out.append("\\t");
			default -> {
				if (c < 0x20)
					out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
				else
					out.append(c);
			}
			}
		}
		out.append('"');
	}

	@Override
	public String toString() {
		return out.toString();
	}
}
