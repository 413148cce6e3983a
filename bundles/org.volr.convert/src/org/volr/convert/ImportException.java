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
}
