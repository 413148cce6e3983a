package org.volr.ann;

import java.util.function.UnaryOperator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.volr.net.NetLayer;

/** x·W + b with W [in, out], then the layer's activation. */
final class DenseStep implements Step {
	private final NetLayer layer;
	private final INDArray weight, bias;
	private final UnaryOperator<INDArray> activation;

	/** @param activation returns a new array (NetworkCompiler#activation) */
	DenseStep(NetLayer layer, INDArray weight, INDArray bias, UnaryOperator<INDArray> activation) {
		this.layer = layer;
		this.weight = weight;
		this.bias = bias;
		this.activation = activation;
	}

	@Override
	public INDArray apply(INDArray x, Recorder recorder) {
		INDArray pre = x.mmul(weight);
		if (bias != null)
			pre.addiRowVector(bias);
		INDArray post = activation.apply(pre);
		return recorder == null ? post : recorder.weighted(new LayerActivation(layer, pre, post));
	}
}
