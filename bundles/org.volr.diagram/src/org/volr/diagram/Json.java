package org.volr.diagram;

/**
 * Appends JSON text in the order it is written; enough for the Sprotty model, and deterministic, unlike a
 * serializer that walks hash maps.
 */
public final class Json {
	private final StringBuilder out = new StringBuilder();
	/** Whether the next member or element needs a comma before it. */
	private boolean comma;

	/** Starts an object: the document itself, an array element, or a member's value after {@link #key}. */
	public Json beginObject() {
		separate();
		out.append('{');
		comma = false;
		return this;
	}

	public Json endObject() {
		out.append('}');
		comma = true;
		return this;
	}

	public Json beginArray(String key) {
		key(key);
		out.append('[');
		comma = false;
		return this;
	}

	public Json endArray() {
		out.append(']');
		comma = true;
		return this;
	}

	public Json field(String key, String value) {
		key(key);
		string(value);
		comma = true;
		return this;
	}

	public Json field(String key, double value) {
		key(key);
		out.append(Numbers.format(value));
		comma = true;
		return this;
	}

	public Json field(String key, boolean value) {
		key(key);
		out.append(value);
		comma = true;
		return this;
	}

	/** Text that is already JSON (a nested document), as the value of a member. */
	public Json raw(String key, String json) {
		key(key);
		out.append(json);
		comma = true;
		return this;
	}

	/** Starts an object member whose value follows (an object or array). */
	public Json key(String key) {
		separate();
		string(key);
		out.append(':');
		comma = false;
		return this;
	}

	/** A string element of an array. */
	public Json value(String value) {
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
