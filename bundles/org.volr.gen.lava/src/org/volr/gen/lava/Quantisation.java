package org.volr.gen.lava;

/**
 * One layer's weights, bias and threshold as Loihi 2 integers, all multiplied by the same scale s.
 * <p>
 * Loihi's CUBA neuron adds the integer (mantissa·2^exponent) weights of the spikes it receives and its bias
 * mantissa to its potential and compares that with its threshold mantissa vThMant, all in the same units (lava's
 * bit-accurate LIF shifts the synaptic input, the bias and vThMant alike by 6 bits). Whether Volr's neuron spikes
 * depends only on the ratio of the summed weights to the threshold θ, so one scale per layer keeps the dynamics
 * when it scales all three:
 * <pre>
 *   s = V / θ,   weight = rint(w · s),   bias = rint(b · s),   scaled threshold V = θ · s
 *   V = min( floor(θ · (2^(bits−1) − 1) / max|w|),  131071,  floor(θ · 4095 / max|b|) )
 * </pre>
 * (rint rounds to the nearest integer, ties to even, as numpy does). V is a whole number so that the threshold
 * is exact and all rounding falls on the weights; the largest weight then lands within max|w|/θ of
 * 2^(bits−1) − 1, the top of a signed mantissa of {@code bits} bits. The caps are Loihi 2's register widths:
 * vThMant is 17 bits unsigned, the bias mantissa 13 bits signed (netx fixes the bias exponent at 6, the shift of
 * the synaptic input, so the bias stays in weight units). The weights are written as float32 values holding these
 * integers, as lava-dl's exports do; which vThMant represents V is the neuron's business, see {@link CubaNeuron}.
 */
record Quantisation(double scale, long scaledThreshold, float[] weights, float[] bias, double largestError, double zeroFraction,
		String limitedBy) {

	static final long MAX_THRESHOLD = (1 << 17) - 1;
	static final long MAX_BIAS = (1 << 12) - 1;

	/**
	 * @param bias may be null
	 * @throws IllegalArgumentException when the weights (or bias) are so large against the threshold that the scaled
	 *                                  threshold V would be below 1
	 */
	static Quantisation of(String layer, float[] w, float[] bias, float threshold, int bits) {
		long levels = (1L << (bits - 1)) - 1;
		double maxW = maxAbs(w), maxB = bias == null ? 0 : maxAbs(bias);
		long v = MAX_THRESHOLD;
		String limit = "threshold register (17 bits)";
		if (fit(threshold, levels, maxW) < v) {
			v = fit(threshold, levels, maxW);
			limit = "weights";
		}
		if (fit(threshold, MAX_BIAS, maxB) < v) {
			v = fit(threshold, MAX_BIAS, maxB);
			limit = "bias register (13 bits)";
		}
		if (v < 1) {
			boolean weights = limit.equals("weights");
			throw new IllegalArgumentException("layer '" + layer + "': its largest " + (weights ? "weight " + (float) maxW : "bias " + (float) maxB)
					+ " exceeds " + (weights ? levels : MAX_BIAS) + " times the threshold " + threshold + ", so the scaled threshold"
					+ " would round to 0; " + (weights && bits < LavaTarget.MAX_BITS ? "use more bits or normalise the layer" : "normalise the layer"));
		}
		double s = v / (double) threshold;
		float[] q = new float[w.length];
		double worst = 0;
		long zeros = 0;
		for (int i = 0; i < w.length; i++) {
			double exact = w[i] * s;
			q[i] = (float) Math.rint(exact);
			worst = Math.max(worst, Math.abs(q[i] - exact));
			if (w[i] != 0 && q[i] == 0)
				zeros++;
		}
		float[] qb = null;
		if (bias != null) {
			qb = new float[bias.length];
			for (int i = 0; i < bias.length; i++)
				qb[i] = (float) Math.rint(bias[i] * s);
		}
		return new Quantisation(s, v, q, qb, maxW == 0 ? 0 : worst / (maxW * s), w.length == 0 ? 0 : zeros / (double) w.length, limit);
	}

	/** The largest whole V with max · V / θ ≤ limit (unbounded for max 0). */
	private static long fit(float threshold, long limit, double max) {
		if (max == 0)
			return Long.MAX_VALUE;
		// the tiny excess keeps floor() from losing a whole unit to float error when the quotient is an integer
		return (long) Math.floor(threshold * limit / max * (1 + 1e-12));
	}

	private static double maxAbs(float[] a) {
		double m = 0;
		for (float x : a)
			m = Math.max(m, Math.abs(x));
		return m;
	}
}
