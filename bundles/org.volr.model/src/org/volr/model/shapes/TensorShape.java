package org.volr.model.shapes;

import java.util.Arrays;

/**
 * The shape of one sample flowing between layers, without the batch axis. Feature maps are channels-first:
 * [C, H, W] for 2-D, [C, L] for 1-D; a vector is [N].
 */
public final class TensorShape {
	private final int[] dims;

	private TensorShape(int[] dims) {
		this.dims = dims.clone();
	}

	public static TensorShape of(int... dims) {
		return new TensorShape(dims);
	}

	public static TensorShape vector(int n) {
		return new TensorShape(new int[] { n });
	}

	public int rank() {
		return dims.length;
	}

	public int dim(int i) {
		return dims[i];
	}

	public int[] dims() {
		return dims.clone();
	}

	public boolean isVector() {
		return dims.length == 1;
	}

	/**
	 * Number of values in one sample (the neuron count of a layer with this output); Long.MAX_VALUE if even a long
	 * cannot count them, so that a huge shape never wraps around to a small or negative size.
	 */
	public long size() {
		long n = 1;
		for (int d : dims) {
			try {
				n = Math.multiplyExact(n, (long) d);
			} catch (ArithmeticException e) {
				return Long.MAX_VALUE;
			}
		}
		return n;
	}

	/** Whether a sample of this shape fits one Java array, which is how every simulator and trainer holds it. */
	public boolean fitsAnArray() {
		return size() <= MAX_SIZE;
	}

	/** The most values one sample may hold. */
	public static final long MAX_SIZE = Integer.MAX_VALUE;

	public TensorShape withDim(int i, int value) {
		int[] copy = dims.clone();
		copy[i] = value;
		return new TensorShape(copy);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof TensorShape t && Arrays.equals(dims, t.dims);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(dims);
	}

	/** "[1, 28, 28]" for feature maps, "4" for vectors: the thesis speaks of sizes, so vectors print as a number. */
	@Override
	public String toString() {
		if (dims.length == 1)
			return Integer.toString(dims[0]);
		StringBuilder b = new StringBuilder("[");
		for (int i = 0; i < dims.length; i++) {
			if (i > 0)
				b.append(", ");
			b.append(dims[i]);
		}
		return b.append(']').toString();
	}
}
