package org.volr.net.neuron;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The leaky integrator (NIR's LI node: τ·dv/dt = (v_leak − v) + r·I): a LIF membrane without a threshold, so it never
 * spikes. Its membrane potential is what is read out (SEMANTICS.md, "Leaky integrators (LI)"), which is why it is an
 * output layer's neuron: it has no spikes to pass on to another layer. Input arrives as a jump, as for LIF.
 */
final class LiNeuron implements NeuronModel {
	@Override
	public String name() {
		return "LI";
	}

	/** A threshold, reset or refractory period would mean nothing for a neuron that never fires: only the membrane's. */
	@Override
	public Map<String, ParameterSpec> parameters() {
		Map<String, ParameterSpec> m = new LinkedHashMap<>();
		m.put("tau_m", ParameterSpec.time(20.0, "membrane time constant"));
		m.put("v_rest", ParameterSpec.voltage(0.0, "resting potential (NIR's v_leak)"));
		m.put("v_min", ParameterSpec.voltage(Double.NEGATIVE_INFINITY, "lower clamp of the membrane potential"));
		return m;
	}

	/** A threshold no potential reaches; the leak exp(−dt/τ_m). */
	@Override
	public Discretisation discretise(Map<String, Double> v, double dtMillis) {
		return constants(v, (float) Math.exp(-dtMillis / v.get("tau_m")));
	}

	/** β = 1 − dt/τ_m: snnTorch's and Norse's leaky integrators. */
	@Override
	public TargetMapping<Discretisation> euler(Map<String, Double> values, double dtMillis) {
		return switch (Common.eulerDecays(values, dtMillis, "tau_m")) {
		case TargetMapping.Mapped<float[]> m -> new TargetMapping.Mapped<>(constants(values, m.value()[0]));
		case TargetMapping.Refused<float[]> r -> new TargetMapping.Refused<>(r.reason());
		};
	}

	private static Discretisation constants(Map<String, Double> v, float leak) {
		return new Discretisation(Float.POSITIVE_INFINITY, 0f, 0, v.get("v_min").floatValue(), leak, v.get("v_rest").floatValue(), 0f, 1f, 1f, null);
	}

	@Override
	public boolean spikes() {
		return false;
	}

	/** NIR's LI node, as Volr's LIF is (τ_m as written in seconds, r = 1 before the NIR target's step gain, v_rest as v_leak) without the threshold. */
	@Override
	public TargetMapping<NirNode> nir(Map<String, Double> values, Discretisation d, double dtMillis) {
		return new TargetMapping.Mapped<>(new NirNode("LI", 0f, 1f, Mappings.seconds(Mappings.finiteMillis(values.get("tau_m"))),
				d.restPotential(), 0f, 0f));
	}

	/** Volr's Brian2 script steps it as LIF without a threshold (its threshold None: the group has no thresholder). */
	@Override
	public TargetMapping<Discretisation> brian2(Map<String, Double> values, Discretisation d, double dtMillis) {
		return new TargetMapping.Mapped<>(d);
	}

	/**
	 * PyNN has no non-spiking standard cell: IF_curr_exp with Volr's leak, a jump synapse (as LIF) and a threshold no
	 * membrane reaches ({@code vThresh} +∞: the script writes it unreachable and records only v).
	 */
	@Override
	public TargetMapping<PynnCell> pynn(Map<String, Double> values, Discretisation d, double dtMillis) {
		return new TargetMapping.Mapped<>(Mappings.pynnCurrent(d, dtMillis, true, null,
				java.util.List.of("LI: IF_curr_exp with an unreachable threshold, read by its recorded membrane")));
	}

	@Override
	public Population population(Discretisation d, int size) {
		return new LeakyIntegrators(d, size);
	}
}
