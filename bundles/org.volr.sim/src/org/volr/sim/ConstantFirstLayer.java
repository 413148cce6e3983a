package org.volr.sim;

/**
 * A first layer of plain IF neurons under constant input, computed apart. A neuron whose current is not positive
 * starts below the threshold (at 0 or θ/2) and only goes down, so it never spikes and nobody reads its potential; only the others (the active
 * ones) step, side by side in short arrays of their own (neuron, current, potential), by {@link PlainIf#stepConstant}.
 * Within a step the spikes are in neuron order, as when the whole layer steps.
 * <p>
 * Step by step over the active neurons rather than neuron by neuron over all steps (what this class did before, ahead
 * of the other layers): the update of a step is one loop the JIT vectorises and its spikes are listed in one pass
 * without branches, where a neuron's potential over the steps is a chain of dependent additions and each of its
 * spikes a branch the processor mispredicts. Measured on LeNet-5's first layer (4,704 neurons, about 670 spikes a
 * step): about half the time.
 */
final class ConstantFirstLayer {
	private final PlainIf neuron;
	/** The active neurons, with their currents and potentials. */
	private final int[] active;
	private final float[] activeCurrent, activePotential;
	private int activeCount;

	ConstantFirstLayer(PlainIf neuron, int size) {
		this.neuron = neuron;
		active = new int[size];
		activeCurrent = new float[size];
		activePotential = new float[size];
	}

	/**
	 * Starts a sample whose constant current (W·x + b) is {@code current}, the membranes at {@code initialPotential} (below the
	 * threshold): finds the active neurons.
	 */
	void start(float[] current, float initialPotential) {
		// without a branch: every neuron is written at the next free place, which only an active one keeps. Whether a
		// neuron is active follows no pattern (about half are), so the branch was mispredicted every other neuron:
		// 22 µs per sample on LeNet's 4,704 neurons against 5 µs now, 2.2 against 0.5 µs on 500 (bench/README.md,
		// "Headline"), which matters when a sample runs a few steps
		int n = 0;
		for (int j = 0; j < current.length; j++) {
			float c = current[j];
			activeCurrent[n] = c;
			active[n] = j;
			n += c > 0 ? 1 : 0;
		}
		java.util.Arrays.fill(activePotential, 0, n, initialPotential);
		activeCount = n;
	}

	/** The next step's spikes into {@code out}; returns how many. */
	int step(int[] out) {
		return neuron.stepConstant(activePotential, activeCurrent, active, activeCount, out);
	}
}
