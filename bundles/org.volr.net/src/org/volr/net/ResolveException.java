package org.volr.net;

/** A .volr network that cannot be resolved (it does not type-check, or still holds references); the message says why. */
public final class ResolveException extends Exception {
	private static final long serialVersionUID = 1L;

	public ResolveException(String message) {
		super(message);
	}
}
