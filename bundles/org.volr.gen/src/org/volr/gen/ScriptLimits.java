package org.volr.gen;

import java.util.List;

import org.volr.sim.Encoding;
import org.volr.sim.InisimOptions;
import org.volr.sim.SimulationConfig;
import org.volr.sim.plan.LayerPlan;

/**
 * What Volr simulates and the generated simulator scripts (PyNN, Brian2) do not reproduce yet, checked once for
 * every script target: the adaptive threshold, layer clamping, the other INIsim options, event-camera input and max
 * pooling.
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
		SimulationConfig s = input.simulation();
		problems.addAll(volrOnlyOptions(s));
		if (s.encoding() == Encoding.EVENTS)
			problems.add("event-camera input is not generated for " + target + " yet; use constant or poisson input");
		if (!input.network().isChain())
			problems.add("parallel branches (| and +) are simulated by Volr but not generated for " + target
					+ " yet; write the network as one chain for this target");
		for (LayerPlan p : input.network().layers())
			if (!p.hasNeurons()) // max pooling only routes spikes
				problems.add("layer '" + p.label() + "' is max pooling" + maxPoolingReason);
	}

	/**
	 * The SNN Toolbox's INIsim options (SEMANTICS.md) that no generated script or exported network reproduces, one
	 * message per option used: the adaptive threshold, layer clamping (per depth and per layer), bias relaxation,
	 * spikes with payloads and membrane clipping.
	 */
	/**
	 * The policy of every target whose neurons reset to a value (PyNN's cells, NIR's nodes, Loihi): Volr's reset by
	 * subtraction or modulo keeps what exceeded the threshold, which they cannot express, so the target refuses it
	 * rather than write a network that fires differently. Null when the reset is to a value.
	 */
	public static String resetToValueOnly(SimulationConfig s, String whose) {
		org.volr.model.ResetMode reset = s.neuron().reset();
		return reset == org.volr.model.ResetMode.ZERO ? null
				: whose + " reset to v_reset, not by " + reset.getLiteral() + "; convert with 'reset zero' (convert { ..., reset zero })"
						+ " for this target";
	}

	public static List<String> volrOnlyOptions(SimulationConfig s) {
		List<String> problems = new java.util.ArrayList<>();
		if (s.adaptiveThreshold())
			problems.add("the adaptive threshold (simulate { adaptive_threshold }) is simulated by Volr only; remove it for this target");
		if (s.clamp() > 0)
			problems.add("layer clamping (simulate { clamp " + s.clamp() + " }) is simulated by Volr only; remove it for this target");
		InisimOptions o = s.inisim();
		if (o.biasRelaxation())
			problems.add("bias relaxation (simulate { bias_relaxation }) is simulated by Volr only; remove it for this target");
		if (o.payloads())
			problems.add("spikes with payloads (simulate { payloads }) are simulated by Volr only; remove it for this target");
		if (o.clipAll() != null)
			problems.add("membrane clipping (simulate { clip [" + o.clipAll().low() + ", " + o.clipAll().high()
					+ "] }) is simulated by Volr only; remove it for this target");
		for (String layer : new java.util.TreeSet<>(o.layerClips().keySet()))
			problems.add("membrane clipping of layer '" + layer + "' (simulate { clip " + layer + " [...] }) is simulated by Volr only;"
					+ " remove it for this target");
		for (String layer : new java.util.TreeSet<>(o.layerClamps().keySet()))
			problems.add("clamping layer '" + layer + "' (simulate { clamp " + layer + " " + o.layerClamps().get(layer)
					+ " }) is simulated by Volr only; remove it for this target");
		return problems;
	}
}
