package org.volr.sim;

import java.util.Arrays;

/**
 * The adaptive threshold of one layer (SEMANTICS.md): at step t, θ/100 + (θ − θ/100)·(the highest rate of any of its
 * neurons so far, spikes per step). Counts each neuron's spikes in the sample.
 */
final class AdaptiveThreshold {
	private final int[] counts;
	private int most;

	AdaptiveThreshold(int size) {
		counts = new int[size];
	}

	float at(float theta, int t) {
		float floor = theta / 100f;
		return t == 0 ? floor : floor + (theta - floor) * most / t;
	}

	void count(int[] spikes, int n) {
		for (int e = 0; e < n; e++)
			most = Math.max(most, ++counts[spikes[e]]);
	}

	void reset() {
		Arrays.fill(counts, 0);
		most = 0;
	}
}
