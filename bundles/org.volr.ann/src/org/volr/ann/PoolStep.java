package org.volr.ann;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.volr.core.nd4j.Nd4jSupport;
import org.volr.net.Activation;
import org.volr.net.LayerKind;

/** Max, average or sum pooling by nd4j's pooling ops; 1-D pooling runs as 2-D pooling of height 1. */
final class PoolStep implements Step {
	private final Activation activation;
	private final Pooling2DConfig config;
	private final boolean oneD;
	private final LayerKind.Pool pool;
	/** Sum pooling's convolution and its kernel of ones (null for max and average pooling). */
	private final Conv2DConfig sumConfig;
	private final INDArray sumKernel;

	PoolStep(LayerKind.Pool pool, Activation activation, int channels) {
		this.activation = activation;
		this.config = Geometry.pool(pool.window(), pool.op());
		this.oneD = pool.window().oneD();
		this.pool = pool;
		boolean sum = pool.op() == LayerKind.PoolOp.SUM;
		this.sumConfig = sum ? Geometry.conv(pool.window()) : null;
		this.sumKernel = sum ? Geometry.sumKernel(pool.window(), channels) : null;
	}

	@Override
	public INDArray apply(INDArray x, Recorder recorder) {
		if (recorder != null)
			recorder.close();
		long[] s = x.shape();
		INDArray in = oneD ? x.reshape('c', s[0], s[1], 1, s[2]) : x;
		INDArray out = switch (pool.op()) {
		case MAX -> Nd4j.cnn().maxPooling2d(in, config);
		case AVG -> Nd4j.cnn().avgPooling2d(in, config);
		case SUM -> {
			try (Nd4jSupport.Setting plain = Nd4jSupport.forConvolution(sumConfig)) {
				yield Nd4j.cnn().depthWiseConv2d(in, sumKernel, sumConfig);
			}
		}
		};
		if (oneD) {
			long[] o = out.shape();
			out = out.reshape('c', o[0], o[1], o[3]);
		}
		return ShapeSteps.explicitActivation(activation, out);
	}
}
