package org.volr.net;

/** A resolved network that no spiking simulator or target can run as it stands; the message says why and what to change. */
public final class CannotSpikeException extends Exception {
	private static final long serialVersionUID = 1L;

	public CannotSpikeException(String message) {
		super(message);
	}
}
