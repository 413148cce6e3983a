package org.volr.cli;

/** A step of an experiment cannot be done as written; the message says which and why. */
final class PipelineException extends Exception {
	private static final long serialVersionUID = 1L;

	PipelineException(String message) {
		super(message);
	}
}
