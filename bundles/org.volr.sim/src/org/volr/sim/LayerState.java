package org.volr.sim;

import org.volr.sim.plan.LayerPlan;

/**
 * What one layer keeps while a sample is simulated: its spikes of the current step (with their payloads when spikes
 * carry them), the delay ring its readers read them from, and, under constant input for a layer reading only the
 * input, its W·x + b. Layers with neurons and max pooling keep the rest themselves.
 */
abstract sealed class LayerState permits NeuronLayer, MaxPoolLayer {
	final LayerPlan plan;
	/** Spikes of the current step: the first {@link #count} entries. */
	final int[] spikes;
	int count;
	/** Payloads only: the payload of each spike of the step (parallel to spikes); else null. */
	final float[] payloads;
	/** With a synaptic delay: the last d+1 steps' spikes, which readers read; else null (they read this step's). */
	final SpikeRing ring;
	/** Under constant input, for a layer that reads only the input: W·x + b of the sample; else null. */
	final float[] constantCurrent;
	/** The first step at which the layer takes input (see {@link Clamp}); before it, it ignores its input and stays silent. */
	int clampedUntil;
	/** Synaptic operations delivered into this layer (what its incoming spikes cost), summed over samples. */
	long synapticOps;

	LayerState(LayerPlan plan, boolean payloads, SpikeRing ring, boolean readsOnlyInput) {
		this.plan = plan;
		spikes = new int[plan.outSize()];
		this.payloads = payloads ? new float[plan.outSize()] : null;
		this.ring = ring;
		constantCurrent = readsOnlyInput ? new float[plan.outSize()] : null;
	}

	/**
	 * One step given this step's input spikes and their payloads (null without payloads), or none when
	 * {@code fromCurrent} (the layer is driven by {@link #constantCurrent}); sets and returns {@link #count}.
	 */
	abstract int step(int t, int[] events, int eventCount, float[] eventPayloads, boolean fromCurrent);

	/** Back to the state before a sample. */
	abstract void reset();

	/** The spikes its readers receive at a step whose delayed spikes are in ring slot {@code due}. */
	final int[] output(int due) {
		return ring != null ? ring.spikes(due) : spikes;
	}

	final int outputCount(int due) {
		return ring != null ? ring.count(due) : count;
	}

	final float[] outputPayloads(int due) {
		return ring != null ? ring.payloads(due) : payloads;
	}

	/** Keeps this step's spikes for the readers of later steps (with a delay). */
	final void remember(int slot) {
		if (ring != null)
			ring.put(slot, spikes, payloads, count);
	}

	/** W·x + b of a layer that reads only the input, under constant input, for one sample. */
	final void computeConstantCurrent(float[] features, int offset) {
		float[] c = constantCurrent;
		plan.forward(features, offset, c);
		float[] b = plan.bias();
		for (int j = 0; j < c.length; j++)
			c[j] += b[j];
	}
}
