package org.volr.sim;

import java.util.Arrays;

/**
 * The spikes of the last d+1 steps (of a layer, or of the input) under a synaptic delay d: step t's are kept in slot
 * t mod (d + 1) and read d steps later, from slot (t + 1) mod (d + 1), with their payloads when spikes carry them.
 */
final class SpikeRing {
	private final int[][] spikes;
	private final int[] counts;
	/** Null unless spikes carry payloads. */
	private final float[][] payloads;

	SpikeRing(int delay, int width, boolean withPayloads) {
		spikes = new int[delay + 1][width];
		counts = new int[delay + 1];
		payloads = withPayloads ? new float[delay + 1][width] : null;
	}

	/** Keeps a step's spikes in {@code slot}; event input may repeat a pixel within a step, so a slot can grow. */
	void put(int slot, int[] events, float[] eventPayloads, int count) {
		if (count > spikes[slot].length)
			spikes[slot] = new int[count];
		System.arraycopy(events, 0, spikes[slot], 0, count);
		counts[slot] = count;
		if (payloads != null)
			System.arraycopy(eventPayloads, 0, payloads[slot], 0, count);
	}

	/** The slot read at step t: the spikes of step t − d. */
	int dueAt(int t) {
		return (t + 1) % counts.length;
	}

	int[] spikes(int slot) {
		return spikes[slot];
	}

	int count(int slot) {
		return counts[slot];
	}

	float[] payloads(int slot) {
		return payloads[slot];
	}

	void reset() {
		Arrays.fill(counts, 0);
	}
}
