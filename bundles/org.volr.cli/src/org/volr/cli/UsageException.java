package org.volr.cli;

/** The command line itself is wrong (unknown option, missing argument): exit code 2 and the usage text. */
final class UsageException extends Exception {
	private static final long serialVersionUID = 1L;

	UsageException(String message) {
		super(message);
	}
}
