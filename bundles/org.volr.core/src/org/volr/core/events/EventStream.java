package org.volr.core.events;

/**
 * The events of one recording from an event camera (DVS): pixel, polarity (0 off, 1 on) and time in microseconds,
 * in the order recorded.
 */
public record EventStream(int width, int height, int[] x, int[] y, byte[] polarity, long[] timeMicros) {
	public int size() {
		return x.length;
	}

	/** Input index of event i in a channels-first [2, height, width] layout. */
	public int inputIndex(int i) {
		return (polarity[i] * height + y[i]) * width + x[i];
	}

	public long durationMicros() {
		if (timeMicros.length == 0)
			return 0;
		long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
		for (long t : timeMicros) {
			min = Math.min(min, t);
			max = Math.max(max, t);
		}
		return max - min;
	}
}
