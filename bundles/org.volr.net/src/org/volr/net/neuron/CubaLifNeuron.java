package org.volr.net.neuron;

import java.util.List;
import java.util.Map;

/**
 * The leaky neuron with a current-based exponential synapse, integrated exactly: τs·di/dt = −i,
 * τm·dv/dt = −(v − v_rest) + τm·i.
 */
final class CubaLifNeuron implements NeuronModel {
	@Override
	public String name() {
		return "CubaLIF";
	}

	@Override
	public Map<String, ParameterSpec> parameters() {
		return Common.synaptic();
	}

	@Override
	public List<ParameterProblem> problems(Map<String, Double> values) {
		return Common.oneSynapticTimeConstant(name(), values);
	}

	@Override
	public Discretisation discretise(Map<String, Double> v, double dtMillis) {
		double tauSyn = v.get("tau_syn_E"), tauM = v.get("tau_m");
		double p11 = Math.exp(-dtMillis / tauSyn), p22 = Math.exp(-dtMillis / tauM);
		// charge q waiting in the synapse reaches v as q·τm/(τm−τs)·(P22 − P11) within a step; the limit τm → τs is (dt/τs)·P11
		double gain = Math.abs(tauM - tauSyn) < 1e-9 * tauM ? dtMillis / tauSyn * p11 : tauM / (tauM - tauSyn) * (p22 - p11);
		double currentGain = tauM / dtMillis * (1 - p22);
		return new Discretisation(Common.threshold(v), Common.resetTo(v), Common.refractory(v, dtMillis), (float) v.get("v_min").doubleValue(),
				(float) p22, v.get("v_rest").floatValue(), (float) p11, (float) gain, (float) currentGain, null);
	}

	/**
	 * α = 1 − dt/τ_syn, β = 1 − dt/τ_m (snnTorch's Synaptic, Norse's LIF with a current): the Euler step of
	 * τm·dv/dt = −(v − v_rest) + τm·i, τs·di/dt = −i with the charge q = τs·i, so the membrane takes dt/τs of the charge
	 * per step (all of it in the end, as in the exact step) and a constant drive c enters as c.
	 */
	@Override
	public TargetMapping<Discretisation> euler(Map<String, Double> v, double dtMillis) {
		return switch (Common.eulerDecays(v, dtMillis, "tau_m", "tau_syn_E")) {
		case TargetMapping.Mapped<float[]> m -> new TargetMapping.Mapped<>(new Discretisation(Common.threshold(v), Common.resetTo(v),
				Common.refractory(v, dtMillis), (float) v.get("v_min").doubleValue(), m.value()[0], v.get("v_rest").floatValue(), m.value()[1],
				(float) (dtMillis / v.get("tau_syn_E")), 1f, null));
		case TargetMapping.Refused<float[]> r -> new TargetMapping.Refused<>(r.reason());
		};
	}

	@Override
	public boolean hasSynapticCurrent() {
		return true;
	}

	/**
	 * NIR's CubaLIF node (τ_syn·İ = −I + w_in·S, τ_mem·v̇ = (v_leak − v) + r·I) with w_in = 1 and r = τ_mem (seconds):
	 * a charge arriving at once reaches the membrane in full, as in Volr's neuron; the NIR target writes r = τ_mem/dt
	 * for a spike held over its step (SEMANTICS.md, "Time in NIR graphs").
	 */
	@Override
	public TargetMapping<NirNode> nir(Map<String, Double> values, Discretisation d, double dtMillis) {
		float tauMem = Mappings.seconds(Mappings.finiteMillis(values.get("tau_m")));
		return new TargetMapping.Mapped<>(new NirNode("CubaLIF", d.threshold(), tauMem, tauMem, d.restPotential(),
				Mappings.seconds(values.get("tau_syn_E")), d.resetPotential()));
	}

	@Override
	public TargetMapping<PynnCell> pynn(Map<String, Double> values, Discretisation d, double dtMillis) {
		double tauSyn = Mappings.steppingTau(d.synapseDecay(), dtMillis);
		return new TargetMapping.Mapped<>(Mappings.pynnCurrent(d, dtMillis, true, tauSyn, java.util.List.of("CubaLIF: IF_curr_exp with tau_syn "
				+ Mappings.python(tauSyn) + " ms; Brian2 and NEST integrate it exactly as Volr does, NEURON's implicit step approximately")));
	}

	@Override
	public TargetMapping<Discretisation> brian2(Map<String, Double> values, Discretisation d, double dtMillis) {
		return new TargetMapping.Mapped<>(d);
	}

	@Override
	public TargetMapping<LoihiNeuron> lava(Map<String, Double> values, Discretisation d, double dtMillis) {
		return new TargetMapping.Refused<>("CubaLIF neurons are not written for Lava yet; use IF or LIF");
	}

	@Override
	public Population population(Discretisation d, int size) {
		return new CubaPopulation(d, size);
	}
}
