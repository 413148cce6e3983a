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

	/** NIR's LIF node: τ_m as written, in seconds, the resting potential as v_leak. */
	@Override
	public TargetMapping<NirNode> nir(Map<String, Double> values, Discretisation d, double dtMillis) {
		return new TargetMapping.Mapped<>(new NirNode("LIF", d.threshold(), 1f, Mappings.seconds(Mappings.finiteMillis(values.get("tau_m"))),
				d.restPotential(), 0f, 0f));
	}

	@Override
	public TargetMapping<PynnCell> pynn(Map<String, Double> values, Discretisation d, double dtMillis) {
		return new TargetMapping.Mapped<>(Mappings.pynnCurrent(d, dtMillis, true, null,
				java.util.List.of("PyNN integrates the leak continuously, Volr adds each step's input after the decay: LIF rates differ slightly")));
	}

	@Override
	public TargetMapping<Discretisation> brian2(Map<String, Double> values, Discretisation d, double dtMillis) {
		return new TargetMapping.Mapped<>(d);
	}

	@Override
	public TargetMapping<LoihiNeuron> lava(Map<String, Double> values, Discretisation d, double dtMillis) {
		return new TargetMapping.Mapped<>(Mappings.loihi(d, true));
	}

	/** β = 1 − dt/τ_m: snnTorch's Leaky, Norse's LIF step. */
	@Override
	public TargetMapping<Discretisation> euler(Map<String, Double> values, double dtMillis) {
		return Common.eulerJump(values, dtMillis);
	}

	@Override
	public Population population(Discretisation d, int size) {
		return new JumpPopulation(d, size);
	}
}
