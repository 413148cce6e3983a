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
		INDArray result = depthwise ? Nd4j.cnn().depthWiseConv2d(in, nd4jKernel, config) : Nd4j.cnn().conv2d(in, nd4jKernel, config);
		if (result.size(2) != oh || result.size(3) != ow) // windows past the last output (stride leftovers) dropped
			result = result.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, oh), NDArrayIndex.interval(0, ow));
		addBiasInto(result.reshape('c', samples, outSize).dup('c'), out);
	}

	@Override
	public int deliver(int input, float[] current) {
		return scatter(input, 1f, current);
	}

	@Override
	protected void deliverScaled(int input, float scale, float[] current) {
		scatter(input, scale, current);
	}

	private int scatter(int input, float scale, float[] current) {
		int ci = input / (h * w), rest = input % (h * w), y = rest / w, x = rest % w;
		int fed = depthwise ? multiplier : cout;
		int firstOut = depthwise ? ci * multiplier : 0;
		int plane = oh * ow, ops = 0;
		for (int ky = 0; ky < kh; ky++) {
			int oy = slot(y + py - ky * dy, sy, oh);
			if (oy < 0)
				continue;
			for (int kx = 0; kx < kw; kx++) {
				int ox = slot(x + px - kx * dx, sx, ow);
				if (ox < 0)
					continue;
				int k = ((ci * kh + ky) * kw + kx) * fed;
				int pos = oy * ow + ox + firstOut * plane;
				for (int c = 0; c < fed; c++)
					current[pos + c * plane] += scale * kernel[k + c];
				ops += fed;
			}
		}
		return ops;
	}

	@Override
	public float[] bias() {
		return bias;
	}
}
