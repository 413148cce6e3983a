package org.volr.gen;

/** Input samples shipped with a generated script, flattened channels-first, with their labels. */
public record SampleSet(int count, int[] shape, float[] features, int[] labels) {
	public SampleSet {
		int size = 1;
		for (int d : shape)
			size *= d;
		if (features.length != (long) count * size || labels.length != count)
			throw new IllegalArgumentException(count + " samples of " + size + " values need " + (long) count * size
					+ " features and " + count + " labels, got " + features.length + " and " + labels.length);
	}

	public int sampleSize() {
		return count == 0 ? 0 : features.length / count;
	}
}
