package org.volr.sim.plan;

/**
 * A 2-D convolution (1-D as height 1; depthwise with a channel multiplier). Weights arrive [out, in, kh, kw] and
 * are kept as [in, kh, kw, out] so that one spike touches contiguous weights for each output position.
 */
public final class ConvPlan extends LayerPlan {
	private final int cin, h, w, cout, oh, ow, kh, kw, sy, sx, py, px, dy, dx, multiplier;
	private final boolean depthwise;
	private final float[] kernel; // [ci][ky][kx][co'] where co' counts the outputs fed by ci
	private final float[] bias;

	/** @param geometry {kh, kw, sy, sx, py, px, dy, dx} with py/px the padding before the first row/column */
	public ConvPlan(String label, int[] inShape, int[] outShape, int[] geometry, boolean depthwise, float[] weights, float[] bias) {
		super(label, inShape, outShape);
		cin = inShape[0];
		h = inShape.length > 2 ? inShape[1] : 1;
		w = inShape.length > 2 ? inShape[2] : inShape[1];
		cout = outShape[0];
		oh = outShape.length > 2 ? outShape[1] : 1;
		ow = outShape.length > 2 ? outShape[2] : outShape[1];
		kh = geometry[0];
		kw = geometry[1];
		sy = geometry[2];
		sx = geometry[3];
		py = geometry[4];
		px = geometry[5];
		dy = geometry[6];
		dx = geometry[7];
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
			int ny = y + py - ky * dy; // = oy * sy
			if (ny < 0 || ny % sy != 0)
				continue;
			int oy = ny / sy;
			if (oy >= oh)
				continue;
			for (int kx = 0; kx < kw; kx++) {
				int nx = x + px - kx * dx;
				if (nx < 0 || nx % sx != 0)
					continue;
				int ox = nx / sx;
				if (ox >= ow)
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
