package org.volr.sim.plan;

/**
 * Spiking max pooling: each output passes on the spikes of the input in its window that has spiked most so far
 * (ties keep the earlier winner). It has no neurons; the simulator keeps the spike counts and winners.
 */
public final class MaxPoolPlan extends WindowPlan {

	public MaxPoolPlan(String label, int[] inShape, int[] outShape, int[] geometry) {
		super(label, inShape, outShape, geometry);
	}

	public static MaxPoolPlan global(String label, int[] inShape) {
		return new MaxPoolPlan(label, inShape, new int[] { inShape[0] }, wholeMap(inShape));
	}

	@Override
	public boolean hasNeurons() {
		return false;
	}

	/**
	 * Records a spike of {@code input} and writes to {@code out} the outputs it passes through (at most
	 * ⌈k/s⌉² windows contain one input); returns how many.
	 */
	public int route(int input, int[] counts, int[] winner, int[] out) {
		counts[input]++;
		int p = input % (h * w), base = input / (h * w) * oh * ow, n = 0;
		for (int t = tapsFrom[p]; t < tapsFrom[p + 1]; t++) {
			int o = base + tapOutput[t];
			int current = winner[o];
			if (current < 0 || current == input || counts[input] > counts[current])
				winner[o] = input;
			if (winner[o] == input)
				out[n++] = o;
		}
		return n;
	}

	@Override
	public int deliver(int input, float[] current) {
		throw new UnsupportedOperationException("max pooling routes spikes; see route()");
	}

	@Override
	protected void deliverScaled(int input, float scale, float[] current) {
		throw new UnsupportedOperationException("max pooling of analog input is not a first layer");
	}

	@Override
	public float[] bias() {
		return new float[0];
	}
}
