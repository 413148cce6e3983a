package org.volr.gen;

import java.util.List;

import org.volr.sim.Encoding;
import org.volr.sim.SimulationConfig;
import org.volr.sim.plan.LayerPlan;

/**
 * What Volr simulates and the generated simulator scripts (PyNN, Brian2) do not reproduce yet, checked once for
 * every script target: the adaptive threshold, layer clamping, event-camera input and max pooling.
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
		if (s.adaptiveThreshold())
			problems.add("the adaptive threshold (simulate { adaptive_threshold }) is simulated by Volr only; remove it for this target");
		if (s.clamp() > 0)
			problems.add("layer clamping (simulate { clamp " + s.clamp() + " }) is simulated by Volr only; remove it for this target");
		if (s.encoding() == Encoding.EVENTS)
			problems.add("event-camera input is not generated for " + target + " yet; use constant or poisson input");
		if (!input.network().isChain())
			problems.add("parallel branches (| and +) are simulated by Volr but not generated for " + target
					+ " yet; write the network as one chain for this target");
		for (LayerPlan p : input.network().layers())
			if (!p.hasNeurons()) // max pooling only routes spikes
				problems.add("layer '" + p.label() + "' is max pooling" + maxPoolingReason);
	}
}
