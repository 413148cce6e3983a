package org.volr.ann;

/** A network or weight file that the analog (ANN) side cannot run or train; the message says what to change. */
public class AnnException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	public AnnException(String message) {
		super(message);
	}
}
