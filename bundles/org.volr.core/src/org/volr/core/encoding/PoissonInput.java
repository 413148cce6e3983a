package org.volr.core.encoding;

import java.util.SplittableRandom;

/**
 * Poisson input (SEMANTICS.md, "Input encodings"): input i spikes at a step with probability x_i · p, drawn from a
 * generator seeded by (experiment seed, sample index), inputs in order within a step. The simulator draws with it
 * step by step; the code generators draw the same spike trains with it to ship them as spike arrays, so a generated
 * script sees exactly the input spikes Volr saw.
 */
public final class PoissonInput {
	private final SplittableRandom random;
	private final double probability;

	public PoissonInput(long seed, long sampleIndex, double probabilityPerStep) {
		random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + sampleIndex);
		probability = probabilityPerStep;
	}

	/** The inputs that spike in the next step, written to {@code out}; returns how many. */
	public int nextStep(float[] features, int offset, int inputs, int[] out) {
		int count = 0;
		for (int i = 0; i < inputs; i++) {
			float x = features[offset + i];
			if (x > 0 && random.nextDouble() < x * probability)
				out[count++] = i;
		}
		return count;
	}
}
