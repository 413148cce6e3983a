package org.volr.sim;

/**
 * Bias relaxation for one layer (SEMANTICS.md, "Bias relaxation"): at step t of T its bias b is scaled by
 * clip(1 − (1 − 2t/T)·depth/50, 0, 1); a layer driven by W·x + b under constant input takes W·x + f·b.
 */
final class BiasRelaxation {
	private final int depth, steps;
	private final float[] bias;
	/** The relaxed drive of the current step. */
	private final float[] relaxed;

	BiasRelaxation(int depth, int steps, float[] bias) {
		this.depth = depth;
		this.steps = steps;
		this.bias = bias;
		relaxed = new float[bias.length];
	}

	/** The layer's drive at step t: {@code base} (its bias, or W·x + b when {@code fromCurrent}) relaxed. */
	float[] drive(float[] base, int t, boolean fromCurrent) {
		float f = InisimOptions.relaxation(depth, t, steps);
		if (f == 1f)
			return base;
		float[] b = bias, out = relaxed;
		for (int j = 0; j < out.length; j++)
			out[j] = fromCurrent ? base[j] - (1f - f) * b[j] : f * b[j];
		return out;
	}
}
