package org.volr.sim;

import java.util.List;
import java.util.Map;

import org.volr.model.Conversion;
import org.volr.model.DiscretisationKind;
import org.volr.model.NeuronModel;
import org.volr.model.ResetMode;
import org.volr.net.neuron.Discretisation;
import org.volr.net.neuron.Discretisation.Conductance;
import org.volr.net.neuron.Firing;
import org.volr.net.neuron.NeuronModels;
import org.volr.net.neuron.ParameterProblem;
import org.volr.net.neuron.Population;
import org.volr.net.neuron.TargetMapping;

/**
 * The neuron of every population of a run: its model's plug-in (org.volr.net.neuron), the model's constants for the
 * run's time step as the plug-in discretised them ({@link Discretisation}; see SEMANTICS.md), the conversion's reset,
 * and the continuous parameters as written (base units, defaults filled in), for targets that write τ. What a model
 * keeps beyond the shared constants lives in its discretisation's model constants, not here.
 */
public record NeuronSpec(org.volr.net.neuron.NeuronModel model, Discretisation discretisation, ResetMode reset,
		Map<String, Double> parameters) {

	public NeuronSpec {
		parameters = Map.copyOf(parameters);
	}

	/** A neuron given by its per-step constants alone (no continuous parameters). */
	public NeuronSpec(org.volr.net.neuron.NeuronModel model, float threshold, ResetMode reset, float resetPotential, int refractorySteps,
			float minPotential, float leak, float restPotential, float synapseDecay, float synapseGain, float currentGain, Conductance conductance) {
		this(model, new Discretisation(threshold, resetPotential, refractorySteps, minPotential, leak, restPotential, synapseDecay, synapseGain,
				currentGain, conductance), reset, Map.of());
	}

	/** An IF, LIF or CubaLIF neuron given by its per-step constants. */
	public NeuronSpec(org.volr.net.neuron.NeuronModel model, float threshold, ResetMode reset, float resetPotential, int refractorySteps,
			float minPotential, float leak, float restPotential, float synapseDecay, float synapseGain, float currentGain) {
		this(model, threshold, reset, resetPotential, refractorySteps, minPotential, leak, restPotential, synapseDecay, synapseGain, currentGain,
				null);
	}

	/** An IF or LIF neuron (input as a jump) given by its per-step constants. */
	public NeuronSpec(org.volr.net.neuron.NeuronModel model, float threshold, ResetMode reset, float resetPotential, int refractorySteps,
			float minPotential, float leak, float restPotential) {
		this(model, threshold, reset, resetPotential, refractorySteps, minPotential, leak, restPotential, 0f, 1f, 1f);
	}

	/** INIsim's neuron: non-leaky integrate-and-fire, threshold 1, reset by subtraction. */
	public static NeuronSpec defaultIF() {
		return new NeuronSpec(NeuronModels.IF, 1f, ResetMode.SUBTRACT, 0f, 0, Float.NEGATIVE_INFINITY, 1f, 0f);
	}

	/** The same neuron with another threshold. */
	public NeuronSpec withThreshold(float theta) {
		return new NeuronSpec(model, discretisation.withThreshold(theta), reset, parameters);
	}

	/** The same neuron with another reset (spikes with payloads read the residual v − θ of a reset by subtraction). */
	public NeuronSpec withReset(ResetMode mode) {
		return new NeuronSpec(model, discretisation, mode, parameters);
	}

	public float threshold() {
		return discretisation.threshold();
	}

	public float resetPotential() {
		return discretisation.resetPotential();
	}

	public int refractorySteps() {
		return discretisation.refractorySteps();
	}

	public float minPotential() {
		return discretisation.minPotential();
	}

	/** exp(−dt/τ_m), 1 for the non-leaky IF neuron. */
	public float leak() {
		return discretisation.leak();
	}

	public float restPotential() {
		return discretisation.restPotential();
	}

	/** exp(−dt/τ_syn) of a neuron with a synaptic current (0 for input as a jump). */
	public float synapseDecay() {
		return discretisation.synapseDecay();
	}

	public float synapseGain() {
		return discretisation.synapseGain();
	}

	public float currentGain() {
		return discretisation.currentGain();
	}

	/** A conductance-based neuron's synapses, null for the others. */
	public Conductance conductance() {
		return discretisation.conductance();
	}

	/** {@code size} of these neurons at rest, with their state and update as the model's plug-in keeps them. */
	public Population population(int size) {
		return model.population(discretisation, size);
	}

	/** How these neurons fire, with that reset (and no membrane clip). */
	public Firing firing(ResetMode mode) {
		return Firing.of(discretisation, mode);
	}

	/** Whether input opens conductances whose current depends on the membrane potential (CobaLIF). */
	public boolean isConductanceBased() {
		return discretisation.conductance() != null;
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
		return from(model, conversion, dtMillis, DiscretisationKind.EXACT);
	}

	/** {@link #from(NeuronModel, Conversion, double)} with the model's equations discretised so (SEMANTICS.md, "Discretisation"). */
	public static NeuronSpec from(NeuronModel model, Conversion conversion, double dtMillis, DiscretisationKind scheme) {
		org.volr.net.neuron.NeuronModel plugin = model == null ? NeuronModels.IF : NeuronModels.of(model.getKind());
		if (plugin == null)
			throw new IllegalArgumentException("unknown neuron model '" + model.getKind() + "'; expected one of " + String.join(", ", NeuronModels.names()));
		Map<String, Double> written = model == null ? Map.of() : NeuronModels.written(model);
		return of(plugin, written, conversion == null ? ResetMode.SUBTRACT : conversion.getReset(), dtMillis, scheme);
	}

	/** {@link #of(org.volr.net.neuron.NeuronModel, Map, ResetMode, double, DiscretisationKind)} with the exact propagators. */
	public static NeuronSpec of(org.volr.net.neuron.NeuronModel plugin, Map<String, Double> written, ResetMode reset, double dtMillis) {
		return of(plugin, written, reset, dtMillis, DiscretisationKind.EXACT);
	}

	/**
	 * The neuron of a model with the values written for it (base units; defaults fill in the rest) and that reset,
	 * discretised for dtMillis by the exact propagators or forward Euler; a layer's own neuron is made this way too.
	 * Throws IllegalArgumentException when the model refuses the values or has no such discretisation.
	 */
	public static NeuronSpec of(org.volr.net.neuron.NeuronModel plugin, Map<String, Double> written, ResetMode reset, double dtMillis,
			DiscretisationKind scheme) {
		Map<String, Double> values = NeuronModels.values(plugin, written);
		List<ParameterProblem> problems = plugin.problems(values);
		if (!problems.isEmpty())
			throw new IllegalArgumentException(problems.get(0).message());
		Discretisation d = switch (scheme) {
		case EXACT -> plugin.discretise(values, dtMillis);
		case EULER -> switch (plugin.euler(values, dtMillis)) {
			case TargetMapping.Mapped<Discretisation> m -> m.value();
			case TargetMapping.Refused<Discretisation> r -> throw new IllegalArgumentException(r.reason());
			};
		};
		return new NeuronSpec(plugin, d, reset, values);
	}
}
