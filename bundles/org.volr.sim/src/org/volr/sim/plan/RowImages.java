package org.volr.sim.plan;

import java.util.Arrays;

/**
 * A convolution's delivery of a step's spikes by bands of output rows, for a layer whose output rows are short next
 * to what one spike reaches in them (LeNet-5's c3: 10 columns, of which a spike's 5-wide window reaches 5).
 * <p>
 * Why: a spike reaches, in each output row its window covers, a run of at most kw·cout currents (80 in c3), and the
 * JIT's loops are slow on runs that short (their set-up costs more than the additions; measured: about 2 G additions
 * per second against 10–17 G on long runs). Here a spike's contribution to a band of {@link #BAND_ROWS} output rows is
 * a whole band, an <em>image</em> rows·ow·cout long with zeros where its window does not reach, made once per input
 * channel, input column and way the input row meets a band (which of the band's rows, through which kernel rows: a
 * <em>pattern</em>). A step first lists, per band, the images of the step's spikes in spike order, then adds them
 * eight at a time in one pass over the band: the band is loaded and stored once for eight images, and the pass is a
 * long, plain loop over arrays side by side that the JIT vectorises (the trick of {@link DensePlan#deliverAll}).
 * Measured on LeNet-5's c3: less than half the time of the runs, although it adds twice as many values; bands of two
 * rows rather than single rows: 10–15 % less again (a spike reaches 3 bands instead of 5 rows: fewer, longer passes
 * for 20 % more zeros; bands of three rows were slower, their images no longer fit in a core's L2 cache). An image is
 * laid out [co][row][ox], as the channels-first currents, so that a band goes to them as cout contiguous runs.
 * <p>
 * The same currents bit for bit: each current still receives its spikes' weights one addition at a time in spike
 * order ((((c + w₁) + w₂) + ...), and the zeros in between change nothing, since x + 0 = x for every x but −0, and a
 * band starts at +0 and a sum of floats that starts at +0 is never −0.
 */
final class RowImages {
	/** Rows of images are used only while a spike reaches at least this share of an output row (see {@link #suits}). */
	private static final int MAX_WASTE = 2;
	/** Images are made only while they take at most this many floats (4 MiB) in bands of one row. */
	private static final long MAX_FLOATS = 1 << 20;
	/** The output rows of a band, while its images take at most {@link #MAX_BAND_FLOATS}; else bands of one row. */
	static final int BAND_ROWS = 2;
	/** 1 MiB: LeNet-5's c3 takes 645 KiB in bands of two rows, which stay in the L2 cache of a core. */
	private static final long MAX_BAND_FLOATS = 1 << 18;

	private final int oh, ow, cout, bandRows, bands, w;
	/**
	 * images[(ci·patterns + pattern)·w + x]: what a spike of input channel ci at column x adds to a band of output rows
	 * ([co][row in band][ox]) that its input row meets as {@code pattern}; null when its column reaches no output column.
	 */
	private final float[][] images;
	/**
	 * The bands an input row reaches: for input row y, entries {@code reachFrom[y] .. reachFrom[y + 1] − 1} of
	 * reachedBand and reachingPattern. Looked up per spike: no test per kernel row.
	 */
	private final int[] reachFrom, reachedBand, reachingPattern;
	/**
	 * For each input (channels first): its row, and the index of its image for pattern 0 ((ci·patterns)·w + x; pattern
	 * p adds p·w), or −1 when its column reaches no output column. Tables, so that a spike costs no division.
	 */
	private final int[] inputRow, inputImage;
	/**
	 * Per thread: the step's bands of output rows ([band][co][row in band][ox]) and, per band, the indices of its images
	 * in spike order (indices rather than the arrays: storing a reference into an array costs the garbage collector's
	 * write barrier).
	 */
	private final ThreadLocal<Scratch> scratch;

	private record Scratch(float[][] bands, int[][] listed, int[] counts) {
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
		oh = conv.oh;
		ow = conv.ow;
		cout = conv.outShape[0];
		w = conv.w;
		int cin = conv.inShape[0], kh = conv.kh, kw = conv.kw, h = conv.h;
		Patterns p = new Patterns(conv, Math.min(BAND_ROWS, oh));
		if (p.rows > 1 && (long) cin * p.pairs.size() * w * p.rows * ow * cout > MAX_BAND_FLOATS)
			p = new Patterns(conv, 1);
		bandRows = p.rows;
		bands = p.bands;
		int patterns = p.pairs.size();
		images = new float[cin * patterns * w][];
		for (int ci = 0; ci < cin; ci++)
			for (int pattern = 0; pattern < patterns; pattern++)
				for (int x = 0; x < w; x++) {
					float[] image = null;
					int[] pairs = p.pairs.get(pattern);
					for (int q = 0; q < pairs.length; q += 2)
						for (int kx = 0; kx < kw; kx++) {
							int ox = conv.colSlot(x, kx);
							if (ox < 0)
								continue;
							if (image == null)
								image = new float[cout * bandRows * ow];
							for (int co = 0; co < cout; co++)
								image[(co * bandRows + pairs[q]) * ow + ox] = kernel[((ci * kh + pairs[q + 1]) * kw + kx) * cout + co];
						}
					images[(ci * patterns + pattern) * w + x] = image;
				}
		reachFrom = new int[h + 1];
		for (int y = 0; y < h; y++)
			for (int b = 0; b < bands; b++)
				reachFrom[y + 1] += p.of[y][b] >= 0 ? 1 : 0;
		for (int y = 0; y < h; y++)
			reachFrom[y + 1] += reachFrom[y];
		reachedBand = new int[reachFrom[h]];
		reachingPattern = new int[reachFrom[h]];
		for (int y = 0, n = 0; y < h; y++)
			for (int b = 0; b < bands; b++)
				if (p.of[y][b] >= 0) {
					reachedBand[n] = b;
					reachingPattern[n++] = p.of[y][b];
				}
		inputRow = new int[conv.inSize()];
		inputImage = new int[conv.inSize()];
		for (int input = 0, plane = h * w; input < inputRow.length; input++) {
			int ci = input / plane, y = input % plane / w, x = input % w;
			inputRow[input] = y;
			inputImage[input] = images[ci * patterns * w + x] == null ? -1 : ci * patterns * w + x;
		}
		int perBand = cin * h * w; // at most every input's image lands on one band
		int bandLength = cout * bandRows * ow;
		scratch = ThreadLocal.withInitial(() -> new Scratch(new float[bands][bandLength], new int[bands][perBand], new int[bands]));
	}

	/**
	 * How the input rows meet bands of {@code rows} output rows: {@code of[y][b]}, the pattern of input row y in band b
	 * (−1: it reaches none of its rows); a pattern is the (row in band, kernel row) pairs side by side.
	 */
	private static final class Patterns {
		final int rows, bands;
		final int[][] of;
		final java.util.List<int[]> pairs = new java.util.ArrayList<>();

		Patterns(ConvPlan conv, int rows) {
			this.rows = rows;
			bands = (conv.oh + rows - 1) / rows;
			of = new int[conv.h][bands];
			java.util.Map<java.util.List<Integer>, Integer> ids = new java.util.HashMap<>();
			for (int y = 0; y < conv.h; y++)
				for (int b = 0; b < bands; b++) {
					java.util.List<Integer> key = new java.util.ArrayList<>();
					for (int ky = 0; ky < conv.kh; ky++) {
						int oy = conv.rowSlot(y, ky);
						if (oy >= b * rows && oy < (b + 1) * rows) {
							key.add(oy - b * rows);
							key.add(ky);
						}
					}
					if (key.isEmpty()) {
						of[y][b] = -1;
						continue;
					}
					of[y][b] = ids.computeIfAbsent(key, k -> {
						pairs.add(k.stream().mapToInt(Integer::intValue).toArray());
						return pairs.size() - 1;
					});
				}
		}
	}

	/** Adds the step's spikes {@code inputs[0..count)} to the channels-first currents (their synaptic operations are counted by the caller). */
	void deliver(int[] inputs, int count, float[] current) {
		Scratch s = scratch.get();
		int[][] listed = s.listed;
		int[] counts = s.counts;
		Arrays.fill(counts, 0);
		for (int e = 0; e < count; e++) {
			int input = inputs[e], y = inputRow[input], image = inputImage[input];
			if (image < 0)
				continue;
			for (int r = reachFrom[y]; r < reachFrom[y + 1]; r++) {
				int b = reachedBand[r];
				listed[b][counts[b]++] = image + reachingPattern[r] * w;
			}
		}
		int outPlane = oh * ow, bandPlane = bandRows * ow;
		for (int b = 0; b < bands; b++) {
			float[] band = s.bands[b];
			Arrays.fill(band, 0f);
			addAll(band, images, listed[b], counts[b]);
			// the band's rows of each channel lie side by side in the currents too (the last band may have fewer rows)
			int first = b * bandPlane, length = Math.min(bandRows, oh - b * bandRows) * ow;
			for (int c = 0; c < cout; c++)
				for (int j = 0, at = c * outPlane + first, from = c * bandPlane; j < length; j++)
					current[at + j] += band[from + j];
		}
	}

	/**
	 * band += images[listed[0]] + images[listed[1]] + ... in that order, eight images per pass (then four, then one by
	 * one): one load and store of the band per pass, the additions in the order of one image at a time.
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
