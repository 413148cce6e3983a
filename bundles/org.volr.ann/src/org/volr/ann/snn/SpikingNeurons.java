package org.volr.ann.snn;

import org.volr.model.ResetMode;

/**
 * The per-step constants of one layer's IF or LIF neurons as the simulator runs them (SEMANTICS.md, "Neuron update"):
 * u = v_rest + (v − v_rest)·leak + I (leak 1: u = v + I, IF), a spike when u ≥ θ, then reset by subtraction (v = u −
 * θ) or to v_reset. What the trainer cannot follow (a refractory period, a lower bound v_min) is refused where these
 * are made.
 */
public record SpikingNeurons(float threshold, float leak, float rest, ResetMode reset, float resetPotential) {
	public SpikingNeurons {
		if (!(threshold > 0) || !Float.isFinite(threshold))
			throw new IllegalArgumentException("spiking training needs a positive threshold, got " + threshold);
		if (reset == ResetMode.MODULO)
			throw new IllegalArgumentException("spiking training resets by subtraction or to a potential, not modulo");
	}

	/** The integrate-and-fire neuron with threshold 1, reset by subtraction. */
	public static SpikingNeurons plainIf() {
		return new SpikingNeurons(1f, 1f, 0f, ResetMode.SUBTRACT, 0f);
	}

	/** The membrane before the threshold test, written as the simulator's JumpPopulation computes it (same float operations). */
	float integrate(float v, float in) {
		return leak != 1f ? rest + (v - rest) * leak + in : v + in;
	}

	/** ∂u/∂v. */
	float carry() {
		return leak;
	}
}
