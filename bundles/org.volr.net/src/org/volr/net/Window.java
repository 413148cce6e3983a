package org.volr.net;

import java.util.Arrays;

/**
 * The sliding window of a convolution or pooling layer along its spatial axes (one for 1-D layers, two for 2-D):
 * kernel, stride, dilation and the padding before and after each axis, computed once here from what is written
 * ("same" pads floor(total/2) before and the rest after, as TensorFlow does; explicit amounts pad both sides alike).
 * One-dimensional layers run as two-dimensional ones of height 1 (their axis is the width): the {@code h*}/{@code w*}
 * accessors give that 2-D view, which is what every engine computes with.
 */
public record Window(int[] kernel, int[] stride, int[] dilation, int[] padBefore, int[] padAfter, Padding padding) {
	/** How the padding was written: none, "same" (derived from the output size) or explicit amounts. */
	public enum Padding {
		VALID, SAME, EXPLICIT
	}

	public Window {
		kernel = kernel.clone();
		stride = stride.clone();
		dilation = dilation.clone();
		padBefore = padBefore.clone();
		padAfter = padAfter.clone();
	}

	/**
	 * The window of a layer whose input and output sizes along the spatial axes are known (shape inference has
	 * checked them): "same" padding is whatever makes the output size come out, split floor(total/2) before.
	 *
	 * @param explicitPad the written amount per axis (both sides), or null
	 */
	public static Window of(int[] kernel, int[] stride, int[] dilation, int[] explicitPad, boolean same, int[] inSize, int[] outSize) {
		int axes = kernel.length;
		int[] before = new int[axes], after = new int[axes];
		for (int a = 0; a < axes; a++) {
			if (explicitPad != null) {
				before[a] = after[a] = explicitPad[a];
			} else if (same) {
				int total = Math.max((outSize[a] - 1) * stride[a] + dilation[a] * (kernel[a] - 1) + 1 - inSize[a], 0);
				before[a] = total / 2;
				after[a] = total - before[a];
			}
		}
		return new Window(kernel, stride, dilation, before, after,
				explicitPad != null ? Padding.EXPLICIT : same ? Padding.SAME : Padding.VALID);
	}

	/** How many spatial axes: 1 or 2. */
	public int axes() {
		return kernel.length;
	}

	public boolean oneD() {
		return kernel.length == 1;
	}

	/** Whether some axis pads more after than before (what symmetric-padding engines cannot express). */
	public boolean asymmetric() {
		return !Arrays.equals(padBefore, padAfter);
	}

	/** The window's size: its kernel's elements. */
	public int field() {
		int n = 1;
		for (int k : kernel)
			n *= k;
		return n;
	}

	private int h(int[] v, int oneDValue) {
		return oneD() ? oneDValue : v[0];
	}

	private int w(int[] v) {
		return v[v.length - 1];
	}

	public int kh() {
		return h(kernel, 1);
	}

	public int kw() {
		return w(kernel);
	}

	public int sh() {
		return h(stride, 1);
	}

	public int sw() {
		return w(stride);
	}

	public int dh() {
		return h(dilation, 1);
	}

	public int dw() {
		return w(dilation);
	}

	/** Padding before the rows (top). */
	public int ph() {
		return h(padBefore, 0);
	}

	/** Padding before the columns (left). */
	public int pw() {
		return w(padBefore);
	}

	public int phAfter() {
		return h(padAfter, 0);
	}

	public int pwAfter() {
		return w(padAfter);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Window w && Arrays.equals(kernel, w.kernel) && Arrays.equals(stride, w.stride)
				&& Arrays.equals(dilation, w.dilation) && Arrays.equals(padBefore, w.padBefore) && Arrays.equals(padAfter, w.padAfter)
				&& padding == w.padding;
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(kernel) * 31 + Arrays.hashCode(padBefore);
	}

	@Override
	public String toString() {
		return "Window[kernel=" + Arrays.toString(kernel) + ", stride=" + Arrays.toString(stride) + ", dilation=" + Arrays.toString(dilation)
				+ ", pad=" + Arrays.toString(padBefore) + "/" + Arrays.toString(padAfter) + ", " + padding + "]";
	}
}
