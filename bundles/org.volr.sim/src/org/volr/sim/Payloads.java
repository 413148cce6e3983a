package org.volr.sim;

import java.util.Arrays;

/**
 * Spikes with payloads for one layer (SEMANTICS.md): a neuron that fired was reset by subtraction, so its potential
 * is the residual v − θ; its spike carries p = residual − (payload sum so far), the sum grows by p, the membrane
 * goes to 0.
 */
final class Payloads {
	/** Each neuron's payload sum in the sample. */
	private final float[] sum;

	Payloads(int size) {
		sum = new float[size];
	}

	/** Gives the {@code n} spikes of the step their payloads ({@code out}, parallel to {@code spikes}). */
	void attach(float[] v, int[] spikes, int n, float[] out) {
		float[] sum = this.sum;
		for (int e = 0; e < n; e++) {
			int j = spikes[e];
			float p = v[j] - sum[j];
			sum[j] += p;
			v[j] = 0f;
			out[e] = p;
		}
	}

	void reset() {
		Arrays.fill(sum, 0f);
	}
}
