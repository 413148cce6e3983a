package org.volr.sim;

import java.util.List;

import org.volr.sim.plan.LayerPlan;

/**
 * CobaLIF neurons' synapses: every such layer's positive weights and negative weights apart, already turned into the
 * conductances they open (SEMANTICS.md, "Conductance-based synapses"). Made once per simulation and shared by the
 * runners of all threads, which only read them.
 */
record ConductanceSynapses(LayerPlan[] excitatory, LayerPlan[] inhibitory) {
	/** The split synapses of the network's layers of conductance-based neurons, or null when it has none. */
	static ConductanceSynapses of(SpikingNetwork network, SimulationConfig config) {
		List<LayerPlan> layers = network.layers();
		LayerPlan[] excitatory = new LayerPlan[layers.size()], inhibitory = new LayerPlan[layers.size()];
		boolean any = false;
		for (int l = 0; l < layers.size(); l++) {
			NeuronSpec neuron = config.neuronOf(layers.get(l).label());
			if (layers.get(l).hasNeurons() && neuron.isConductanceBased()) {
				excitatory[l] = layers.get(l).signedPart(true, neuron.conductance().excitatoryPerWeight());
				inhibitory[l] = layers.get(l).signedPart(false, neuron.conductance().inhibitoryPerWeight());
				any = true;
			}
		}
		return any ? new ConductanceSynapses(excitatory, inhibitory) : null;
	}
}
