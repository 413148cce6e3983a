package org.volr.sim;

import java.util.List;

import org.volr.sim.plan.LayerPlan;

/**
 * The clamp (SEMANTICS.md, "Clamp"): a layer ignores its input and stays silent before its first step, which is its
 * depth among the layers with neurons × {@code clamp k}, or the step the INIsim options give its label.
 */
final class Clamp {
	private Clamp() {
	}

	/** Each layer's first step (0 for max pooling, which is never clamped). */
	static int[] firstSteps(List<LayerPlan> layers, int clamp, InisimOptions inisim) {
		int[] until = new int[layers.size()];
		for (int l = 0, depth = 0; l < layers.size(); l++) {
			LayerPlan p = layers.get(l);
			if (!p.hasNeurons())
				continue;
			Integer own = inisim.layerClamps().get(p.label());
			until[l] = own != null ? own : clamp * depth;
			depth++;
		}
		return until;
	}
}
