package org.volr.net.neuron;

import java.util.Map;

/** The leaky integrate-and-fire neuron: the membrane decays by exp(−dt/τ_m) per step, input arrives as a jump. */
final class LifNeuron implements NeuronModel {
	@Override
	public String name() {
		return "LIF";
	}

	@Override
	public Map<String, ParameterSpec> parameters() {
		return Common.leaky();
	}

	@Override
	public Discretisation discretise(Map<String, Double> values, double dtMillis) {
		return Common.jump(values, dtMillis, (float) Math.exp(-dtMillis / values.get("tau_m")));
	}

	@Override
	public Population population(Discretisation d, int size) {
		return new JumpPopulation(d, size);
	}
}
