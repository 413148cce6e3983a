package org.volr.sim.plan;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.volr.core.nd4j.Nd4jSupport;

/**
 * A 2-D convolution (1-D as height 1; depthwise with a channel multiplier). Weights arrive [out, in, kh, kw] and
 * are kept as [in, kh, kw, out] so that one spike touches contiguous weights for each output position.
 */
public final class ConvPlan extends WindowPlan {
	private final int cin, cout, multiplier;
	private final boolean depthwise;
	private final float[] kernel; // [ci][ky][kx][co'] where co' counts the outputs fed by ci
	private final float[] bias;
	/** See {@link #scatterRows}. */
	private final float[] rowRuns;
	/** The delivery of many spikes by output rows, for the geometries {@link RowImages#suits} (else null). */
	private final RowImages rowImages;

	/** @param geometry {kh, kw, sy, sx, py, px, dy, dx} with py/px the padding before the first row/column */
	public ConvPlan(String label, int[] inShape, int[] outShape, int[] geometry, boolean depthwise, float[] weights, float[] bias) {
		super(label, inShape, outShape, geometry);
		cin = inShape[0];
		cout = outShape[0];
		this.depthwise = depthwise;
		multiplier = depthwise ? cout / cin : 1;
		int fed = depthwise ? multiplier : cout;
		int perOut = depthwise ? 1 : cin;
		if (weights.length != (long) cout * perOut * kh * kw)
			throw new IllegalArgumentException(label + ": " + weights.length + " weights, expected " + cout + "×" + perOut + "×" + kh + "×" + kw);
		kernel = new float[cin * kh * kw * fed];
		for (int co = 0; co < cout; co++)
			for (int ci = 0; ci < perOut; ci++)
				for (int y = 0; y < kh; y++)
					for (int x = 0; x < kw; x++) {
						int src = ((co * perOut + ci) * kh + y) * kw + x;
						int inChannel = depthwise ? co / multiplier : ci;
						int target = depthwise ? co % multiplier : co;
						kernel[((inChannel * kh + y) * kw + x) * fed + target] = weights[src];
					}
		this.bias = new float[outSize];
		if (bias != null)
			for (int co = 0; co < cout; co++)
				java.util.Arrays.fill(this.bias, co * oh * ow, (co + 1) * oh * ow, bias[co]);
		rowRuns = sx == 1 && dx == 1 && !depthwise ? rowRuns(kernel, cin, kh, kw, cout) : null;
		rowImages = RowImages.suits(this, depthwise) ? new RowImages(this, kernel) : null;
	}

	/** The same convolution with other kernel values (laid out as {@link #kernel}). */
	private ConvPlan(ConvPlan from, float[] kernel) {
		super(from.label, from.inShape, from.outShape, from.geometry());
		cin = from.cin;
		cout = from.cout;
		multiplier = from.multiplier;
		depthwise = from.depthwise;
		this.kernel = kernel;
		bias = from.bias;
		rowRuns = from.rowRuns == null ? null : rowRuns(kernel, cin, kh, kw, cout);
		rowImages = from.rowImages == null ? null : new RowImages(this, kernel);
	}

	/** Whether a step's many spikes are delivered by rows of images ({@link RowImages}) rather than by runs. */
	public boolean deliversByRows() {
		return rowImages != null;
	}

	@Override
	public LayerPlan signedPart(boolean excitatory, float factor) {
		float[] part = signed(kernel, excitatory, factor);
		return part == null ? null : new ConvPlan(this, part);
	}

	/** The kernel in nd4j's layout [kh, kw, in, out] (depthwise: [kh, kw, in, multiplier]), made on first use. */
	private volatile INDArray nd4jKernel;

	/**
	 * The batch's input currents by one nd4j convolution op (conv2d, or depthwise_conv2d): the input is padded
	 * explicitly by the plan's padding before the first row and column and as much as the last window needs after
	 * it, so that uneven "same" padding comes out as the per-spike scatter computes it; a valid convolution follows.
	 */
	@Override
	public void forwardBatch(float[] x, int samples, float[] out) {
		Nd4jSupport.init();
		if (nd4jKernel == null)
			nd4jKernel = Nd4j.create(kernel, new long[] { cin, kh, kw, depthwise ? multiplier : cout }, 'c').permute(1, 2, 0, 3).dup('c');
		INDArray in = Nd4j.create(x, new long[] { samples, cin, h, w }, 'c');
		int padBottom = Math.max(0, (oh - 1) * sy + (kh - 1) * dy + 1 - h - py);
		int padRight = Math.max(0, (ow - 1) * sx + (kw - 1) * dx + 1 - w - px);
		if (py > 0 || px > 0 || padBottom > 0 || padRight > 0)
			in = Nd4j.pad(in, new int[][] { { 0, 0 }, { 0, 0 }, { py, padBottom }, { px, padRight } });
		Conv2DConfig config = Conv2DConfig.builder().kH(kh).kW(kw).sH(sy).sW(sx).dH(dy).dW(dx).pH(0).pW(0)
				.paddingMode(PaddingMode.VALID).dataFormat(Conv2DConfig.NCHW).build();
		INDArray result;
		try (Nd4jSupport.Setting plain = Nd4jSupport.forConvolution(config)) {
			result = depthwise ? Nd4j.cnn().depthWiseConv2d(in, nd4jKernel, config) : Nd4j.cnn().conv2d(in, nd4jKernel, config);
		}
		if (result.size(2) != oh || result.size(3) != ow) // windows past the last output (stride leftovers) dropped
			result = result.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, oh), NDArrayIndex.interval(0, ow));
		copyAddingBias(result.reshape('c', samples, outSize).dup('c'), out);
	}

	@Override
	public int deliver(int input, float[] current) {
		return scatter(input, 1f, current);
	}

	@Override
	protected void deliverScaled(int input, float scale, float[] current) {
		scatter(input, scale, current);
	}

	/** Per thread: a step's currents with the channels innermost ([oy][ox][c]), see deliverAll. */
	private final ThreadLocal<float[]> channelsLast = ThreadLocal.withInitial(() -> new float[outSize]);

	/**
	 * Chooses by this step's activity how to deliver the spikes. Many spikes: into a buffer with the channels
	 * innermost, where a spike's tap adds its kernel's channels as one contiguous run (the JIT vectorises it), or by
	 * rows of images where the output rows are short ({@link RowImages}), then added to the channels-first currents in
	 * one pass; that pass costs two sweeps over the layer, so few spikes (fewer synaptic operations than neurons) go
	 * straight to the channels-first currents, one strided add per channel. All add each neuron's inputs in the same
	 * order, so the choice never changes a result.
	 */
	@Override
	public int deliverAll(int[] inputs, int count, float[] current) {
		int fed = depthwise ? multiplier : cout;
		if ((long) count * kh * kw * fed < 2L * outSize) {
			int ops = 0;
			for (int e = 0; e < count; e++)
				ops += scatter(inputs[e], 1f, current);
			return ops;
		}
		if (rowImages != null) {
			int ops = 0, plane = h * w;
			for (int e = 0; e < count; e++) {
				int p = inputs[e] % plane;
				ops += tapsFrom[p + 1] - tapsFrom[p];
			}
			rowImages.deliver(inputs, count, current);
			return ops * fed;
		}
		float[] buffer = channelsLast.get();
		java.util.Arrays.fill(buffer, 0f);
		int ops = 0;
		for (int e = 0; e < count; e++)
			ops += scatterChannelsLast(inputs[e], buffer);
		int plane = oh * ow;
		for (int c = 0; c < cout; c++)
			for (int p = 0; p < plane; p++)
				current[c * plane + p] += buffer[p * cout + c];
		return ops;
	}

	private int scatterChannelsLast(int input, float[] buffer) {
		if (rowRuns != null) {
			int ci = input / (h * w), rest = input % (h * w);
			return scatterRows(ci, rest / w, rest % w, buffer);
		}
		return scatter(input, 1f, buffer, cout, 1);
	}

	private int scatter(int input, float scale, float[] current) {
		return scatter(input, scale, current, 1, oh * ow);
	}

	/**
	 * Adds one spike's kernel taps to the currents of a layout where output (oy, ox, c) sits at (oy·ow + ox)·
	 * positionStride + c·channelStride: channels first (1, oh·ow) or channels last (cout, 1).
	 */
	private int scatter(int input, float scale, float[] target, int positionStride, int channelStride) {
		int ci = input / (h * w), p = input % (h * w);
		int fed = depthwise ? multiplier : cout;
		int firstOut = depthwise ? ci * multiplier : 0;
		for (int t = tapsFrom[p]; t < tapsFrom[p + 1]; t++) {
			int k = (ci * kh * kw + tapKernel[t]) * fed;
			int pos = tapOutput[t] * positionStride + firstOut * channelStride;
			for (int c = 0; c < fed; c++)
				target[pos + c * channelStride] += scale * kernel[k + c];
		}
		return (tapsFrom[p + 1] - tapsFrom[p]) * fed;
	}

	/**
	 * Stride 1 and no dilation: the taps of one kernel row reach consecutive output columns, which lie side by side
	 * in the channels-last buffer; with the kernel's columns stored reversed ({@link #rowRuns}) they are one
	 * contiguous run of up to kw·cout additions, long enough for the JIT's vector loop. Each neuron still gets one
	 * addition per spike and kernel row, in the same order.
	 */
	private int scatterRows(int ci, int y, int x, float[] buffer) {
		int ops = 0;
		int kxLo = Math.max(0, x + px - ow + 1), kxHi = Math.min(kw - 1, x + px);
		if (kxLo > kxHi)
			return 0;
		int length = (kxHi - kxLo + 1) * cout, oxLo = x + px - kxHi;
		for (int ky = 0; ky < kh; ky++) {
			int oy = rowSlot(y, ky);
			if (oy < 0)
				continue;
			int from = ((ci * kh + ky) * kw + (kw - 1 - kxHi)) * cout, to = (oy * ow + oxLo) * cout;
			for (int i = 0; i < length; i++)
				buffer[to + i] += rowRuns[from + i];
			ops += length;
		}
		return ops;
	}

	/** The kernel [ci][ky][kx][co] with kx reversed, for stride-1, undilated, non-depthwise convolutions (else null). */
	private static float[] rowRuns(float[] kernel, int cin, int kh, int kw, int cout) {
		float[] runs = new float[kernel.length];
		for (int ci = 0; ci < cin; ci++)
			for (int ky = 0; ky < kh; ky++)
				for (int kx = 0; kx < kw; kx++)
					System.arraycopy(kernel, ((ci * kh + ky) * kw + kx) * cout, runs, ((ci * kh + ky) * kw + (kw - 1 - kx)) * cout, cout);
		return runs;
	}

	@Override
	public float[] bias() {
		return bias;
	}
}
