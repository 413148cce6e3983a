package org.volr.ann;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.volr.model.Dense;

/** x·W + b with W [in, out]. */
final class DenseStep implements Step {
	private final String name;
	private final Dense layer;
	private final INDArray weight, bias;

	DenseStep(String name, Dense layer, INDArray weight, INDArray bias) {
		this.name = name;
		this.layer = layer;
		this.weight = weight;
		this.bias = bias;
	}

	@Override
	public INDArray apply(INDArray x, Recorder recorder) {
		INDArray pre = x.mmul(weight);
		if (bias != null)
			pre.addiRowVector(bias);
		INDArray post = Activations.apply(layer.getActivation(), pre);
		if (recorder != null)
			recorder.weighted(new LayerActivation(name, layer, pre, post));
		return post;
	}
}
