package org.volr.ann;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.volr.net.NetLayer;

/** x·W + b with W [in, out]. */
final class DenseStep implements Step {
	private final NetLayer layer;
	private final INDArray weight, bias;

	DenseStep(NetLayer layer, INDArray weight, INDArray bias) {
		this.layer = layer;
		this.weight = weight;
		this.bias = bias;
	}

	@Override
	public INDArray apply(INDArray x, Recorder recorder) {
		INDArray pre = x.mmul(weight);
		if (bias != null)
			pre.addiRowVector(bias);
		INDArray post = Activations.apply(layer.activation(), pre);
		return recorder == null ? post : recorder.weighted(new LayerActivation(layer, pre, post));
	}
}
