package org.volr.gen.lava;

import java.util.List;

import org.volr.model.Conv;
import org.volr.model.ConvKind;
import org.volr.model.Padding;
import org.volr.model.Pool;
import org.volr.model.PoolKind;

/**
 * The (height, width) geometry of a convolution or pooling window as netx's {@code conv} block takes it: kernel,
 * stride, padding on both sides, dilation. Resolved from the Volr layer the same way the simulator's lowering does
 * (SpikingNetwork), 1-D layers as height-1 2-D ones. netx pads both sides alike (PyTorch's convention) while Volr's
 * 'same' padding puts an odd extra row or column after the map, as TensorFlow does; {@link #checkFits} refuses a
 * layer whose output size PyTorch's rule does not reproduce, so the two only ever differ in padding no window reads.
 */
record WindowGeometry(int kh, int kw, int sy, int sx, int py, int px, int dy, int dx) {

	static WindowGeometry of(Conv conv, int[] in, int[] out) {
		boolean oneD = conv.getKind() == ConvKind.CONV1D;
		int[] k = { 1, 1 }, s = { 1, 1 }, p = { 0, 0 }, d = { 1, 1 };
		for (int axis = 0; axis < (oneD ? 1 : 2); axis++) {
			int o = oneD ? 1 : axis;
			k[o] = pick(conv.getKernel(), axis, 1);
			s[o] = pick(conv.getStride(), axis, 1);
			d[o] = pick(conv.getDilation(), axis, 1);
			p[o] = !conv.getPadAmount().isEmpty() ? pick(conv.getPadAmount(), axis, 0)
					: conv.getPadding() == Padding.SAME ? Math.max((out[o + 1] - 1) * s[o] + d[o] * (k[o] - 1) + 1 - in[o + 1], 0) / 2 : 0;
		}
		return new WindowGeometry(k[0], k[1], s[0], s[1], p[0], p[1], d[0], d[1]);
	}

	static WindowGeometry of(Pool pool, int[] in, int[] out) {
		boolean oneD = pool.getKind() == PoolKind.AVG1D || pool.getKind() == PoolKind.MAX1D;
		int[] k = { 1, 1 }, s = { 1, 1 }, p = { 0, 0 };
		for (int axis = 0; axis < (oneD ? 1 : 2); axis++) {
			int o = oneD ? 1 : axis;
			k[o] = pick(pool.getSize(), axis, 2);
			s[o] = pick(pool.getStride(), axis, k[o]);
			p[o] = pool.getPadding() == Padding.SAME ? Math.max((out[o + 1] - 1) * s[o] + k[o] - in[o + 1], 0) / 2 : 0;
		}
		return new WindowGeometry(k[0], k[1], s[0], s[1], p[0], p[1], 1, 1);
	}

	/** One window over the whole map: global pooling. */
	static WindowGeometry whole(int[] in) {
		return new WindowGeometry(in[1], in[2], in[1], in[2], 0, 0, 1, 1);
	}

	/** @throws IllegalArgumentException when netx's symmetric padding would give another output size than Volr's */
	void checkFits(String layer, int[] in, int[] out) {
		int[][] axes = { { in[1], out[1], kh, sy, py, dy }, { in[2], out[2], kw, sx, px, dx } };
		for (int[] a : axes) {
			int span = a[0] + 2 * a[4] - a[5] * (a[2] - 1) - 1;
			int size = span < 0 ? 0 : span / a[3] + 1;
			if (size != a[1])
				throw new IllegalArgumentException("layer '" + layer + "': its 'same' padding is asymmetric (an extra row or column"
						+ " after the map), which netx's convolutions cannot express (they pad both sides alike); give the layer"
						+ " explicit padding (padding: n) or an odd kernel with stride 1");
		}
	}

	long[] kernel() {
		return new long[] { kh, kw };
	}

	long[] stride() {
		return new long[] { sy, sx };
	}

	long[] padding() {
		return new long[] { py, px };
	}

	long[] dilation() {
		return new long[] { dy, dx };
	}

	private static int pick(List<Integer> values, int axis, int fallback) {
		return values.isEmpty() ? fallback : values.size() == 1 ? values.get(0) : values.get(axis);
	}
}
