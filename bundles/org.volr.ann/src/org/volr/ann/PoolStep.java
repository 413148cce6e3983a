package org.volr.ann;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.volr.net.Activation;
import org.volr.net.LayerKind;

/** Max or average pooling by nd4j's pooling ops; 1-D pooling runs as 2-D pooling of height 1. */
final class PoolStep implements Step {
	private final Activation activation;
	private final Pooling2DConfig config;
	private final boolean oneD, max;

	PoolStep(LayerKind.Pool pool, Activation activation) {
		this.activation = activation;
		this.config = Geometry.pool(pool.window(), pool.max());
		this.oneD = pool.window().oneD();
		this.max = pool.max();
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
		return ShapeSteps.explicitActivation(activation, out);
	}
}
