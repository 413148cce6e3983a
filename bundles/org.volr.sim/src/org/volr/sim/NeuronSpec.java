package org.volr.sim;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.volr.model.Conversion;
import org.volr.model.NeuronModel;
import org.volr.model.Parameter;
import org.volr.model.ResetMode;
import org.volr.net.neuron.Discretisation;
import org.volr.net.neuron.Discretisation.Conductance;
import org.volr.net.neuron.Firing;
import org.volr.net.neuron.NeuronModels;
import org.volr.net.neuron.ParameterProblem;
import org.volr.net.neuron.Population;
import org.volr.model.units.Units;

/**
 * The neuron of every population, resolved to numbers per step by its model's plug-in (org.volr.net.neuron; see
 * SEMANTICS.md), and its continuous parameters as written: threshold, reset, refractory
 * steps, lower clamp, the leak factor exp(−dt/τ_m) (1 for the non-leaky IF neuron) and, for CubaLIF neurons, the
 * exact propagators of the current-based exponential synapse: synapseDecay exp(−dt/τ_syn), synapseGain (the part of
 * the waiting synaptic charge that reaches the membrane within one step) and currentGain (what a constant drive of
 * 1 per step adds in one step under the leak). IF and LIF neurons take input as a jump: decay 0, both gains 1.
 * CobaLIF neurons also carry their {@link Conductance} (null for the others), as their plug-in discretises it.
 */
public record NeuronSpec(org.volr.net.neuron.NeuronModel model, float threshold, ResetMode reset, float resetPotential, int refractorySteps,
		float minPotential, float leak, float restPotential, float synapseDecay, float synapseGain, float currentGain,
		Conductance conductance, Map<String, Double> parameters) {

	/** The model's continuous parameters as written (base units, defaults filled in), for targets that write τ. */
	public NeuronSpec {
		parameters = Map.copyOf(parameters);
	}

	/** A neuron given by its per-step constants alone (no continuous parameters). */
	public NeuronSpec(org.volr.net.neuron.NeuronModel model, float threshold, ResetMode reset, float resetPotential, int refractorySteps, float minPotential,
			float leak, float restPotential, float synapseDecay, float synapseGain, float currentGain, Conductance conductance) {
		this(model, threshold, reset, resetPotential, refractorySteps, minPotential, leak, restPotential, synapseDecay, synapseGain, currentGain,
				conductance, Map.of());
	}

	/** An IF, LIF or CubaLIF neuron. */
	public NeuronSpec(org.volr.net.neuron.NeuronModel model, float threshold, ResetMode reset, float resetPotential, int refractorySteps, float minPotential,
			float leak, float restPotential, float synapseDecay, float synapseGain, float currentGain) {
		this(model, threshold, reset, resetPotential, refractorySteps, minPotential, leak, restPotential, synapseDecay, synapseGain, currentGain,
				null);
	}

	/** An IF or LIF neuron (input as a jump). */
	public NeuronSpec(org.volr.net.neuron.NeuronModel model, float threshold, ResetMode reset, float resetPotential, int refractorySteps, float minPotential,
			float leak, float restPotential) {
		this(model, threshold, reset, resetPotential, refractorySteps, minPotential, leak, restPotential, 0f, 1f, 1f);
	}

	/** INIsim's neuron: non-leaky integrate-and-fire, threshold 1, reset by subtraction. */
	public static NeuronSpec defaultIF() {
		return new NeuronSpec(NeuronModels.IF, 1f, ResetMode.SUBTRACT, 0f, 0, Float.NEGATIVE_INFINITY, 1f, 0f);
	}

	/** The same neuron with another threshold (the adaptive threshold of a layer at one step). */
	public NeuronSpec withThreshold(float theta) {
		return new NeuronSpec(model, theta, reset, resetPotential, refractorySteps, minPotential, leak, restPotential, synapseDecay, synapseGain,
				currentGain, conductance, parameters);
	}

	/** The same neuron with another reset (spikes with payloads read the residual v − θ of a reset by subtraction). */
	public NeuronSpec withReset(ResetMode mode) {
		return new NeuronSpec(model, threshold, mode, resetPotential, refractorySteps, minPotential, leak, restPotential, synapseDecay, synapseGain,
				currentGain, conductance, parameters);
	}

	/** The per-step constants as the model's plug-in discretised them. */
	public Discretisation discretisation() {
		return new Discretisation(threshold, resetPotential, refractorySteps, minPotential, leak, restPotential, synapseDecay, synapseGain,
				currentGain, conductance);
	}

	/** {@code size} of these neurons at rest, with their state and update as the model's plug-in keeps them. */
	public Population population(int size) {
		return model().population(discretisation(), size);
	}

	/** How these neurons fire, with that reset (and no membrane clip). */
	public Firing firing(ResetMode mode) {
		return Firing.of(discretisation(), mode);
	}

	/** Whether input opens conductances whose current depends on the membrane potential (CobaLIF). */
	public boolean isConductanceBased() {
		return conductance != null;
	}

	/** Whether input reaches the membrane through a decaying synaptic current (CubaLIF) rather than as a jump. */
	public boolean hasSynapticCurrent() {
		return model.hasSynapticCurrent();
	}

	/**
	 * Resolves a neuron block of an experiment through its model's plug-in ({@link NeuronModels}); dtMillis is the
	 * simulation step in ms. Throws IllegalArgumentException when the model refuses the values.
	 */
	public static NeuronSpec from(NeuronModel model, Conversion conversion, double dtMillis) {
		org.volr.net.neuron.NeuronModel plugin = model == null ? NeuronModels.IF : NeuronModels.of(model.getKind());
		if (plugin == null)
			throw new IllegalArgumentException("unknown neuron model '" + model.getKind() + "'; expected one of " + String.join(", ", NeuronModels.names()));
		Map<String, Double> written = new HashMap<>();
		if (model != null)
			for (Parameter p : model.getParams())
				written.put(p.getName(), Units.toBase(p.getValue()));
		Map<String, Double> values = NeuronModels.values(plugin, written);
		List<ParameterProblem> problems = plugin.problems(values);
		if (!problems.isEmpty())
			throw new IllegalArgumentException(problems.get(0).message());
		Discretisation d = plugin.discretise(values, dtMillis);
		ResetMode reset = conversion == null ? ResetMode.SUBTRACT : conversion.getReset();
		return new NeuronSpec(plugin, d.threshold(), reset, d.resetPotential(), d.refractorySteps(), d.minPotential(), d.leak(), d.restPotential(),
				d.synapseDecay(), d.synapseGain(), d.currentGain(), d.conductance(), values);
	}
}
