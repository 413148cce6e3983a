package org.volr.pipeline;

import org.eclipse.emf.ecore.EObject;

/** A step of an experiment cannot be done as written; the message says which and why. */
public final class PipelineException extends Exception {
	private static final long serialVersionUID = 1L;

	/** The clause of the experiment the failure belongs to, where it is known; transient: a model is not serialisable. */
	private final transient EObject clause;

	public PipelineException(String message) {
		this(message, null);
	}

	public PipelineException(String message, EObject clause) {
		super(message);
		this.clause = clause;
	}

	/** The clause to report the failure at, or null for the experiment as a whole. */
	public EObject clause() {
		return clause;
	}
}
