package org.volr.sim;

import org.volr.net.neuron.Population;
import org.volr.sim.plan.LayerPlan;

/**
 * A recurrent layer's projection onto itself (SEMANTICS.md, "Recurrent layers"): the layer's own spikes of an earlier
 * step delivered into its population through its recurrent weights [units, units], one row per neuron that fired, so a
 * silent step costs nothing. Conductance-based neurons take the positive and negative weights apart, as they take the
 * layer's other synapses ({@link ConductanceSynapses}); spikes with payloads weigh (1 + p)·w, as on every projection.
 */
final class Recurrence {
	/** The weights as they are, or null for conductance-based neurons, which read the two parts below instead. */
	private final LayerPlan weights;
	/** Conductance-based neurons only: the positive and negative weights, already in conductance (each null when none). */
	private final LayerPlan excitatory, inhibitory;

	private Recurrence(LayerPlan weights, LayerPlan excitatory, LayerPlan inhibitory) {
		this.weights = weights;
		this.excitatory = excitatory;
		this.inhibitory = inhibitory;
	}

	/** The projection through {@code weights} (a layer's {@link SpikingNetwork#recurrent}) for these neurons; null without weights. */
	static Recurrence of(LayerPlan weights, NeuronSpec neuron) {
		if (weights == null)
			return null;
		if (neuron.isConductanceBased())
			return new Recurrence(null, weights.signedPart(true, neuron.conductance().excitatoryPerWeight()),
					weights.signedPart(false, neuron.conductance().inhibitoryPerWeight()));
		return new Recurrence(weights, null, null);
	}

	/**
	 * Adds the effect of the spikes {@code spikes[0..count)} (with their payloads, or null) to the population's
	 * arrivals; returns the synaptic operations done.
	 */
	int deliver(int[] spikes, float[] payloads, int count, Population population) {
		if (weights != null)
			return payloads == null ? weights.deliverAll(spikes, count, population.arrivals())
					: weights.deliverWithPayloads(spikes, payloads, count, population.arrivals());
		int ops = 0;
		if (excitatory != null)
			ops += excitatory.deliverAll(spikes, count, population.arrivals());
		if (inhibitory != null)
			ops += inhibitory.deliverAll(spikes, count, population.inhibitoryArrivals());
		return ops;
	}
}
