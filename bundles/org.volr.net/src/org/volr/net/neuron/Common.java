package org.volr.net.neuron;

import java.util.LinkedHashMap;
import java.util.Map;

/** What every neuron model of Volr shares: a threshold, a reset, a refractory period and a lower clamp. */
final class Common {
	private Common() {
	}

	static Map<String, ParameterSpec> parameters() {
		Map<String, ParameterSpec> m = new LinkedHashMap<>();
		m.put("v_thresh", ParameterSpec.voltage(1.0, "firing threshold"));
		m.put("v_reset", ParameterSpec.voltage(0.0, "membrane potential after a spike (reset zero)"));
		m.put("tau_refrac", ParameterSpec.time(0.0, "refractory period"));
		m.put("v_min", ParameterSpec.voltage(Double.NEGATIVE_INFINITY, "lower clamp of the membrane potential"));
		return m;
	}

	/** A leaky membrane's parameters, after the common ones. */
	static Map<String, ParameterSpec> leaky() {
		Map<String, ParameterSpec> m = parameters();
		m.put("tau_m", ParameterSpec.time(20.0, "membrane time constant"));
		m.put("v_rest", ParameterSpec.voltage(0.0, "resting potential"));
		return m;
	}

	/** A leaky membrane with exponential synapses. */
	static Map<String, ParameterSpec> synaptic() {
		Map<String, ParameterSpec> m = leaky();
		m.put("tau_syn_E", ParameterSpec.time(5.0, "excitatory synaptic time constant"));
		m.put("tau_syn_I", ParameterSpec.time(5.0, "inhibitory synaptic time constant"));
		return m;
	}

	/** Input as a jump, with leak factor {@code leak}. */
	static Discretisation jump(Map<String, Double> v, double dtMillis, float leak) {
		return new Discretisation(threshold(v), resetTo(v), refractory(v, dtMillis), (float) v.get("v_min").doubleValue(), leak,
				v.getOrDefault("v_rest", 0.0).floatValue(), 0f, 1f, 1f, null);
	}

	/**
	 * Forward Euler's decay 1 − dt/τ of each named time constant, in order, or the refusal when dt is not below one of
	 * them (the factor would not lie in (0, 1)).
	 */
	static TargetMapping<float[]> eulerDecays(Map<String, Double> v, double dtMillis, String... taus) {
		float[] decays = new float[taus.length];
		for (int i = 0; i < taus.length; i++) {
			double tau = v.get(taus[i]);
			if (!(dtMillis < tau))
				return new TargetMapping.Refused<>("forward Euler needs dt below " + taus[i] + ": dt " + dtMillis + " ms against " + taus[i] + " "
						+ tau + " ms makes 1 − dt/" + taus[i] + " no decay; use a smaller dt or discretisation exact");
			decays[i] = (float) (1 - dtMillis / tau);
		}
		return new TargetMapping.Mapped<>(decays);
	}

	/** A jump neuron's forward-Euler constants: the leak 1 − dt/τ_m. */
	static TargetMapping<Discretisation> eulerJump(Map<String, Double> v, double dtMillis) {
		return switch (eulerDecays(v, dtMillis, "tau_m")) {
		case TargetMapping.Mapped<float[]> m -> new TargetMapping.Mapped<>(jump(v, dtMillis, m.value()[0]));
		case TargetMapping.Refused<float[]> r -> new TargetMapping.Refused<>(r.reason());
		};
	}

	static float threshold(Map<String, Double> v) {
		return v.get("v_thresh").floatValue();
	}

	static float resetTo(Map<String, Double> v) {
		return v.get("v_reset").floatValue();
	}

	static int refractory(Map<String, Double> v, double dtMillis) {
		return (int) Math.round(v.get("tau_refrac") / dtMillis);
	}

	/** One synaptic time constant for both signs (the exact propagators assume it). */
	static java.util.List<ParameterProblem> oneSynapticTimeConstant(String model, Map<String, Double> v) {
		if (Math.abs(v.get("tau_syn_E") - v.get("tau_syn_I")) > 1e-12)
			return java.util.List.of(new ParameterProblem("tau_syn_I", model + " neurons take one synaptic time constant: tau_syn_I must equal"
					+ " tau_syn_E (" + v.get("tau_syn_E") + " ms), got " + v.get("tau_syn_I") + " ms"));
		return java.util.List.of();
	}
}
