package org.volr.ann;

import java.util.function.UnaryOperator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.volr.core.nd4j.Nd4jSupport;
import org.volr.net.LayerKind;
import org.volr.net.NetLayer;

/**
 * A convolution run by nd4j's conv2d / depthwise_conv2d op. Weights arrive in Volr Studio's layouts
 * ({@link NetLayer#weightShape()}: conv2d [out, in, kh, kw], conv1d [out, in, k], depthwise [in·m, 1, kh, kw]) and
 * are rearranged once into nd4j's default kernel layout [kh, kw, in, out] (depthwise: [kh, kw, in, m]).
 */
final class ConvStep implements Step {
	private final NetLayer layer;
	private final INDArray kernel, bias;
	private final Conv2DConfig config;
	private final boolean oneD, depthwise;
	private final UnaryOperator<INDArray> activation;

	/** @param activation returns a new array (NetworkCompiler#activation) */
	ConvStep(NetLayer layer, LayerKind.Conv conv, INDArray weight, INDArray bias, UnaryOperator<INDArray> activation) {
		this.layer = layer;
		this.activation = activation;
		this.bias = bias;
		this.config = Geometry.conv(conv.window());
		this.oneD = conv.window().oneD();
		this.depthwise = conv.depthwise();
		this.kernel = nd4jKernel(weight, depthwise, layer.inChannels());
	}

	static INDArray nd4jKernel(INDArray weight, boolean depthwise, int inChannels) {
		long[] s = weight.shape();
		if (s.length == 3) // conv1d [out, in, k] → [out, in, 1, k]
			weight = weight.reshape('c', s[0], s[1], 1, s[2]);
		s = weight.shape();
		if (depthwise) // [in·m, 1, kh, kw] → [in, m, kh, kw]: output channel c·m + j
			return weight.reshape('c', inChannels, s[0] / inChannels, s[2], s[3]).permute(2, 3, 0, 1).dup('c');
		return weight.permute(2, 3, 1, 0).dup('c');
	}

	@Override
	public INDArray apply(INDArray x, Recorder recorder) {
		long[] s = x.shape();
		INDArray in = oneD ? x.reshape('c', s[0], s[1], 1, s[2]) : x;
		INDArray pre;
		try (Nd4jSupport.Setting plain = Nd4jSupport.forConvolution(config)) {
			pre = depthwise
					? (bias == null ? Nd4j.cnn().depthWiseConv2d(in, kernel, config) : Nd4j.cnn().depthWiseConv2d(in, kernel, bias, config))
					: (bias == null ? Nd4j.cnn().conv2d(in, kernel, config) : Nd4j.cnn().conv2d(in, kernel, bias, config));
		}
		if (oneD) {
			long[] o = pre.shape();
			pre = pre.reshape('c', o[0], o[1], o[3]);
		}
		INDArray post = activation.apply(pre);
		return recorder == null ? post : recorder.weighted(new LayerActivation(layer, pre, post));
	}
}
