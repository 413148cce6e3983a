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

	@Override
	public int deliver(int input, float[] current) {
		int base = input * outSize;
		for (int o = 0; o < outSize; o++)
			current[o] += weights[base + o];
		return outSize;
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
