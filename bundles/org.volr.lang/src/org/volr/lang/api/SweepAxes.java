package org.volr.lang.api;

import java.util.ArrayList;
import java.util.List;

import org.volr.model.Experiment;
import org.volr.model.units.Dimension;
import org.volr.net.neuron.NeuronModel;
import org.volr.net.neuron.NeuronModels;
import org.volr.net.neuron.ParameterSpec;

/**
 * What a sweep may vary, and the values each takes: the one list behind the {@code sweep { ... }} clause's checks and
 * completion and {@code volr sweep --grid} (org.volr.scale, which also knows how to write a value into the experiment).
 * {@code percentile} (convert { normalize percentile P }), {@code steps} (simulate { duration N steps }) and every
 * parameter of the experiment's neuron model (IF when it names none). A value a neuron model refuses only in
 * combination with its other parameters (tau_syn_I with tau_syn_E) passes here and fails that grid point alone.
 */
public final class SweepAxes {
	public static final String PERCENTILE = "percentile", STEPS = "steps";

	private SweepAxes() {
	}

	/** Every name a sweep of this experiment may vary, percentile and steps first, then the neuron model's parameters. */
	public static List<String> allowed(Experiment experiment) {
		List<String> names = new ArrayList<>(List.of(PERCENTILE, STEPS));
		NeuronModel model = model(experiment);
		if (model != null)
			names.addAll(model.parameters().keySet());
		return names;
	}

	/** Null when {@code name} takes {@code value} in this experiment, else what it takes ("a percentile above 0 and at most 100"). */
	public static String problem(Experiment experiment, String name, double value) {
		if (name.equals(PERCENTILE))
			return value > 0 && value <= 100 ? null : "a percentile above 0 and at most 100";
		if (name.equals(STEPS))
			return value >= 1 && value == Math.rint(value) && value < 1e7 ? null : "a whole number of steps from 1";
		if (!Double.isFinite(value))
			return "a finite number";
		NeuronModel model = model(experiment);
		ParameterSpec spec = model == null ? null : model.parameters().get(name);
		// the same bounds as the neuron block's own check (VolrValidator.checkNeuronParameters)
		if (name.equals("tau_m") && value <= 0)
			return "a positive time";
		if (spec != null && spec.dimension() == Dimension.TIME && value < 0)
			return "a time not below 0";
		return null;
	}

	/** The experiment's neuron model (IF when it names none), or null when it names one that does not exist. */
	public static NeuronModel model(Experiment experiment) {
		return NeuronModels.of(experiment.getNeuron() == null ? NeuronModels.IF.name() : experiment.getNeuron().getKind());
	}
}
