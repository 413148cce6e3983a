package org.volr.ann;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.volr.model.Pool;

/** Max or average pooling by nd4j's pooling ops; 1-D pooling runs as 2-D pooling of height 1. */
final class PoolStep implements Step {
	private final Pool layer;
	private final Pooling2DConfig config;
	private final boolean oneD, max;

	PoolStep(Pool layer) {
		this.layer = layer;
		this.config = Geometry.pool(layer);
		this.oneD = Geometry.oneD(layer);
		this.max = Geometry.max(layer);
	}

	@Override
	public INDArray apply(INDArray x, Recorder recorder) {
		if (recorder != null)
			recorder.close();
		long[] s = x.shape();
		INDArray in = oneD ? x.reshape('c', s[0], s[1], 1, s[2]) : x;
		INDArray out = max ? Nd4j.cnn().maxPooling2d(in, config) : Nd4j.cnn().avgPooling2d(in, config);
		if (oneD) {
			long[] o = out.shape();
			out = out.reshape('c', o[0], o[1], o[3]);
		}
		return ShapeSteps.explicitActivation(layer.getActivation(), out);
	}
}
