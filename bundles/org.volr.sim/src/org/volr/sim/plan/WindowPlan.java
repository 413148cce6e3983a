package org.volr.sim.plan;

/**
 * A layer whose outputs each look at a window of the input map: convolution and pooling. Holds the geometry
 * (1-D maps are height-1 2-D ones) and answers, for a spike at an input position, which outputs' windows hold it.
 */
abstract class WindowPlan extends LayerPlan {
	protected final int h, w, oh, ow, kh, kw, sy, sx, py, px, dy, dx;
	/**
	 * For input row y and kernel row ky, the output row whose window holds the input through that tap, or −1
	 * ({@code rowSlots[y·kh + ky]}); columns likewise. Looked up per spike and tap, so no division is done there.
	 */
	private final int[] rowSlots, colSlots;
	/**
	 * The windows that hold each input position p = y·w + x, kernel rows outer and columns inner: entries
	 * {@code tapsFrom[p] .. tapsFrom[p + 1] − 1} of tapOutput (the output position oy·ow + ox) and tapKernel (the
	 * kernel position ky·kw + kx). The one walk over a spike's windows that convolution and both poolings share.
	 */
	protected final int[] tapsFrom, tapOutput, tapKernel;

	/** @param geometry {kh, kw, sy, sx, py, px} or {kh, kw, sy, sx, py, px, dy, dx}; py/px pad before the first row/column */
	protected WindowPlan(String label, int[] inShape, int[] outShape, int[] geometry) {
		super(label, inShape, outShape);
		h = inShape.length > 2 ? inShape[1] : 1;
		w = inShape.length > 2 ? inShape[2] : inShape[1];
		oh = outShape.length > 2 ? outShape[1] : 1;
		ow = outShape.length > 2 ? outShape[2] : outShape.length == 2 ? outShape[1] : 1;
		kh = geometry[0];
		kw = geometry[1];
		sy = geometry[2];
		sx = geometry[3];
		py = geometry[4];
		px = geometry[5];
		dy = geometry.length > 6 ? geometry[6] : 1;
		dx = geometry.length > 7 ? geometry[7] : 1;
		rowSlots = slots(h, kh, py, dy, sy, oh);
		colSlots = slots(w, kw, px, dx, sx, ow);
		int[] rowTaps = new int[h], colTaps = new int[w]; // how many kernel rows reach input row y; columns likewise
		for (int y = 0; y < h; y++)
			for (int ky = 0; ky < kh; ky++)
				rowTaps[y] += rowSlot(y, ky) >= 0 ? 1 : 0;
		for (int x = 0; x < w; x++)
			for (int kx = 0; kx < kw; kx++)
				colTaps[x] += colSlot(x, kx) >= 0 ? 1 : 0;
		tapsFrom = new int[h * w + 1];
		for (int p = 0; p < h * w; p++)
			tapsFrom[p + 1] = tapsFrom[p] + rowTaps[p / w] * colTaps[p % w];
		tapOutput = new int[tapsFrom[h * w]];
		tapKernel = new int[tapOutput.length];
		int n = 0;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				for (int ky = 0; ky < kh; ky++) {
					int oy = rowSlot(y, ky);
					if (oy < 0)
						continue;
					for (int kx = 0; kx < kw; kx++) {
						int ox = colSlot(x, kx);
						if (ox < 0)
							continue;
						tapOutput[n] = oy * ow + ox;
						tapKernel[n++] = ky * kw + kx;
					}
				}
	}

	private static int[] slots(int size, int taps, int pad, int dilation, int stride, int outputs) {
		int[] table = new int[size * taps];
		for (int i = 0; i < size; i++)
			for (int k = 0; k < taps; k++)
				table[i * taps + k] = slot(i + pad - k * dilation, stride, outputs);
		return table;
	}

	/** The output row whose window reaches input row y through kernel row ky, or −1. */
	protected final int rowSlot(int y, int ky) {
		return rowSlots[y * kh + ky];
	}

	/** The output column whose window reaches input column x through kernel column kx, or −1. */
	protected final int colSlot(int x, int kx) {
		return colSlots[x * kw + kx];
	}

	/** {kh, kw, sy, sx, py, px, dy, dx}, as the constructor takes it. */
	protected int[] geometry() {
		return new int[] { kh, kw, sy, sx, py, px, dy, dx };
	}

	/** The geometry of one window over the whole map: global pooling. */
	static int[] wholeMap(int[] inShape) {
		int h = inShape.length > 2 ? inShape[1] : 1, w = inShape.length > 2 ? inShape[2] : inShape[1];
		return new int[] { h, w, h, w, 0, 0 };
	}

	/**
	 * The output row (or column) whose window reaches the input through the kernel tap at offset {@code n} =
	 * position + padding − tap·dilation, or −1 when no output's window does.
	 */
	static int slot(int n, int stride, int outputs) {
		return n < 0 || n % stride != 0 || n / stride >= outputs ? -1 : n / stride;
	}
}
