package org.volr.net.neuron;

/**
 * A neuron model's constants for one time step dt (SEMANTICS.md): threshold, reset potential, refractory steps,
 * lower clamp, the leak factor exp(−dt/τ_m) (1 without a leak), the resting potential and, for neurons with a
 * synaptic current, the exact propagators: synapseDecay exp(−dt/τ_syn), synapseGain (the part of the waiting synaptic
 * charge that reaches the membrane within one step) and currentGain (what a constant drive of 1 per step adds in one
 * step under the leak). Neurons that take input as a jump have decay 0 and both gains 1. Conductance-based neurons
 * also carry their {@link Conductance} (null for the others).
 */
public record Discretisation(float threshold, float resetPotential, int refractorySteps, float minPotential, float leak,
		float restPotential, float synapseDecay, float synapseGain, float currentGain, Conductance conductance) {

	/**
	 * The conductance-based synapses (SEMANTICS.md, "Conductance-based synapses"): the reversal potentials, and the
	 * conductance per step that a spike of weight +1 (−1) opens, chosen so that at rest it brings the membrane the
	 * same charge as a current-based synapse would: (1 − P11)/(E − v_rest).
	 */
	public record Conductance(float excitatoryReversal, float inhibitoryReversal, float excitatoryPerWeight, float inhibitoryPerWeight) {
	}
}
