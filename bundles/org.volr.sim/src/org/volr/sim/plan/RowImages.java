package org.volr.sim.plan;

import java.util.Arrays;

/**
 * A convolution's delivery of a step's spikes output row by output row, for a layer whose output rows are short next
 * to what one spike reaches in them (LeNet-5's c3: 10 columns, of which a spike's 5-wide window reaches 5).
 * <p>
 * Why: a spike reaches, in each output row its window covers, a run of at most kw·cout currents (80 in c3), and the
 * JIT's loops are slow on runs that short (their set-up costs more than the additions; measured: about 2 G additions
 * per second against 10–17 G on long runs). Here a spike's contribution to an output row is a whole row, an
 * <em>image</em> ow·cout long with zeros where its window does not reach, made once per input channel, kernel row and
 * input column. A step first lists, per output row, the images of the step's spikes in spike order, then adds them
 * eight at a time in one pass over the row: the row is loaded and stored once for eight images, and the pass is a long,
 * plain loop over arrays side by side that the JIT vectorises (the trick of {@link DensePlan#deliverAll}). Measured on
 * LeNet-5's c3: less than half the time of the runs, although it adds twice as many values.
 * <p>
 * The same currents bit for bit: each current still receives its spikes' weights one addition at a time in spike
 * order ((((c + w₁) + w₂) + ...), and the zeros in between change nothing, since x + 0 = x for every x but −0, and a
 * row starts at +0 and a sum of floats that starts at +0 is never −0.
 */
final class RowImages {
	/** Rows of images are used only while a spike reaches at least this share of an output row (see {@link #suits}). */
	private static final int MAX_WASTE = 2;
	/** Images are made only while they take at most this many floats (4 MiB). */
	private static final long MAX_FLOATS = 1 << 20;

	private final ConvPlan conv;
	private final int oh, ow, cout, kh, w, rowLength;
	/**
	 * images[(ci·kh + ky)·w + x]: what a spike of input channel ci at column x adds to an output row through kernel row
	 * ky, laid out [ox][co]; null when no output column is reached from x.
	 */
	private final float[][] images;
	/**
	 * The output rows an input row reaches, kernel rows outer: for input row y, entries {@code reachFrom[y] ..
	 * reachFrom[y + 1] − 1} of reachedRow (oy) and reachingKernelRow (ky). Looked up per spike: no test per kernel row.
	 */
	private final int[] reachFrom, reachedRow, reachingKernelRow;
	/**
	 * For each input (channels first): its row, and the index of its image through kernel row 0 ((ci·kh)·w + x; kernel
	 * row ky adds ky·w), or −1 when its column reaches no output column. Tables, so that a spike costs no division.
	 */
	private final int[] inputRow, inputImage;
	/**
	 * Per thread: the step's output rows ([oy][ox·cout + co]) and, per row, the indices of its images in spike order
	 * (indices rather than the arrays: storing a reference into an array costs the garbage collector's write barrier).
	 */
	private final ThreadLocal<Scratch> scratch;

	private record Scratch(float[][] rows, int[][] listed, int[] counts) {
	}

	/** Whether a convolution of this geometry is delivered faster by rows of images than by runs. */
	static boolean suits(ConvPlan conv, boolean depthwise) {
		if (depthwise) // a spike reaches only its own channel's outputs: its images would be mostly zeros
			return false;
		int reach = 0; // the most output columns one input column reaches
		for (int x = 0; x < conv.w; x++) {
			int n = 0;
			for (int kx = 0; kx < conv.kw; kx++)
				n += conv.colSlot(x, kx) >= 0 ? 1 : 0;
			reach = Math.max(reach, n);
		}
		long floats = (long) conv.inShape[0] * conv.kh * conv.w * conv.ow * conv.outShape[0];
		return reach > 0 && conv.ow <= MAX_WASTE * reach && floats <= MAX_FLOATS;
	}

	/** @param kernel laid out [ci][ky][kx][co] */
	RowImages(ConvPlan conv, float[] kernel) {
		this.conv = conv;
		oh = conv.oh;
		ow = conv.ow;
		cout = conv.outShape[0];
		kh = conv.kh;
		w = conv.w;
		rowLength = ow * cout;
		int cin = conv.inShape[0], kw = conv.kw;
		images = new float[cin * kh * w][];
		for (int ci = 0; ci < cin; ci++)
			for (int ky = 0; ky < kh; ky++)
				for (int x = 0; x < w; x++) {
					float[] image = null;
					for (int kx = 0; kx < kw; kx++) {
						int ox = conv.colSlot(x, kx);
						if (ox < 0)
							continue;
						if (image == null)
							image = new float[rowLength];
						System.arraycopy(kernel, ((ci * kh + ky) * kw + kx) * cout, image, ox * cout, cout);
					}
					images[(ci * kh + ky) * w + x] = image;
				}
		int h = conv.h;
		reachFrom = new int[h + 1];
		for (int y = 0; y < h; y++)
			for (int ky = 0; ky < kh; ky++)
				reachFrom[y + 1] += conv.rowSlot(y, ky) >= 0 ? 1 : 0;
		for (int y = 0; y < h; y++)
			reachFrom[y + 1] += reachFrom[y];
		reachedRow = new int[reachFrom[h]];
		reachingKernelRow = new int[reachFrom[h]];
		for (int y = 0, n = 0; y < h; y++)
			for (int ky = 0; ky < kh; ky++)
				if (conv.rowSlot(y, ky) >= 0) {
					reachedRow[n] = conv.rowSlot(y, ky);
					reachingKernelRow[n++] = ky;
				}
		inputRow = new int[conv.inSize()];
		inputImage = new int[conv.inSize()];
		for (int input = 0, plane = h * w; input < inputRow.length; input++) {
			int ci = input / plane, y = input % plane / w, x = input % w;
			inputRow[input] = y;
			inputImage[input] = images[ci * kh * w + x] == null ? -1 : ci * kh * w + x;
		}
		int perRow = cin * kh * w; // at most every input's image, through every kernel row, lands on one output row
		scratch = ThreadLocal.withInitial(() -> new Scratch(new float[oh][rowLength], new int[oh][perRow], new int[oh]));
	}

	/** Adds the step's spikes {@code inputs[0..count)} to the channels-first currents (their synaptic operations are counted by the caller). */
	void deliver(int[] inputs, int count, float[] current) {
		Scratch s = scratch.get();
		float[][] rows = s.rows;
		int[][] listed = s.listed;
		int[] counts = s.counts;
		Arrays.fill(counts, 0);
		for (int e = 0; e < count; e++) {
			int input = inputs[e], y = inputRow[input], image = inputImage[input];
			if (image < 0)
				continue;
			for (int r = reachFrom[y]; r < reachFrom[y + 1]; r++) {
				int oy = reachedRow[r];
				listed[oy][counts[oy]++] = image + reachingKernelRow[r] * w;
			}
		}
		int outPlane = oh * ow;
		for (int oy = 0; oy < oh; oy++) {
			float[] row = rows[oy];
			Arrays.fill(row, 0f);
			addAll(row, images, listed[oy], counts[oy]);
			for (int c = 0; c < cout; c++)
				for (int ox = 0, at = c * outPlane + oy * ow; ox < ow; ox++)
					current[at + ox] += row[ox * cout + c];
		}
	}

	/**
	 * row += images[listed[0]] + images[listed[1]] + ... in that order, eight images per pass (then four, then one by
	 * one): one load and store of the row per pass, the additions in the order of one image at a time.
	 */
	private static void addAll(float[] row, float[][] images, int[] listed, int count) {
		int e = 0, n = row.length;
		for (; e + 7 < count; e += 8) {
			float[] r0 = images[listed[e]], r1 = images[listed[e + 1]], r2 = images[listed[e + 2]], r3 = images[listed[e + 3]];
			float[] r4 = images[listed[e + 4]], r5 = images[listed[e + 5]], r6 = images[listed[e + 6]], r7 = images[listed[e + 7]];
			for (int o = 0; o < n; o++)
				row[o] = row[o] + r0[o] + r1[o] + r2[o] + r3[o] + r4[o] + r5[o] + r6[o] + r7[o];
		}
		for (; e + 3 < count; e += 4) {
			float[] r0 = images[listed[e]], r1 = images[listed[e + 1]], r2 = images[listed[e + 2]], r3 = images[listed[e + 3]];
			for (int o = 0; o < n; o++)
				row[o] = row[o] + r0[o] + r1[o] + r2[o] + r3[o];
		}
		for (; e < count; e++) {
			float[] r0 = images[listed[e]];
			for (int o = 0; o < n; o++)
				row[o] += r0[o];
		}
	}
}
