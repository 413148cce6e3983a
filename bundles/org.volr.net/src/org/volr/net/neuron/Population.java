package org.volr.net.neuron;

import java.util.Arrays;

/**
 * The neurons of one layer as the simulator steps them: their state and their update, made by their model
 * ({@link NeuronModel#population}). A model with more state per neuron (a synaptic charge, conductances, a threshold
 * of its own) keeps it in its subclass; the simulator sees only the potentials, where it delivers spikes, and one
 * call per layer and step, so each model's loop over its neurons stays monomorphic.
 */
public abstract class Population {
	protected final float[] potential;
	/** The weights of this step's spikes summed per neuron, delivered by the simulator, consumed by the step. */
	protected final float[] arrivals;
	/** Remaining refractory steps per neuron, or null when the model has no refractory period. */
	protected final int[] refractory;

	protected Population(int size, int refractorySteps) {
		potential = new float[size];
		arrivals = new float[size];
		refractory = refractorySteps > 0 ? new int[size] : null;
	}

	public final float[] potential() {
		return potential;
	}

	/** Where the simulator adds this step's (excitatory) spikes' weights. */
	public final float[] arrivals() {
		return arrivals;
	}

	/** Where the simulator adds this step's inhibitory spikes, for a model that takes them apart; else null. */
	public float[] inhibitoryArrivals() {
		return null;
	}

	public final int size() {
		return potential.length;
	}

	/**
	 * Advances every neuron by one step and lists those that fired in {@code spikes}; returns how many.
	 *
	 * @param constant    the constant drive per neuron and step: the bias, or W·x + b of a layer under constant input
	 * @param spikesCame  whether spikes may have been delivered into {@link #arrivals()} (false: the drive is
	 *                    {@code constant} alone, and the arrivals are not read)
	 */
	public abstract int step(float[] constant, boolean spikesCame, Firing firing, int[] spikes);

	/**
	 * Neuron j's drive in this step: the weights of the spikes that arrived (consumed, so the next step starts from
	 * none) plus the constant drive, or the constant drive alone when no spikes came.
	 */
	protected final float takeInput(float[] constant, boolean spikesCame, int j) {
		if (!spikesCame)
			return constant[j];
		float in = arrivals[j] + constant[j];
		arrivals[j] = 0f;
		return in;
	}

	/** Back to the state before the first step (a new sample). Subclasses with more state clear it too. */
	public void reset() {
		Arrays.fill(potential, 0f);
		Arrays.fill(arrivals, 0f);
		if (refractory != null)
			Arrays.fill(refractory, 0);
	}
}
