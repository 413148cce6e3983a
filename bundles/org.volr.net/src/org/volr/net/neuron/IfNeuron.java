package org.volr.net.neuron;

import java.util.Map;

/** The integrate-and-fire neuron of the conversion (INIsim): no leak, input as a jump. */
final class IfNeuron implements NeuronModel {
	@Override
	public String name() {
		return "IF";
	}

	@Override
	public Map<String, ParameterSpec> parameters() {
		return Common.parameters();
	}

	@Override
	public Discretisation discretise(Map<String, Double> values, double dtMillis) {
		return Common.jump(values, dtMillis, 1f);
	}

	@Override
	public boolean leaks() {
		return false;
	}

	@Override
	public Population population(Discretisation d, int size) {
		return new JumpPopulation(d, size);
	}
}
