package org.volr.sim.plan;

/** A fully connected layer; weights [in, out] row-major, so one spike adds one contiguous row. */
public final class DensePlan extends LayerPlan {
	private final float[] weights, bias;

	public DensePlan(String label, int in, int out, float[] weights, float[] bias) {
		super(label, new int[] { in }, new int[] { out });
		if (weights.length != (long) in * out)
			throw new IllegalArgumentException(label + ": " + weights.length + " weights for " + in + " × " + out);
		this.weights = weights;
		this.bias = bias == null ? new float[out] : bias;
	}

	/** The weights, [in, out] row-major (a copy). */
	public float[] weights() {
		return weights.clone();
	}

	@Override
	public LayerPlan signedPart(boolean excitatory, float factor) {
		float[] part = signed(weights, excitatory, factor);
		return part == null ? null : new DensePlan(label, inSize, outSize, part, bias);
	}

	@Override
	public int deliver(int input, float[] current) {
		int base = input * outSize;
		for (int o = 0; o < outSize; o++)
			current[o] += weights[base + o];
		return outSize;
	}

	/**
	 * Four spikes per pass over the outputs: the current is loaded and stored once for four weight rows, which
	 * halves the memory traffic of the simulator's hottest loop. The additions happen in the same order as one
	 * spike at a time, so the results are bit for bit the same.
	 */
	@Override
	public int deliverAll(int[] inputs, int count, float[] current) {
		int e = 0, n = outSize;
		for (; e + 3 < count; e += 4) {
			int b0 = inputs[e] * n, b1 = inputs[e + 1] * n, b2 = inputs[e + 2] * n, b3 = inputs[e + 3] * n;
			for (int o = 0; o < n; o++)
				current[o] = current[o] + weights[b0 + o] + weights[b1 + o] + weights[b2 + o] + weights[b3 + o];
		}
		for (; e < count; e++)
			deliver(inputs[e], current);
		return count * n;
	}

	/** W·x over the non-zero inputs, four rows per pass (see deliverAll); same order of additions as one by one. */
	@Override
	public void forward(float[] x, int offset, float[] out) {
		java.util.Arrays.fill(out, 0f);
		int[] rows = new int[inSize];
		int count = 0;
		for (int i = 0; i < inSize; i++)
			if (x[offset + i] != 0)
				rows[count++] = i;
		int e = 0, n = outSize;
		for (; e + 3 < count; e += 4) {
			int i0 = rows[e], i1 = rows[e + 1], i2 = rows[e + 2], i3 = rows[e + 3];
			float s0 = x[offset + i0], s1 = x[offset + i1], s2 = x[offset + i2], s3 = x[offset + i3];
			int b0 = i0 * n, b1 = i1 * n, b2 = i2 * n, b3 = i3 * n;
			for (int o = 0; o < n; o++)
				out[o] = out[o] + s0 * weights[b0 + o] + s1 * weights[b1 + o] + s2 * weights[b2 + o] + s3 * weights[b3 + o];
		}
		for (; e < count; e++)
			deliverScaled(rows[e], x[offset + rows[e]], out);
	}

	@Override
	protected void deliverScaled(int input, float scale, float[] current) {
		int base = input * outSize;
		for (int o = 0; o < outSize; o++)
			current[o] += scale * weights[base + o];
	}

	@Override
	public float[] bias() {
		return bias;
	}
}
