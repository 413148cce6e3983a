package org.volr.gen.nir;

import java.util.Arrays;

import org.volr.core.weights.FloatTensor;

/**
 * A {@code SumPool2d} node with no neurons after it (Sinabs pools one layer's spikes straight into the next
 * convolution or, through a {@code Flatten}, into the next dense node), folded into that next node. Both are linear,
 * so they are one linear map, which Volr writes as the next layer alone, reading the pool's input:
 * <ul>
 * <li>pool (k×k, stride k) then {@code Conv2d} (kernel K, stride S, padding P, dilation D): one convolution whose
 * kernel entry (i, j) is spread over the k×k block at (i·D·k, j·D·k), kernel (K−1)·D·k + k, stride S·k, padding
 * P·k, dilation 1. A zero of the conv's padding is a pooled value outside the map, a k×k block of padding here;
 * this needs the pool to tile its input (its height and width multiples of k), else the folded convolution would
 * read rows no pooling window sums;</li>
 * <li>pool then {@code Flatten} then {@code Affine}/{@code Linear}: the weight of pooled input (c, u, v) given to each
 * of the k×k inputs (c, u·k + a, v·k + b) it sums, 0 to inputs no window covers; the {@code Flatten} then flattens
 * the pool's input.</li>
 * </ul>
 * Every weight of the folded layer is one of the node's weights (or 0), bit for bit: the windows do not overlap
 * (stride = kernel), so no two weights meet in one entry. The sums are the same terms in another order.
 */
final class SumPoolFold {
	/** The pool node's name, for notes and refusals. */
	final String node;
	final int kh, kw;
	/** The pool's input, [channels, height, width]. */
	final int channels, height, width;

	SumPoolFold(String node, int kh, int kw, int[] input) {
		this.node = node;
		this.kh = kh;
		this.kw = kw;
		this.channels = input[0];
		this.height = input[1];
		this.width = input[2];
	}

	/**
	 * Why a pool of this kernel, stride and padding on this input (its shape [c, h, w]) cannot be folded into the next
	 * node, or null if it can.
	 */
	static String refusal(int[] kernel, int[] stride, int[] padding, int[] input) {
		if (kernel.length != 2 || stride.length != 2 || padding.length != 2)
			return "its kernel " + Arrays.toString(kernel) + ", stride " + Arrays.toString(stride) + " and padding "
					+ Arrays.toString(padding) + " are not two values each";
		if (input.length != 3)
			return "its input has the shape " + Arrays.toString(input) + ", not [channels, height, width]";
		if (!Arrays.equals(kernel, stride))
			return "its stride " + Arrays.toString(stride) + " differs from its kernel " + Arrays.toString(kernel)
					+ " (overlapping or gapped windows); Volr folds a pool without neurons into the next layer only when its windows tile the map";
		if (Arrays.stream(padding).anyMatch(v -> v != 0))
			return "it has padding " + Arrays.toString(padding) + "; Volr's pooling has none";
		return null;
	}

	/** Why the pool cannot be folded into a following convolution, or null: its windows must tile its input. */
	String convRefusal() {
		if (height % kh != 0 || width % kw != 0)
			return "its input " + height + "×" + width + " is not tiled by its " + kh + "×" + kw + " windows, so one convolution on the"
					+ " pool's input would also read the rows and columns the pool leaves out";
		return null;
	}

	/** The folded convolution's kernel extent along one axis: kernel K with dilation D spread over blocks of k. */
	static int kernel(int k, int d, int pool) {
		return (k - 1) * d * pool + pool;
	}

	/** NIR's Conv2d weight [out, in, K1, K2] (dilation dh, dw) as the kernel of one convolution on the pool's input. */
	FloatTensor convWeight(FloatTensor w, int dh, int dw) {
		int[] s = w.shape();
		int out = s[0], in = s[1], k1 = s[2], k2 = s[3];
		int f1 = kernel(k1, dh, kh), f2 = kernel(k2, dw, kw);
		float[] folded = new float[out * in * f1 * f2];
		float[] d = w.data();
		for (int o = 0; o < out; o++)
			for (int c = 0; c < in; c++)
				for (int i = 0; i < k1; i++)
					for (int j = 0; j < k2; j++) {
						float v = d[((o * in + c) * k1 + i) * k2 + j];
						for (int a = 0; a < kh; a++)
							for (int b = 0; b < kw; b++)
								folded[((o * in + c) * f1 + i * dh * kh + a) * f2 + j * dw * kw + b] = v;
					}
		return new FloatTensor(new int[] { out, in, f1, f2 }, folded);
	}

	/** The number of values of the pooled map, as the dense node after it reads them. */
	int pooledSize() {
		return channels * (height / kh) * (width / kw);
	}

	/** NIR's dense weight [out, c·hp·wp] on the flattened pooled map as a weight [out, c·h·w] on the flattened input. */
	FloatTensor denseWeight(FloatTensor w) {
		int hp = height / kh, wp = width / kw;
		int out = w.shape()[0], pooled = pooledSize(), in = channels * height * width;
		float[] folded = new float[out * in];
		float[] d = w.data();
		for (int o = 0; o < out; o++)
			for (int c = 0; c < channels; c++)
				for (int y = 0; y < hp * kh; y++)
					for (int x = 0; x < wp * kw; x++)
						folded[o * in + (c * height + y) * width + x] = d[o * pooled + (c * hp + y / kh) * wp + x / kw];
		return new FloatTensor(new int[] { out, in }, folded);
	}

	/** "2×2". */
	String window() {
		return kh + "×" + kw;
	}
}
