package org.volr.sim;

/** The network cannot be simulated as it is; the message names the layer and what to change. */
public class LoweringException extends Exception {
	private static final long serialVersionUID = 1L;

	public LoweringException(String message) {
		super(message);
	}
}
