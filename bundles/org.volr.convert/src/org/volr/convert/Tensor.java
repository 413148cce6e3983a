package org.volr.convert;

import java.util.Arrays;

/** A dense float tensor in row-major order, as weights travel between importers, the store and the engines. */
public record Tensor(int[] shape, float[] data) {
	public Tensor {
		long n = 1;
		for (int d : shape)
			n *= d;
		if (n != data.length)
			throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, data has " + data.length);
	}

	public int dim(int i) {
		return shape[i];
	}

	public int rank() {
		return shape.length;
	}

	@Override
	public String toString() {
		return "Tensor" + Arrays.toString(shape);
	}
}
