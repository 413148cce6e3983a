package org.volr.convert.keras;

import org.volr.core.weights.FloatTensor;

/**
 * Re-orders Keras weight arrays into Volr Studio's layouts: dense [in, out]; convolution [out, in, kh, kw]
 * ([out, in, k] in 1-D); depthwise [in·multiplier, 1, kh, kw]. Feature maps are channels-first everywhere.
 */
public final class KerasLayout {
	private KerasLayout() {
	}

	/** Keras conv kernel [k..., in, out] → [out, in, k...]; Theano-trained kernels are flipped (true convolution). */
	static FloatTensor convKernel(FloatTensor keras, boolean flip) {
		int spatialRank = keras.rank() - 2;
		int cin = keras.shape()[spatialRank], cout = keras.shape()[spatialRank + 1];
		int kh = keras.shape()[0], kw = spatialRank == 2 ? keras.shape()[1] : 1;
		float[] out = new float[keras.data().length];
		float[] in = keras.data();
		for (int y = 0; y < kh; y++)
			for (int x = 0; x < kw; x++)
				for (int i = 0; i < cin; i++)
					for (int o = 0; o < cout; o++) {
						int src = ((y * kw + x) * cin + i) * cout + o;
						int ty = flip ? kh - 1 - y : y, tx = flip ? kw - 1 - x : x;
						out[((o * cin + i) * kh + ty) * kw + tx] = in[src];
					}
		return new FloatTensor(spatialRank == 2 ? new int[] { cout, cin, kh, kw } : new int[] { cout, cin, kh }, out);
	}

	/** Keras depthwise kernel [kh, kw, in, multiplier] → [in·multiplier, 1, kh, kw] (output channel c·m + j). */
	static FloatTensor depthwiseKernel(FloatTensor keras, boolean flip) {
		int kh = keras.shape()[0], kw = keras.shape()[1], cin = keras.shape()[2], m = keras.shape()[3];
		float[] out = new float[keras.data().length];
		for (int y = 0; y < kh; y++)
			for (int x = 0; x < kw; x++)
				for (int c = 0; c < cin; c++)
					for (int j = 0; j < m; j++) {
						int ty = flip ? kh - 1 - y : y, tx = flip ? kw - 1 - x : x;
						out[((c * m + j) * kh + ty) * kw + tx] = keras.data()[((y * kw + x) * cin + c) * m + j];
					}
		return new FloatTensor(new int[] { cin * m, 1, kh, kw }, out);
	}

	/**
	 * A dense kernel that follows a Flatten of a channels-last feature map [h, w, c] reads its inputs in h-w-c order;
	 * our Flatten yields c-h-w order, so its rows are permuted. (ONNX models converted from Keras by tf2onnx
	 * transpose to channels-last before flattening, so their dense weights need the same.)
	 */
	public static FloatTensor denseAfterChannelsLastFlatten(FloatTensor kernel, int[] chw) {
		int c = chw[0], h = chw.length > 1 ? chw[1] : 1, w = chw.length > 2 ? chw[2] : 1;
		int units = kernel.shape()[1];
		float[] out = new float[kernel.data().length];
		for (int ci = 0; ci < c; ci++)
			for (int y = 0; y < h; y++)
				for (int x = 0; x < w; x++) {
					int ours = (ci * h + y) * w + x, theirs = (y * w + x) * c + ci;
					System.arraycopy(kernel.data(), theirs * units, out, ours * units, units);
				}
		return new FloatTensor(kernel.shape().clone(), out);
	}
}
