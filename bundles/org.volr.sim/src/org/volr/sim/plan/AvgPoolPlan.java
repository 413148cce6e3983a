package org.volr.sim.plan;

/**
 * Average pooling as a linear map with weight 1/n onto a population of neurons, where n counts the inputs that
 * lie inside the window (padding excluded, as Keras and PyTorch's count_include_pad=False do). Global average
 * pooling is the case of one window covering the whole map; sum pooling the case of weight 1.
 */
public final class AvgPoolPlan extends WindowPlan {
	private final float[] inverseCount;
	/**
	 * When no input lies in two windows (stride at least the window, as in LeNet's 2×2 pools): for each input, the
	 * output whose window holds it (−1 for none) and the weight it adds; else null. See {@link #deliverAll}.
	 */
	private final int[] outputOf;
	private final float[] weightOf;

	public AvgPoolPlan(String label, int[] inShape, int[] outShape, int[] geometry) {
		this(label, inShape, outShape, geometry, false);
	}

	/** Sum pooling: the same map with weight 1 on every input inside the window (NIR's SumPool2d). */
	public static AvgPoolPlan sum(String label, int[] inShape, int[] outShape, int[] geometry) {
		return new AvgPoolPlan(label, inShape, outShape, geometry, true);
	}

	private AvgPoolPlan(String label, int[] inShape, int[] outShape, int[] geometry, boolean sum) {
		super(label, inShape, outShape, geometry);
		inverseCount = new float[oh * ow];
		for (int oy = 0; oy < oh; oy++)
			for (int ox = 0; ox < ow; ox++) {
				int n = 0;
				for (int ky = 0; ky < kh; ky++)
					for (int kx = 0; kx < kw; kx++) {
						int y = oy * sy - py + ky, x = ox * sx - px + kx;
						if (y >= 0 && y < h && x >= 0 && x < w)
							n++;
					}
				inverseCount[oy * ow + ox] = n == 0 ? 0 : sum ? 1f : 1f / n;
			}
		outputOf = singleWindow() ? new int[inSize] : null;
		weightOf = outputOf == null ? null : new float[inSize];
		fillSingleWindowTables();
	}

	/** The same pooling with every weight times factor. */
	private AvgPoolPlan(AvgPoolPlan from, float factor) {
		super(from.label, from.inShape, from.outShape, from.geometry());
		inverseCount = from.inverseCount.clone();
		for (int k = 0; k < inverseCount.length; k++)
			inverseCount[k] *= factor;
		outputOf = from.outputOf == null ? null : new int[inSize];
		weightOf = outputOf == null ? null : new float[inSize];
		fillSingleWindowTables();
	}

	/** Whether every input position lies in at most one window. */
	private boolean singleWindow() {
		for (int p = 0; p < h * w; p++)
			if (tapsFrom[p + 1] - tapsFrom[p] > 1)
				return false;
		return true;
	}

	private void fillSingleWindowTables() {
		if (outputOf == null)
			return;
		int plane = h * w;
		for (int input = 0; input < inSize; input++) {
			int p = input % plane, t = tapsFrom[p];
			boolean held = tapsFrom[p + 1] > t;
			outputOf[input] = held ? input / plane * oh * ow + tapOutput[t] : -1;
			weightOf[input] = held ? inverseCount[tapOutput[t]] : 0f;
		}
	}

	/** Average pooling's weights are all positive: excitatory only. */
	@Override
	public LayerPlan signedPart(boolean excitatory, float factor) {
		return excitatory ? new AvgPoolPlan(this, factor) : null;
	}

	public static AvgPoolPlan global(String label, int[] inShape) {
		return new AvgPoolPlan(label, inShape, new int[] { inShape[0] }, wholeMap(inShape));
	}

	@Override
	public int deliver(int input, float[] current) {
		return scatter(input, 1f, current);
	}

	/**
	 * With windows that do not overlap, a spike reaches one output through one weight: two table reads and one
	 * addition, where the walk over the spike's windows cost a division, a remainder and a loop (measured: the two
	 * 2×2 pools of LeNet-5 took a tenth of its simulation). The same addition as {@link #deliver} (1f · w is w).
	 */
	@Override
	public int deliverAll(int[] inputs, int count, float[] current) {
		if (outputOf == null)
			return super.deliverAll(inputs, count, current);
		int[] to = outputOf;
		float[] weight = weightOf;
		int ops = 0;
		for (int e = 0; e < count; e++) {
			int o = to[inputs[e]];
			if (o >= 0) {
				current[o] += weight[inputs[e]];
				ops++;
			}
		}
		return ops;
	}

	@Override
	protected void deliverScaled(int input, float scale, float[] current) {
		scatter(input, scale, current);
	}

	private int scatter(int input, float scale, float[] current) {
		int p = input % (h * w), base = input / (h * w) * oh * ow;
		for (int t = tapsFrom[p]; t < tapsFrom[p + 1]; t++)
			current[base + tapOutput[t]] += scale * inverseCount[tapOutput[t]];
		return tapsFrom[p + 1] - tapsFrom[p];
	}

	@Override
	public float[] bias() {
		return new float[outSize];
	}
}
