package org.volr.sim;

import java.util.List;

import org.volr.sim.plan.LayerPlan;

/**
 * CobaLIF neurons' synapses: every layer's positive weights and negative weights apart, already turned into the
 * conductances they open (SEMANTICS.md, "Conductance-based synapses"). Made once per simulation and shared by the
 * runners of all threads, which only read them.
 */
record ConductanceSynapses(LayerPlan[] excitatory, LayerPlan[] inhibitory) {
	/** The split synapses of the network, or null when the neurons are not conductance-based. */
	static ConductanceSynapses of(SpikingNetwork network, NeuronSpec neuron) {
		if (!neuron.isConductanceBased())
			return null;
		List<LayerPlan> layers = network.layers();
		LayerPlan[] excitatory = new LayerPlan[layers.size()], inhibitory = new LayerPlan[layers.size()];
		for (int l = 0; l < layers.size(); l++)
			if (layers.get(l).hasNeurons()) {
				excitatory[l] = layers.get(l).signedPart(true, neuron.conductance().excitatoryPerWeight());
				inhibitory[l] = layers.get(l).signedPart(false, neuron.conductance().inhibitoryPerWeight());
			}
		return new ConductanceSynapses(excitatory, inhibitory);
	}
}
