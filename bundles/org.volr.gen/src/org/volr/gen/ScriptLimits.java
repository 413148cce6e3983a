package org.volr.gen;

import java.util.List;

import org.volr.net.NetLayer;
import org.volr.net.SpikingLayers;

/**
 * What Volr simulates and the generated simulator scripts (PyNN, Brian2) do not reproduce yet, checked once for
 * every script target: the adaptive threshold, layer clamping, the other INIsim options, event-camera and spike-train input, max
 * pooling and delayed edges other than a recurrent layer's own; {@link #recurrence} for a target without recurrence.
 */
public final class ScriptLimits {
	private ScriptLimits() {
	}

	/**
	 * Adds a problem for each of those the experiment uses.
	 *
	 * @param target           the target's name in messages ("PyNN")
	 * @param maxPoolingReason what follows "layer 'x' is max pooling" in that target's message
	 */
	public static void check(GenerationInput input, String target, String maxPoolingReason, List<String> problems) {
		check(input, target, maxPoolingReason, Writes.ONE_NEURON_SPIKE_COUNTS, problems);
	}

	/** What a target writes of the neurons and the readout (beyond one neuron for all layers read by spike counts). */
	public enum Writes {
		/** one neuron for every layer, the class read off the output's spike counts */
		ONE_NEURON_SPIKE_COUNTS,
		/** each layer's own neuron (LI included) with its parameters per neuron, and the membrane readouts (membrane_max, membrane_last) */
		LAYER_NEURONS_AND_MEMBRANE
	}

	/** {@link #check(GenerationInput, String, String, List)} for a target that writes what {@code writes} says. */
	public static void check(GenerationInput input, String target, String maxPoolingReason, Writes writes, List<String> problems) {
		// the scripts start each population's membranes where Volr does (init half included)
		problems.addAll(input.run().volrOnly().stream().map(RunSettings.VolrOnlyOption::refusal).toList());
		problems.addAll(switch (writes) {
		case ONE_NEURON_SPIKE_COUNTS -> oneNeuronSpikeReadout(input, target);
		case LAYER_NEURONS_AND_MEMBRANE -> layerNeuronsMembraneReadout(input, target);
		});
		for (org.volr.net.DelayedEdge e : input.resolved().delayed())
			if (!e.recurrent() || e.delay() != 1)
				problems.add(input.resolved().describe(e) + ": only a layer's own edge of one step is generated for " + target);
		if (input.run().input() == RunSettings.Input.EVENTS)
			problems.add("event-camera input is not generated for " + target + " yet; use constant or poisson input");
		if (input.run().input() == RunSettings.Input.SPIKES)
			problems.add("spike-train input (input spikes) is not generated for " + target + " yet; use constant or poisson input");
		if (!input.spiking().isChain())
			problems.add("parallel branches (| and +) are simulated by Volr but not generated for " + target
					+ " yet; write the network as one chain for this target");
		for (NetLayer l : input.spiking().layers())
			if (!SpikingLayers.hasNeurons(l)) // max pooling only routes spikes
				problems.add("layer '" + l.key() + "' is max pooling" + maxPoolingReason);
	}

	/**
	 * What a target that gives every layer the run's neuron and reads the class off spike counts refuses: a layer with
	 * a neuron of its own (named, with its model), parameters per neuron and a membrane readout.
	 */
	public static List<String> oneNeuronSpikeReadout(GenerationInput input, String target) {
		List<String> problems = new java.util.ArrayList<>();
		if (input.resolveProblem() == null)
			for (NetLayer l : input.resolved().layers())
				if (l.neuron() != null)
					problems.add(l.describe() + " has a neuron of its own (" + l.neuron().model().name() + "); " + target
							+ " is written with the experiment's neuron for every layer yet: move it to the experiment's neuron clause");
		problems.addAll(perNeuronParameters(input, target));
		if (input.run().readout() != org.volr.model.Readout.SPIKES)
			problems.add("the readout " + input.run().readout().getLiteral() + " (simulate { readout " + input.run().readout().getLiteral()
					+ " }) is simulated by Volr only: " + target + " reads the class off the output's spike counts; remove it for this target");
		return problems;
	}

	/**
	 * What a target that writes each layer's neuron (and its parameters per neuron) and reads the class off spike counts
	 * or the output's membrane refuses: per-neuron parameters it cannot step (PerNeuronConstants) and the integrated readout.
	 */
	public static List<String> layerNeuronsMembraneReadout(GenerationInput input, String target) {
		List<String> problems = new java.util.ArrayList<>();
		if (input.resolveProblem() == null)
			for (NetLayer l : input.resolved().layers())
				problems.addAll(PerNeuronConstants.problems(input, l, target));
		if (input.run().readout() == org.volr.model.Readout.INTEGRATED)
			problems.add("the readout integrated (simulate { readout integrated }) is simulated by Volr only: " + target
					+ " reads the class off the output's spike counts or membrane; remove it for this target");
		return problems;
	}

	/** Neuron parameters the weights give per neuron ({@code <key>.<parameter>}), which no target writes yet, each named. */
	public static List<String> perNeuronParameters(GenerationInput input, String target) {
		List<String> problems = new java.util.ArrayList<>();
		if (input.resolveProblem() != null)
			return problems;
		for (NetLayer l : input.resolved().layers())
			for (String p : org.volr.net.neuron.NeuronModels.parameterNames())
				if (input.weights().contains(org.volr.net.WeightKeys.parameter(l.key(), p)))
					problems.add("'" + org.volr.net.WeightKeys.parameter(l.key(), p) + "' gives " + l.describe() + " a " + p + " per neuron, which is"
							+ " not written for " + target + " yet; give the layer one value in its neuron clause for this target");
		return problems;
	}

	/**
	 * A target that does not write recurrent layers yet refuses them by name ("recurrent layer 'lif1': ..."); null
	 * for a feed-forward network.
	 */
	public static String recurrence(GenerationInput input, String target) {
		return input.resolved().delayedEdgeRefusal("its own spikes of the step before (weight_rec) are simulated by Volr but not"
				+ " generated for " + target + " yet");
	}

	/**
	 * The policy of every target whose neurons reset to a value (PyNN's cells, NIR's nodes, Loihi): Volr's reset by
	 * subtraction or modulo keeps what exceeded the threshold, which they cannot express, so the target refuses it
	 * rather than write a network that fires differently. Null when the reset is to a value.
	 */
	public static String resetToValueOnly(RunSettings s, String whose) {
		org.volr.model.ResetMode reset = s.neuron().reset();
		return reset == org.volr.model.ResetMode.ZERO ? null
				: whose + " reset to v_reset, not by " + reset.getLiteral() + "; convert with 'reset zero' (convert { ..., reset zero })"
						+ " for this target";
	}

	/**
	 * The options of Volr's simulator (the SNN Toolbox's INIsim options of SEMANTICS.md, the adaptive threshold, layer
	 * clamping) that no generated script or exported network reproduces, one message per option used, and for the
	 * targets that call this (NIR, Lava: no initial state to write) membranes that start at half the threshold.
	 */
	public static List<String> volrOnlyOptions(RunSettings s) {
		List<String> problems = new java.util.ArrayList<>(s.volrOnly().stream().map(RunSettings.VolrOnlyOption::refusal).toList());
		if (s.initialPotentialRefusal() != null) // a network file or a chip's neurons start at rest
			problems.add(0, s.initialPotentialRefusal());
		return problems;
	}
}
