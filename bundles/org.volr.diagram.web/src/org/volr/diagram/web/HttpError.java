package org.volr.diagram.web;

/**
 * A request the server refuses, with the HTTP status and the short sentence the client gets as the answer. The
 * message is meant for the person at the other end: it says what was wrong and what to send instead, and never
 * carries a stack trace or a Java class name.
 */
final class HttpError extends Exception {
	private static final long serialVersionUID = 1L;

	private final int status;

	HttpError(int status, String message) {
		super(message, null, false, false);
		this.status = status;
	}

	int status() {
		return status;
	}

	/** A piece of the request, quoted in a message: cut short, so that the answer stays one short line. */
	static String excerpt(String text) {
		return text.length() <= 60 ? text : text.substring(0, 60) + "…";
	}
}
