package org.volr.pipeline;

import java.util.Arrays;

import org.volr.core.data.Batch;
import org.volr.core.data.Dataset;
import org.volr.core.data.DatasetView;

/**
 * A dataset seen with the sample shape a network takes, when only the shape differs (784 values given as
 * [1, 28, 28] to a network whose input is [784], or the other way round): the values are the same, in the same
 * channels-first order.
 */
final class ShapedDataset extends DatasetView {
	private final int[] shape;

	private ShapedDataset(Dataset data, int[] shape) {
		super(data);
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
	public int[] sampleShape() {
		return shape.clone();
	}

	@Override
	protected Batch view(Batch b, long firstSample) {
		return new Batch(b.features(), b.labels(), shape);
	}
}
