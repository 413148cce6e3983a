package org.volr.sim.plan;

/**
 * A fully connected layer. One spike adds one row of weights (an input's weights to every output), so the weights
 * are kept as one array per input: the JIT vectorises a loop over a row array, but not the same loop over a slice
 * of one big [in, out] array (measured: 16 against 1.6–3 billion additions per second on this machine).
 */
public final class DensePlan extends LayerPlan {
	private final float[][] rows;
	private final float[] bias;

	/** @param weights [in, out] row-major */
	public DensePlan(String label, int in, int out, float[] weights, float[] bias) {
		super(label, new int[] { in }, new int[] { out });
		if (weights.length != (long) in * out)
			throw new IllegalArgumentException(label + ": " + weights.length + " weights for " + in + " × " + out);
		rows = new float[in][];
		for (int i = 0; i < in; i++)
			rows[i] = java.util.Arrays.copyOfRange(weights, i * out, (i + 1) * out);
		this.bias = bias == null ? new float[out] : bias;
	}

	/** The weights, [in, out] row-major (a copy). */
	public float[] weights() {
		float[] w = new float[inSize * outSize];
		for (int i = 0; i < inSize; i++)
			System.arraycopy(rows[i], 0, w, i * outSize, outSize);
		return w;
	}

	@Override
	public LayerPlan signedPart(boolean excitatory, float factor) {
		float[] part = signed(weights(), excitatory, factor);
		return part == null ? null : new DensePlan(label, inSize, outSize, part, bias);
	}

	@Override
	public int deliver(int input, float[] current) {
		float[] r = rows[input];
		for (int o = 0; o < r.length; o++)
			current[o] += r[o];
		return outSize;
	}

	/**
	 * Four spikes per pass over the outputs: the current is loaded and stored once for four weight rows, which
	 * divides the memory traffic of the simulator's hottest loop; the last one to three spikes take one pass too.
	 * The additions happen in the same order as one spike at a time, so the results are bit for bit the same.
	 */
	@Override
	public int deliverAll(int[] inputs, int count, float[] current) {
		int e = 0, n = outSize;
		for (; e + 3 < count; e += 4) {
			float[] r0 = rows[inputs[e]], r1 = rows[inputs[e + 1]], r2 = rows[inputs[e + 2]], r3 = rows[inputs[e + 3]];
			for (int o = 0; o < n; o++)
				current[o] = current[o] + r0[o] + r1[o] + r2[o] + r3[o];
		}
		switch (count - e) {
		case 3 -> {
			float[] r0 = rows[inputs[e]], r1 = rows[inputs[e + 1]], r2 = rows[inputs[e + 2]];
			for (int o = 0; o < n; o++)
				current[o] = current[o] + r0[o] + r1[o] + r2[o];
		}
		case 2 -> {
			float[] r0 = rows[inputs[e]], r1 = rows[inputs[e + 1]];
			for (int o = 0; o < n; o++)
				current[o] = current[o] + r0[o] + r1[o];
		}
		case 1 -> deliver(inputs[e], current);
		default -> {
		}
		}
		return count * n;
	}

	/** W·x over the non-zero inputs, four rows per pass (see deliverAll); same order of additions as one by one. */
	@Override
	public void forward(float[] x, int offset, float[] out) {
		java.util.Arrays.fill(out, 0f);
		int[] nonZero = new int[inSize];
		int count = 0;
		for (int i = 0; i < inSize; i++)
			if (x[offset + i] != 0)
				nonZero[count++] = i;
		int e = 0, n = outSize;
		for (; e + 3 < count; e += 4) {
			int i0 = nonZero[e], i1 = nonZero[e + 1], i2 = nonZero[e + 2], i3 = nonZero[e + 3];
			float s0 = x[offset + i0], s1 = x[offset + i1], s2 = x[offset + i2], s3 = x[offset + i3];
			float[] r0 = rows[i0], r1 = rows[i1], r2 = rows[i2], r3 = rows[i3];
			for (int o = 0; o < n; o++)
				out[o] = out[o] + s0 * r0[o] + s1 * r1[o] + s2 * r2[o] + s3 * r3[o];
		}
		for (; e < count; e++)
			deliverScaled(nonZero[e], x[offset + nonZero[e]], out);
	}

	/** The weights as an nd4j matrix [in, out], made on first use of {@link #forwardBatch}. */
	private org.nd4j.linalg.api.ndarray.INDArray matrix;

	/**
	 * The batch's inputs and products in native memory, kept from one batch to the next of the same size: allocating
	 * them anew took longer than the matrix product.
	 */
	private org.nd4j.linalg.api.ndarray.INDArray batchIn, batchOut;

	/** X·W + b as one nd4j matrix product (sgemm) for the batch. */
	@Override
	public synchronized void forwardBatch(float[] x, int samples, float[] out) {
		org.volr.core.nd4j.Nd4jSupport.init();
		if (matrix == null)
			matrix = org.nd4j.linalg.factory.Nd4j.create(weights(), new long[] { inSize, outSize }, 'c');
		if (batchIn == null || batchIn.rows() != samples) {
			batchIn = org.nd4j.linalg.factory.Nd4j.createUninitialized(org.nd4j.linalg.api.buffer.DataType.FLOAT, samples, inSize);
			batchOut = org.nd4j.linalg.factory.Nd4j.createUninitialized(org.nd4j.linalg.api.buffer.DataType.FLOAT, samples, outSize);
		}
		batchIn.data().asNioFloat().put(0, x, 0, samples * inSize);
		batchIn.mmuli(matrix, batchOut);
		copyAddingBias(batchOut, out);
	}

	@Override
	protected void deliverScaled(int input, float scale, float[] current) {
		float[] r = rows[input];
		for (int o = 0; o < r.length; o++)
			current[o] += scale * r[o];
	}

	@Override
	public float[] bias() {
		return bias;
	}
}
