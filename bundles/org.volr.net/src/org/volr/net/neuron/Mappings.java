package org.volr.net.neuron;

import java.util.ArrayList;
import java.util.List;

/** The target mappings the built-in models share. */
final class Mappings {
	private Mappings() {
	}

	/** NIR's files are in SI: milliseconds to seconds, as the float that prints as the shortest decimal (0.02). */
	static float seconds(double millis) {
		return (float) (millis / 1000);
	}

	/** A time constant NIR's leaky nodes need finite: "no leak" is written as one no step can tell from it. */
	static double finiteMillis(double tauMillis) {
		return Double.isFinite(tauMillis) ? tauMillis : 1e9;
	}

	/**
	 * PyNN's IF_curr_exp: a leaky neuron decays with {@link #steppingTau} of its leak, a non-leaky one (or one whose
	 * per-step leak rounds to none) with τ_m of 10^9 ms.
	 */
	static PynnCell pynnCurrent(Discretisation d, double dtMillis, boolean leaky, Double tauSyn, List<String> notes) {
		return new PynnCell("IF_curr_exp", leaky ? d.restPotential() : 0, d.resetPotential(), d.threshold(), pynnTauM(d, dtMillis, leaky),
				d.refractorySteps(), tauSyn, null, notes);
	}

	static double pynnTauM(Discretisation d, double dtMillis, boolean leaky) {
		return leaky && d.leak() < 1f ? steppingTau(d.leak(), dtMillis) : 1e9;
	}

	/**
	 * The time constant whose exact exponential exp(−dt/τ) is Volr's per-step factor as a float. PyNN's simulators
	 * integrate the exponentials exactly in double precision: with this τ they step as Volr's float propagators do,
	 * where the τ as written would differ in the last bits and move spikes that land on the threshold (the
	 * cross-simulator tests count equal spikes).
	 */
	static double steppingTau(float factor, double dtMillis) {
		return -dtMillis / Math.log(factor);
	}

	/** Loihi's CUBA neuron for an IF or LIF neuron; {@code restMatters}: the membrane decays towards v_rest. */
	static LoihiNeuron loihi(Discretisation d, boolean restMatters) {
		long vDecay = Math.min(LoihiNeuron.DECAY_UNITY - 1, (long) Math.rint(LoihiNeuron.DECAY_UNITY * (1.0 - d.leak())));
		List<String> differences = new ArrayList<>();
		if (d.resetPotential() != 0)
			differences.add("Loihi resets the potential to zero, not to Volr's v_reset " + d.resetPotential());
		if (restMatters && d.restPotential() != 0)
			differences.add("Loihi's potential decays towards zero, not towards Volr's v_rest " + d.restPotential());
		if (d.refractorySteps() > 0)
			differences.add("refDelay " + (d.refractorySteps() + 1) + " is written, but lava's LIF process, which netx builds, has no"
					+ " refractory period: neurons on Lava can spike in consecutive steps");
		if (d.minPotential() != Float.NEGATIVE_INFINITY)
			differences.add("Volr clamps the potential at v_min " + d.minPotential() + "; Loihi only saturates its 24-bit potential");
		return new LoihiNeuron(LoihiNeuron.DECAY_UNITY, vDecay, d.refractorySteps() + 1L, differences);
	}

	/** A number as the generated Python scripts print it: whole numbers with ".0", others with nine significant digits. */
	static String python(double v) {
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(java.util.Locale.ROOT, "%.1f", v)
				: String.format(java.util.Locale.ROOT, "%.9g", v);
	}
}
