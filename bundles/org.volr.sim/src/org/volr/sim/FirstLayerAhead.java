package org.volr.sim;

import java.util.Arrays;

/**
 * A first layer of plain IF neurons under constant input, computed apart and ahead. A neuron whose current is not
 * positive starts below the threshold (at 0 or θ/2) and only goes down, so it never spikes and nobody reads its potential; only the others (the
 * active ones) are computed, neuron by neuron over many steps: each neuron's potential follows the same additions as
 * step by step, so its spikes are the same, but its loop over time repeats one pattern (a constant current fires
 * periodically), which the processor's branch predictor learns, where a loop over the neurons of a step meets each
 * spike by surprise. Within a step the spikes are in neuron order, as when stepped.
 */
final class FirstLayerAhead {
	/** Steps × active neurons computed ahead at most (the whole sample unless it is very large). */
	private static final long LIMIT = 1L << 20;

	private final PlainIf neuron;
	private final int steps;
	/** The active neurons, with their currents and potentials side by side, so that a step reads three short arrays in order. */
	private final int[] active;
	private final float[] activeCurrent, activePotential;
	private int activeCount;
	/**
	 * The spikes of the steps [from, to), step t's in spikes[(t − from)·activeCount ..] (spikeCount[t − from] of them);
	 * as large as compute can need (never grown while running: see WarmUp for why that matters).
	 */
	private final int[] spikes, spikeCount;
	private int from, to;

	FirstLayerAhead(PlainIf neuron, int size, int steps) {
		this.neuron = neuron;
		this.steps = steps;
		active = new int[size];
		activeCurrent = new float[size];
		activePotential = new float[size];
		spikes = new int[(int) Math.max(size, Math.min((long) steps * size, LIMIT))];
		spikeCount = new int[steps];
	}

	/**
	 * Starts a sample whose constant current (W·x + b) is {@code current}, the membranes at {@code initialPotential} (below the
	 * threshold): finds the active neurons.
	 */
	void start(float[] current, float initialPotential) {
		from = to = 0;
		activeCount = 0;
		for (int j = 0; j < current.length; j++)
			if (current[j] > 0) {
				activeCurrent[activeCount] = current[j];
				activePotential[activeCount] = initialPotential;
				active[activeCount++] = j;
			}
	}

	/** Step t's spikes into {@code out}; returns how many. */
	int spikes(int t, int[] out) {
		if (t >= to)
			compute(t);
		int n = spikeCount[t - from];
		System.arraycopy(spikes, (t - from) * activeCount, out, 0, n);
		return n;
	}

	/** The spikes from step {@code first} on, for the rest of the sample or as many steps as LIMIT allows. */
	private void compute(int first) {
		int active = activeCount;
		int ahead = (int) Math.max(1, Math.min(steps - first, LIMIT / Math.max(1, active)));
		Arrays.fill(spikeCount, 0, ahead, 0);
		float threshold = neuron.threshold(), resetTo = neuron.resetTo();
		boolean subtract = neuron.subtracts();
		int[] out = spikes, count = spikeCount;
		for (int k = 0; k < active; k++) {
			float c = activeCurrent[k], v = activePotential[k];
			int j = this.active[k];
			for (int i = 0; i < ahead; i++) {
				v = v + c;
				if (v >= threshold) {
					out[i * active + count[i]++] = j;
					v = subtract ? v - threshold : resetTo;
				}
			}
			activePotential[k] = v;
		}
		from = first;
		to = first + ahead;
	}
}
