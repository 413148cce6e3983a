package org.volr.convert;

import java.util.ArrayList;
import java.util.List;

import org.volr.core.weights.WeightStore;
import org.volr.net.WeightKeys;

/**
 * A layer trained with QCFS ({@code train { activation qcfs L }}) clips its activation at a learnt λ, which its weights
 * give ({@link WeightKeys#clip}): that λ, not a percentile, is its threshold scale, since with it a spiking network of
 * L steps whose membranes start at θ/2 reproduces the QCFS network in expectation (SEMANTICS.md, "QCFS activation").
 * No activation of such a layer exceeds λ, so nothing is clipped.
 */
final class LearntClips {
	private LearntClips() {
	}

	/** The measured scales, each QCFS layer's replaced by its learnt λ for all its channels. */
	static List<LayerScale> apply(List<LayerScale> measured, WeightStore weights) {
		List<LayerScale> scales = new ArrayList<>();
		for (LayerScale s : measured) {
			String clip = WeightKeys.clip(s.layer());
			scales.add(weights.contains(clip) ? new LayerScale(s.layer(), new float[] { weights.get(clip).data()[0] }, 0) : s);
		}
		return scales;
	}
}
