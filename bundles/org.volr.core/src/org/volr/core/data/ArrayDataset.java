package org.volr.core.data;

import java.util.Arrays;
import java.util.NoSuchElementException;

/** A dataset held in memory: for small data made in code (tests, benchmarks, data already loaded). */
public final class ArrayDataset implements Dataset {
	private final String name;
	private final int[] sampleShape;
	private final int numClasses, sampleSize;
	private final float[] features;
	private final int[] labels;

	public ArrayDataset(String name, int[] sampleShape, int numClasses, float[] features, int[] labels) {
		int size = 1;
		for (int d : sampleShape)
			size *= d;
		if ((long) size * labels.length != features.length)
			throw new IllegalArgumentException(name + ": " + features.length + " values for " + labels.length + " samples of "
					+ Arrays.toString(sampleShape));
		this.name = name;
		this.sampleShape = sampleShape.clone();
		this.numClasses = numClasses;
		this.sampleSize = size;
		this.features = features;
		this.labels = labels;
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public int[] sampleShape() {
		return sampleShape.clone();
	}

	@Override
	public int numClasses() {
		return numClasses;
	}

	@Override
	public int size() {
		return labels.length;
	}

	@Override
	public int[] labels() {
		return labels.clone();
	}

	@Override
	public BatchIterator batches(int batchSize) {
		if (batchSize <= 0)
			throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
		return new BatchIterator() {
			private int next;

			@Override
			public boolean hasNext() {
				return next < labels.length;
			}

			@Override
			public Batch next() {
				if (!hasNext())
					throw new NoSuchElementException();
				int n = Math.min(batchSize, labels.length - next);
				Batch b = new Batch(Arrays.copyOfRange(features, next * sampleSize, (next + n) * sampleSize),
						Arrays.copyOfRange(labels, next, next + n), sampleShape);
				next += n;
				return b;
			}

			@Override
			public void close() {
				next = labels.length;
			}
		};
	}
}
