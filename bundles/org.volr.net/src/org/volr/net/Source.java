package org.volr.net;

/**
 * An edge of the network's graph: a layer reads the output of layer {@code layer} (or the network's {@link #INPUT})
 * placed at {@code offset} of its own input, counted in channels-first order. Parallel branches ({@code |}) make a
 * layer read several sources at increasing offsets (concatenation); added branches ({@code +}) several sources at
 * the same offsets (their outputs add up).
 */
public record Source(int layer, int offset) {
	/** The source index of the network's input. */
	public static final int INPUT = -1;

	public boolean isInput() {
		return layer == INPUT;
	}
}
