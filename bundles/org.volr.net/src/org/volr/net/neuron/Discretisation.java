package org.volr.net.neuron;

import java.util.Map;

/**
 * A neuron model's constants for one time step dt (SEMANTICS.md): threshold, reset potential, refractory steps,
 * lower clamp, the leak factor exp(−dt/τ_m) (1 without a leak), the resting potential and, for neurons with a
 * synaptic current, the exact propagators: synapseDecay exp(−dt/τ_syn), synapseGain (the part of the waiting synaptic
 * charge that reaches the membrane within one step) and currentGain (what a constant drive of 1 per step adds in one
 * step under the leak). Neurons that take input as a jump have decay 0 and both gains 1. Conductance-based neurons
 * also carry their {@link Conductance} (null for the others).
 */
public record Discretisation(float threshold, float resetPotential, int refractorySteps, float minPotential, float leak,
		float restPotential, float synapseDecay, float synapseGain, float currentGain, Conductance conductance,
		Map<String, Float> modelConstants) {

	/**
	 * {@code modelConstants}: per-step constants only the model's own population reads, by name (an adaptive
	 * threshold's decay, say), so that a model with more state adds no field here.
	 */
	public Discretisation {
		modelConstants = Map.copyOf(modelConstants);
	}

	/** The constants of a model with no constants of its own. */
	public Discretisation(float threshold, float resetPotential, int refractorySteps, float minPotential, float leak, float restPotential,
			float synapseDecay, float synapseGain, float currentGain, Conductance conductance) {
		this(threshold, resetPotential, refractorySteps, minPotential, leak, restPotential, synapseDecay, synapseGain, currentGain, conductance,
				Map.of());
	}

	/** The same constants with another threshold. */
	public Discretisation withThreshold(float theta) {
		return new Discretisation(theta, resetPotential, refractorySteps, minPotential, leak, restPotential, synapseDecay, synapseGain,
				currentGain, conductance, modelConstants);
	}

	/** These constants and the model's own constant {@code name}, which must be there. */
	public float modelConstant(String name) {
		Float value = modelConstants.get(name);
		if (value == null)
			throw new IllegalStateException("no per-step constant '" + name + "' (the model's discretise gives " + modelConstants.keySet() + ")");
		return value;
	}

	/**
	 * The conductance-based synapses (SEMANTICS.md, "Conductance-based synapses"): the reversal potentials, and the
	 * conductance per step that a spike of weight +1 (−1) opens, chosen so that at rest it brings the membrane the
	 * same charge as a current-based synapse would: (1 − P11)/(E − v_rest).
	 */
	public record Conductance(float excitatoryReversal, float inhibitoryReversal, float excitatoryPerWeight, float inhibitoryPerWeight) {
	}
}
