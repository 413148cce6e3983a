package org.volr.ann;

import java.util.List;

import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.volr.model.Conv;
import org.volr.model.ConvKind;
import org.volr.model.Padding;
import org.volr.model.Pool;
import org.volr.model.PoolKind;

/**
 * Kernel, stride, dilation and padding of a convolution or pooling layer as nd4j configurations. One-dimensional
 * layers run as two-dimensional ones of height 1 (their axis is the width), so one nd4j op serves both.
 */
final class Geometry {
	private Geometry() {
	}

	static boolean oneD(Conv conv) {
		return conv.getKind() == ConvKind.CONV1D;
	}

	static boolean oneD(Pool pool) {
		return pool.getKind() == PoolKind.MAX1D || pool.getKind() == PoolKind.AVG1D;
	}

	static boolean max(Pool pool) {
		return pool.getKind() == PoolKind.MAX2D || pool.getKind() == PoolKind.MAX1D;
	}

	/** [kh, kw] of a convolution (1-D: [1, k]). */
	static int[] kernel(Conv conv) {
		return oneD(conv) ? new int[] { 1, pick(conv.getKernel(), 0, 1) }
				: new int[] { pick(conv.getKernel(), 0, 1), pick(conv.getKernel(), 1, 1) };
	}

	/**
	 * "same" without explicit amounts lets nd4j pad as TensorFlow does (floor(total/2) before, the rest after);
	 * explicit amounts pad both sides equally.
	 */
	static Conv2DConfig conv(Conv conv) {
		boolean oneD = oneD(conv);
		int[] k = kernel(conv);
		boolean same = conv.getPadding() == Padding.SAME && conv.getPadAmount().isEmpty();
		return Conv2DConfig.builder()
				.kH(k[0]).kW(k[1])
				.sH(oneD ? 1 : pick(conv.getStride(), 0, 1)).sW(pick(conv.getStride(), oneD ? 0 : 1, 1))
				.dH(oneD ? 1 : pick(conv.getDilation(), 0, 1)).dW(pick(conv.getDilation(), oneD ? 0 : 1, 1))
				.pH(oneD ? 0 : pick(conv.getPadAmount(), 0, 0)).pW(pick(conv.getPadAmount(), oneD ? 0 : 1, 0))
				.paddingMode(same ? PaddingMode.SAME : PaddingMode.VALID)
				.dataFormat(Conv2DConfig.NCHW)
				.build();
	}

	/** Average pooling divides by the number of real (not padded) inputs in the window, as Keras does. */
	static Pooling2DConfig pool(Pool pool) {
		boolean oneD = oneD(pool);
		int kh = oneD ? 1 : pick(pool.getSize(), 0, 2), kw = pick(pool.getSize(), oneD ? 0 : 1, 2);
		int sh = oneD ? 1 : pick(pool.getStride(), 0, kh), sw = pick(pool.getStride(), oneD ? 0 : 1, kw);
		return Pooling2DConfig.builder()
				.kH(kh).kW(kw).sH(sh).sW(sw).pH(0).pW(0).dH(1).dW(1)
				.paddingMode(pool.getPadding() == Padding.SAME ? PaddingMode.SAME : PaddingMode.VALID)
				.divisor(Pooling2D.Divisor.EXCLUDE_PADDING)
				.type(max(pool) ? Pooling2D.Pooling2DType.MAX : Pooling2D.Pooling2DType.AVG)
				.isNHWC(false)
				.build();
	}

	static int pick(List<Integer> values, int axis, int fallback) {
		if (values.isEmpty())
			return fallback;
		return values.size() == 1 ? values.get(0) : values.get(axis);
	}
}
