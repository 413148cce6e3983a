package org.volr.sim;

import java.util.List;

import org.volr.net.neuron.Population;

/**
 * The neurons of one layer whose parameters differ from neuron to neuron (SEMANTICS.md, "Per-neuron parameters"):
 * the neurons with equal values form a group with its own discretised neuron, {@code groupOf[j]} is neuron j's group
 * in {@code specs}. All groups share the layer's model and its firing (threshold, reset, refractory period).
 */
public record NeuronGroups(int[] groupOf, List<NeuronSpec> specs) {
	public NeuronGroups {
		groupOf = groupOf.clone();
		specs = List.copyOf(specs);
		for (NeuronSpec s : specs)
			if (s.isConductanceBased())
				throw new IllegalArgumentException("per-neuron parameters of " + s.model().name() + " neurons are not simulated: each"
						+ " neuron's synapses would open their own conductance; give the layer one value per parameter");
	}

	/** The layer's neurons at rest, each group stepped by its own discretisation. */
	public Population population() {
		return new GroupedPopulation(this);
	}

	public int size() {
		return groupOf.length;
	}
}
