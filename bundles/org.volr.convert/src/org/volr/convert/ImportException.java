package org.volr.convert;

import java.nio.file.Path;

/** A model file cannot be imported; the message names the file, the place in it and what was expected. */
public class ImportException extends Exception {
	private static final long serialVersionUID = 1L;

	public ImportException(Path file, String message) {
		super(file.getFileName() + ": " + message);
	}

	public ImportException(Path file, String message, Throwable cause) {
		super(file.getFileName() + ": " + message, cause);
	}

	/**
	 * A damaged file that made a reader (ours or a library's) fail with an unchecked exception: the message says
	 * what could not be read and what went wrong in words, without Java's exception class names, which mean
	 * nothing to the user; the exception stays attached as the cause.
	 */
	public static ImportException damaged(Path file, String what, Throwable cause) {
		return new ImportException(file, what + " (" + FailureText.of(cause) + ")", cause);
	}
}
