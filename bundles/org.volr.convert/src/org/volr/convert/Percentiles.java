package org.volr.convert;

import java.util.Arrays;

/** Growable float storage and numpy's default ("linear") percentile. */
final class Percentiles {
	private float[] values = new float[1024];
	private int size;

	void add(float v) {
		if (size == values.length)
			values = Arrays.copyOf(values, Math.max(16, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * size)));
		values[size++] = v;
	}

	int size() {
		return size;
	}

	/** The values added, in the first {@link #size()} entries of the array (not a copy: read, do not keep). */
	float[] values() {
		return values;
	}

	/** numpy.percentile(values, p): linear interpolation between the two nearest ranks; null if empty. */
	Float percentile(double p) {
		if (size == 0)
			return null;
		float[] sorted = Arrays.copyOf(values, size);
		Arrays.sort(sorted);
		return percentileOfSorted(sorted, p);
	}

	int countAbove(float threshold) {
		int n = 0;
		for (int i = 0; i < size; i++)
			if (values[i] > threshold)
				n++;
		return n;
	}

	static float percentileOfSorted(float[] sorted, double p) {
		if (p < 0 || p > 100)
			throw new IllegalArgumentException("percentile must be in [0, 100], got " + p);
		double rank = p / 100.0 * (sorted.length - 1);
		int lo = (int) Math.floor(rank), hi = (int) Math.ceil(rank);
		return (float) (sorted[lo] + (sorted[hi] - (double) sorted[lo]) * (rank - lo));
	}
}
