package org.volr.pipeline;

/** A file declares no experiment of the name asked for, or several when none was named. */
public final class ExperimentChoiceException extends Exception {
	private static final long serialVersionUID = 1L;

	public ExperimentChoiceException(String message) {
		super(message);
	}
}
