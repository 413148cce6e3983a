package org.volr.convert;

import java.util.regex.Pattern;

/**
 * What an unchecked exception raised while reading a damaged file says about the file. Readers fail on damaged
 * input in ways that say little (a NullPointerException where a JSON field is missing, a ClassCastException where
 * it has another type): such failures are described by kind, others by their message with exception class names
 * taken out.
 */
final class FailureText {
	/** A qualified or simple exception class name, with the ": " that may follow it. */
	private static final Pattern CLASS_NAME = Pattern.compile("(?:[A-Za-z_$][\\w$]*\\.)*[A-Z][\\w$]*(?:Exception|Error)\\b:?\\s*");

	private FailureText() {
	}

	static String of(Throwable e) {
		String kind = kind(e);
		if (kind != null)
			return kind;
		String message = e.getMessage() == null ? "" : CLASS_NAME.matcher(e.getMessage()).replaceAll("").trim();
		return message.isEmpty() ? "damaged or truncated" : message;
	}

	private static String kind(Throwable e) {
		if (e instanceof NullPointerException)
			return "a required entry is missing";
		if (e instanceof NumberFormatException)
			return "a number is malformed";
		if (e instanceof ClassCastException || e instanceof UnsupportedOperationException)
			return "an entry has an unexpected type";
		if (e instanceof IndexOutOfBoundsException)
			return "an entry is shorter than expected";
		if (e instanceof NegativeArraySizeException || e instanceof ArithmeticException || e instanceof OutOfMemoryError)
			return "a declared size is impossible (or too large to read)";
		if (e instanceof StackOverflowError)
			return "its structure nests without end";
		return null;
	}
}
