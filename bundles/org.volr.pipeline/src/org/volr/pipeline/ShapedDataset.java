package org.volr.pipeline;

import java.util.Arrays;

import org.volr.core.data.Batch;
import org.volr.core.data.BatchIterator;
import org.volr.core.data.Dataset;

/**
 * A dataset seen with the sample shape a network takes, when only the shape differs (784 values given as
 * [1, 28, 28] to a network whose input is [784], or the other way round): the values are the same, in the same
 * channels-first order.
 */
final class ShapedDataset implements Dataset {
	private final Dataset data;
	private final int[] shape;

	private ShapedDataset(Dataset data, int[] shape) {
		this.data = data;
		this.shape = shape.clone();
	}

	/** The data as the network wants it; an error naming both shapes when their sizes differ. */
	static Dataset fit(Dataset data, int[] networkInput, String networkName) throws PipelineException {
		if (Arrays.equals(data.sampleShape(), networkInput))
			return data;
		if (size(data.sampleShape()) != size(networkInput))
			throw new PipelineException("the data's samples are " + Arrays.toString(data.sampleShape()) + " ("
					+ size(data.sampleShape()) + " values), but network '" + networkName + "' takes "
					+ Arrays.toString(networkInput) + " (" + size(networkInput) + " values)");
		return new ShapedDataset(data, networkInput);
	}

	private static long size(int[] shape) {
		long n = 1;
		for (int d : shape)
			n *= d;
		return n;
	}

	@Override
	public String name() {
		return data.name();
	}

	@Override
	public int[] sampleShape() {
		return shape.clone();
	}

	@Override
	public int numClasses() {
		return data.numClasses();
	}

	@Override
	public int size() {
		return data.size();
	}

	@Override
	public int[] labels() {
		return data.labels();
	}

	@Override
	public BatchIterator batches(int batchSize) {
		BatchIterator inner = data.batches(batchSize);
		return new BatchIterator() {
			@Override
			public boolean hasNext() {
				return inner.hasNext();
			}

			@Override
			public Batch next() {
				Batch b = inner.next();
				return new Batch(b.features(), b.labels(), shape);
			}

			@Override
			public void close() {
				inner.close();
			}
		};
	}
}
