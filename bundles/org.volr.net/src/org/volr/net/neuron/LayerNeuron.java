package org.volr.net.neuron;

import java.util.Map;

/**
 * A layer's own neuron ({@code out: dense 10 neuron LI { tau_m 10 ms }}), which replaces the experiment's for that
 * layer: its model's plug-in and the values written in its block (base units; the model's defaults fill in the rest
 * when it is discretised, {@link NeuronModels#values}).
 */
public record LayerNeuron(NeuronModel model, Map<String, Double> written) {
	public LayerNeuron {
		written = Map.copyOf(written);
	}

	/** Its full set of values: the model's defaults, overridden by those written. */
	public Map<String, Double> values() {
		return NeuronModels.values(model, written);
	}
}
