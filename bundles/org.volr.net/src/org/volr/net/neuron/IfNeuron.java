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

	/** Without a leak there is nothing to approximate: forward Euler is the exact update. */
	@Override
	public TargetMapping<Discretisation> euler(Map<String, Double> values, double dtMillis) {
		return new TargetMapping.Mapped<>(discretise(values, dtMillis));
	}

	@Override
	public boolean leaks() {
		return false;
	}

	/** NIR's IF node: Volr's IF neuron is IF(r = 1, v_threshold = threshold). */
	@Override
	public TargetMapping<NirNode> nir(Map<String, Double> values, Discretisation d, double dtMillis) {
		return new TargetMapping.Mapped<>(new NirNode("IF", d.threshold(), 1f, 0f, 0f, 0f, 0f));
	}

	@Override
	public TargetMapping<PynnCell> pynn(Map<String, Double> values, Discretisation d, double dtMillis) {
		return new TargetMapping.Mapped<>(Mappings.pynnCurrent(d, dtMillis, false, null, java.util.List.of()));
	}

	@Override
	public TargetMapping<Discretisation> brian2(Map<String, Double> values, Discretisation d, double dtMillis) {
		return new TargetMapping.Mapped<>(d);
	}

	@Override
	public TargetMapping<LoihiNeuron> lava(Map<String, Double> values, Discretisation d, double dtMillis) {
		return new TargetMapping.Mapped<>(Mappings.loihi(d, false));
	}

	@Override
	public Population population(Discretisation d, int size) {
		return new JumpPopulation(d, size);
	}
}
