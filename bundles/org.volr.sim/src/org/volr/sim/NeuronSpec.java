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
 * steps, lower clamp and the leak factor exp(−dt/τ_m) (1 for the non-leaky IF neuron).
 */
public record NeuronSpec(NeuronKind kind, float threshold, ResetMode reset, float resetPotential, int refractorySteps,
		float minPotential, float leak, float restPotential) {

	/** INIsim's neuron: non-leaky integrate-and-fire, threshold 1, reset by subtraction. */
	public static NeuronSpec defaultIF() {
		return new NeuronSpec(NeuronKind.IF, 1f, ResetMode.SUBTRACT, 0f, 0, Float.NEGATIVE_INFINITY, 1f, 0f);
	}

	/** Resolves a neuron block of an experiment; dtMillis is the simulation step in ms. */
	public static NeuronSpec from(NeuronModel model, Conversion conversion, double dtMillis) {
		NeuronKind kind = model == null ? NeuronKind.IF : model.getKind();
		if (kind == NeuronKind.CUBA_LIF) // refusing beats simulating it silently as a plain LIF neuron
			throw new IllegalArgumentException("CubaLIF neurons (current-based synapses) are not simulated yet; use IF or LIF");
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
		return new NeuronSpec(kind, values.get("v_thresh").floatValue(), reset, values.get("v_reset").floatValue(),
				refractory, (float) vMin, leak, values.getOrDefault("v_rest", 0.0).floatValue());
	}
}
