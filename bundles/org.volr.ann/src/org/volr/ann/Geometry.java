package org.volr.ann;

import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.volr.net.LayerKind;
import org.volr.net.Window;

/**
 * The {@link Window} of a convolution or pooling layer as nd4j configurations, in its 2-D view: one-dimensional
 * layers run as two-dimensional ones of height 1 (their axis is the width), so one nd4j op serves both.
 */
final class Geometry {
	private Geometry() {
	}

	/**
	 * "same" lets nd4j pad as TensorFlow does (floor(total/2) before, the rest after, which is what the window
	 * computed); explicit amounts pad both sides equally, given to nd4j as amounts with no padding mode.
	 */
	static Conv2DConfig conv(Window w) {
		boolean explicit = w.padding() == Window.Padding.EXPLICIT;
		return Conv2DConfig.builder()
				.kH(w.kh()).kW(w.kw())
				.sH(w.sh()).sW(w.sw())
				.dH(w.dh()).dW(w.dw())
				.pH(explicit ? w.ph() : 0).pW(explicit ? w.pw() : 0)
				.paddingMode(w.padding() == Window.Padding.SAME ? PaddingMode.SAME : PaddingMode.VALID)
				.dataFormat(Conv2DConfig.NCHW)
				.build();
	}

	/**
	 * Average pooling divides by the number of real (not padded) inputs in the window, as Keras does. (Sum pooling
	 * runs as a depthwise convolution with a kernel of ones, {@link #sumKernel}: nd4j's average pooling ignores an
	 * include-padding divisor under SAME padding.)
	 */
	static Pooling2DConfig pool(Window w, LayerKind.PoolOp op) {
		return Pooling2DConfig.builder()
				.kH(w.kh()).kW(w.kw()).sH(w.sh()).sW(w.sw()).pH(0).pW(0).dH(1).dW(1)
				.paddingMode(w.padding() == Window.Padding.SAME ? PaddingMode.SAME : PaddingMode.VALID)
				.divisor(Pooling2D.Divisor.EXCLUDE_PADDING)
				.type(op == LayerKind.PoolOp.MAX ? Pooling2D.Pooling2DType.MAX : Pooling2D.Pooling2DType.AVG)
				.isNHWC(false)
				.build();
	}

	/** The depthwise kernel [kh, kw, channels, 1] of ones that sums each channel's window (padding adds zeros). */
	static org.nd4j.linalg.api.ndarray.INDArray sumKernel(Window w, long channels) {
		return org.nd4j.linalg.factory.Nd4j.ones(org.nd4j.linalg.api.buffer.DataType.FLOAT, w.kh(), w.kw(), channels, 1);
	}
}
