package org.volr.sim;

import java.util.Map;

import org.volr.model.Conversion;
import org.volr.model.NeuronKind;
import org.volr.model.NeuronModel;
import org.volr.model.Parameter;
import org.volr.model.ResetMode;
import org.volr.model.units.NeuronParameters;
import org.volr.model.units.Units;

/**
 * The neuron of every population, resolved to numbers per step (see SEMANTICS.md): threshold, reset, refractory
 * steps, lower clamp, the leak factor exp(−dt/τ_m) (1 for the non-leaky IF neuron) and, for CubaLIF neurons, the
 * exact propagators of the current-based exponential synapse: synapseDecay exp(−dt/τ_syn), synapseGain (the part of
 * the waiting synaptic charge that reaches the membrane within one step) and currentGain (what a constant drive of
 * 1 per step adds in one step under the leak). IF and LIF neurons take input as a jump: decay 0, both gains 1.
 * CobaLIF neurons also carry their {@link Conductance} (null for the others).
 */
public record NeuronSpec(NeuronKind kind, float threshold, ResetMode reset, float resetPotential, int refractorySteps,
		float minPotential, float leak, float restPotential, float synapseDecay, float synapseGain, float currentGain,
		Conductance conductance) {

	/**
	 * The conductance-based synapses of CobaLIF neurons (SEMANTICS.md, "Conductance-based synapses"): the reversal
	 * potentials, and the conductance per step that a spike of weight +1 (−1) opens, chosen so that at rest it
	 * brings the membrane the same charge as a CubaLIF synapse would: (1 − P11)/(E − v_rest).
	 */
	public record Conductance(float excitatoryReversal, float inhibitoryReversal, float excitatoryPerWeight, float inhibitoryPerWeight) {
	}

	/** An IF, LIF or CubaLIF neuron. */
	public NeuronSpec(NeuronKind kind, float threshold, ResetMode reset, float resetPotential, int refractorySteps, float minPotential,
			float leak, float restPotential, float synapseDecay, float synapseGain, float currentGain) {
		this(kind, threshold, reset, resetPotential, refractorySteps, minPotential, leak, restPotential, synapseDecay, synapseGain, currentGain,
				null);
	}

	/** An IF or LIF neuron (input as a jump). */
	public NeuronSpec(NeuronKind kind, float threshold, ResetMode reset, float resetPotential, int refractorySteps, float minPotential,
			float leak, float restPotential) {
		this(kind, threshold, reset, resetPotential, refractorySteps, minPotential, leak, restPotential, 0f, 1f, 1f);
	}

	/** INIsim's neuron: non-leaky integrate-and-fire, threshold 1, reset by subtraction. */
	public static NeuronSpec defaultIF() {
		return new NeuronSpec(NeuronKind.IF, 1f, ResetMode.SUBTRACT, 0f, 0, Float.NEGATIVE_INFINITY, 1f, 0f);
	}

	/** The same neuron with another threshold (the adaptive threshold of a layer at one step). */
	public NeuronSpec withThreshold(float theta) {
		return new NeuronSpec(kind, theta, reset, resetPotential, refractorySteps, minPotential, leak, restPotential, synapseDecay, synapseGain,
				currentGain, conductance);
	}

	/** The same neuron with another reset (spikes with payloads read the residual v − θ of a reset by subtraction). */
	public NeuronSpec withReset(ResetMode mode) {
		return new NeuronSpec(kind, threshold, mode, resetPotential, refractorySteps, minPotential, leak, restPotential, synapseDecay, synapseGain,
				currentGain, conductance);
	}

	/** Whether input opens conductances whose current depends on the membrane potential (CobaLIF). */
	public boolean isConductanceBased() {
		return conductance != null;
	}

	/** Whether input reaches the membrane through a decaying synaptic current (CubaLIF) rather than as a jump. */
	public boolean hasSynapticCurrent() {
		return kind == NeuronKind.CUBA_LIF;
	}

	/** Resolves a neuron block of an experiment; dtMillis is the simulation step in ms. */
	public static NeuronSpec from(NeuronModel model, Conversion conversion, double dtMillis) {
		NeuronKind kind = model == null ? NeuronKind.IF : model.getKind();
		Map<String, NeuronParameters.Spec> specs = NeuronParameters.of(kind);
		java.util.HashMap<String, Double> values = new java.util.HashMap<>();
		specs.forEach((name, spec) -> values.put(name, spec.defaultValue()));
		if (model != null)
			for (Parameter p : model.getParams())
				values.put(p.getName(), Units.toBase(p.getValue()));
		ResetMode reset = conversion == null ? ResetMode.SUBTRACT : conversion.getReset();
		float leak = kind == NeuronKind.IF ? 1f : (float) Math.exp(-dtMillis / values.get("tau_m"));
		int refractory = (int) Math.round(values.get("tau_refrac") / dtMillis);
		double vMin = values.get("v_min");
		float threshold = values.get("v_thresh").floatValue(), resetTo = values.get("v_reset").floatValue();
		float rest = values.getOrDefault("v_rest", 0.0).floatValue();
		if (kind != NeuronKind.CUBA_LIF && kind != NeuronKind.COBA_LIF)
			return new NeuronSpec(kind, threshold, reset, resetTo, refractory, (float) vMin, leak, rest);
		double tauSyn = values.get("tau_syn_E"), tauM = values.get("tau_m");
		if (Math.abs(tauSyn - values.get("tau_syn_I")) > 1e-12)
			throw new IllegalArgumentException(kind.getLiteral() + " neurons take one synaptic time constant: set tau_syn_I equal to tau_syn_E ("
					+ tauSyn + " ms), got " + values.get("tau_syn_I") + " ms");
		double p11 = Math.exp(-dtMillis / tauSyn), p22 = Math.exp(-dtMillis / tauM);
		if (kind == NeuronKind.COBA_LIF) {
			double eE = values.get("e_rev_E"), eI = values.get("e_rev_I");
			if (!(eE > threshold && eE > rest))
				throw new IllegalArgumentException("CobaLIF: the excitatory reversal potential e_rev_E (" + eE
						+ ") must lie above the threshold and the resting potential, or excitation could never fire the neuron");
			if (!(eI < rest))
				throw new IllegalArgumentException("CobaLIF: the inhibitory reversal potential e_rev_I (" + eI + ") must lie below the resting potential ("
						+ rest + ")");
			Conductance g = new Conductance((float) eE, (float) eI, (float) ((1 - p11) / (eE - rest)), (float) ((1 - p11) / (rest - eI)));
			// the membrane takes the conductances' current in a forward step (gain 0: no synaptic charge q), a constant drive c as c
			return new NeuronSpec(kind, threshold, reset, resetTo, refractory, (float) vMin, (float) p22, rest, (float) p11, 0f, 1f, g);
		}
		// charge q waiting in the synapse reaches v as q·τm/(τm−τs)·(P22 − P11) within a step (exact solution of
		// τs·di/dt = −i, τm·dv/dt = −(v − v_rest) + τm·i); the limit τm → τs is (dt/τs)·P11
		double gain = Math.abs(tauM - tauSyn) < 1e-9 * tauM ? dtMillis / tauSyn * p11 : tauM / (tauM - tauSyn) * (p22 - p11);
		double currentGain = tauM / dtMillis * (1 - p22);
		return new NeuronSpec(kind, threshold, reset, resetTo, refractory, (float) vMin, (float) p22, rest, (float) p11, (float) gain,
				(float) currentGain);
	}
}
