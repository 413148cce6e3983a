package org.volr.pipeline;

/** A step of an experiment cannot be done as written; the message says which and why. */
public final class PipelineException extends Exception {
	private static final long serialVersionUID = 1L;

	public PipelineException(String message) {
		super(message);
	}
}
