package org.volr.convert;

/** A network that cannot be converted as asked; the message says why and what to change. */
public class ConversionException extends RuntimeException {
	private static final long serialVersionUID = 1L;

	public ConversionException(String message) {
		super(message);
	}
}
