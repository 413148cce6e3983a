package org.volr.ann;

import java.util.Arrays;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.volr.core.weights.WeightStore;
import org.volr.net.WeightKeys;

/**
 * The clip λ each QCFS layer starts training with. From weights that give one (a QCFS model fine-tuned further), that
 * λ; else the 99.9th percentile of the layer's positive pre-activations on the first samples of the training data, the
 * value the conversion would otherwise take as the layer's threshold scale (Rueckauer et al.'s robust normalisation,
 * SEMANTICS.md "Conversion"). So a fine-tune starts from the network a percentile conversion would build, its L levels
 * spanning nearly every activation: a fixed start such as the authors' λ = 8 would, with L = 4 and activations below 1,
 * round every activation of a Fashion-MNIST network to zero. The layers are measured in order, each with the λ of the
 * layers before it already set, since those change what it receives.
 */
final class ClipStart {
	static final double PERCENTILE = 99.9;
	static final int SAMPLES = 1000;

	private ClipStart() {
	}

	/** @param inputs the graph's placeholders for the measured samples (dropout masks of ones: nothing dropped) */
	static void set(TrainingGraph graph, Map<String, INDArray> inputs, WeightStore start) {
		for (TrainingGraph.QcfsLayer layer : graph.qcfsLayers) {
			String key = WeightKeys.clip(layer.key());
			float lambda;
			if (start != null && start.contains(key)) {
				lambda = start.get(key).data()[0];
			} else {
				INDArray z = graph.sd.output(inputs, layer.preActivation().name()).get(layer.preActivation().name());
				lambda = positivePercentile(z.dup('c').data().asFloat(), PERCENTILE);
			}
			layer.clip().getArr().assign(lambda);
		}
	}

	/** numpy's linear percentile of the positive values; 1 when there are none (a layer that never fires yet). */
	static float positivePercentile(float[] values, double p) {
		float[] positive = new float[values.length];
		int n = 0;
		for (float v : values)
			if (v > 0)
				positive[n++] = v;
		if (n == 0)
			return 1f;
		Arrays.sort(positive, 0, n);
		double rank = p / 100.0 * (n - 1);
		int lo = (int) Math.floor(rank), hi = (int) Math.ceil(rank);
		return (float) (positive[lo] + (positive[hi] - (double) positive[lo]) * (rank - lo));
	}
}
