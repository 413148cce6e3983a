package org.volr.sim.plan;

/**
 * Spiking max pooling: each output passes on the spikes of the input in its window that has spiked most so far
 * (ties keep the earlier winner). It has no neurons; the simulator keeps the spike counts and winners.
 */
public final class MaxPoolPlan extends LayerPlan {
	private final int h, w, oh, ow, kh, kw, sy, sx, py, px;

	public MaxPoolPlan(String label, int[] inShape, int[] outShape, int[] geometry) {
		super(label, inShape, outShape);
		h = inShape.length > 2 ? inShape[1] : 1;
		w = inShape.length > 2 ? inShape[2] : inShape[1];
		oh = outShape.length > 2 ? outShape[1] : 1;
		ow = outShape.length > 2 ? outShape[2] : outShape.length == 2 ? outShape[1] : 1;
		kh = geometry[0];
		kw = geometry[1];
		sy = geometry[2];
		sx = geometry[3];
		py = geometry[4];
		px = geometry[5];
	}

	public static MaxPoolPlan global(String label, int[] inShape) {
		int h = inShape.length > 2 ? inShape[1] : 1, w = inShape.length > 2 ? inShape[2] : inShape[1];
		return new MaxPoolPlan(label, inShape, new int[] { inShape[0] }, new int[] { h, w, h, w, 0, 0 });
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
		int ch = input / (h * w), rest = input % (h * w), y = rest / w, x = rest % w;
		int plane = oh * ow, n = 0;
		for (int ky = 0; ky < kh; ky++) {
			int ny = y + py - ky;
			if (ny < 0 || ny % sy != 0 || ny / sy >= oh)
				continue;
			for (int kx = 0; kx < kw; kx++) {
				int nx = x + px - kx;
				if (nx < 0 || nx % sx != 0 || nx / sx >= ow)
					continue;
				int o = ch * plane + (ny / sy) * ow + nx / sx;
				int current = winner[o];
				if (current < 0 || current == input || counts[input] > counts[current])
					winner[o] = input;
				if (winner[o] == input)
					out[n++] = o;
			}
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
