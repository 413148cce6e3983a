package org.volr.net;

import java.util.Arrays;

/**
 * The synapses of one spiking layer as lists (pre, post, weight), inputs and neurons indexed channels first,
 * enumerated from the layer's kind, window and weights as the simulator reads them: dense [in, out]; convolution
 * [out, in, kh, kw] (depthwise [in·multiplier, 1, kh, kw]) with stride, dilation and padding before the first
 * row and column; average pooling 1/n with n the inputs inside the window (padding excluded), sum pooling 1, global
 * average pooling one window over the map. Ordered by pre, then post; weights that are exactly zero are left out.
 * Max pooling has none: it routes spikes.
 */
public record Synapses(int[] pre, int[] post, float[] weight) {

	public int size() {
		return pre.length;
	}

	/**
	 * The synapses of {@code layer}, a layer with neurons.
	 *
	 * @param weights the layer's weight tensor (dense and convolution), ignored for pooling
	 */
	public static Synapses of(NetLayer layer, float[] weights) {
		Builder b = new Builder();
		switch (layer.kind()) {
		case LayerKind.Dense d -> {
			int in = layer.inSize(), out = layer.outSize();
			for (int i = 0; i < in; i++)
				for (int o = 0; o < out; o++)
					b.add(i, o, weights[i * out + o]);
		}
		case LayerKind.Conv c -> convolution(layer, c, weights, b);
		case LayerKind.Pool p when p.op() != LayerKind.PoolOp.MAX -> pooling(layer, Geometry.of(layer, p.window(), false), p.op() == LayerKind.PoolOp.SUM, b);
		case LayerKind.GlobalPool g when !g.max() -> pooling(layer, Geometry.wholeMap(layer), false, b);
		default -> throw new IllegalArgumentException("layer '" + layer.key() + "' (" + layer.kind().written() + ") has no synapses");
		}
		return b.build();
	}

	/**
	 * The bias of every neuron of {@code layer}: the bias tensor as it is for dense layers, a convolution's per output
	 * channel repeated over the channel's map; zeros when {@code bias} is null and for pooling.
	 */
	public static float[] biasPerNeuron(NetLayer layer, float[] bias) {
		float[] out = new float[layer.outSize()];
		if (bias == null)
			return out;
		if (layer.kind() instanceof LayerKind.Conv) {
			int plane = out.length / layer.outChannels();
			for (int c = 0; c < layer.outChannels(); c++)
				Arrays.fill(out, c * plane, (c + 1) * plane, bias[c]);
			return out;
		}
		if (layer.kind() instanceof LayerKind.Dense)
			return bias.clone();
		return out;
	}

	/**
	 * W·x for one sample ({@code x[offset ..]}) in float arithmetic, each neuron's terms added in the order of its
	 * inputs, skipping inputs that are zero: the order the simulator adds a first layer's analog input in, so that
	 * the result is the same to the bit.
	 */
	public void forward(float[] x, int offset, float[] out) {
		Arrays.fill(out, 0f);
		for (int s = 0; s < pre.length; s++) {
			float xi = x[offset + pre[s]];
			if (xi != 0)
				out[post[s]] += xi * weight[s];
		}
	}

	/** A window over a map of height h and width w (1-D maps have height 1), as the layer's outputs see it. */
	private record Geometry(int h, int w, int oh, int ow, int kh, int kw, int sy, int sx, int py, int px, int dy, int dx) {
		static Geometry of(NetLayer layer, Window g, boolean dilated) {
			int[] in = layer.inShape(), out = layer.outShape();
			return new Geometry(in.length > 2 ? in[1] : 1, in.length > 2 ? in[2] : in[1], out.length > 2 ? out[1] : 1,
					out.length > 2 ? out[2] : out.length == 2 ? out[1] : 1, g.kh(), g.kw(), g.sh(), g.sw(), g.ph(), g.pw(),
					dilated ? g.dh() : 1, dilated ? g.dw() : 1);
		}

		static Geometry wholeMap(NetLayer layer) {
			int[] in = layer.inShape();
			int h = in.length > 2 ? in[1] : 1, w = in.length > 2 ? in[2] : in[1];
			return new Geometry(h, w, 1, 1, h, w, h, w, 0, 0, 1, 1);
		}

		/** The output row reached from input row y through kernel row ky, or −1. */
		int row(int y, int ky) {
			return slot(y + py - ky * dy, sy, oh);
		}

		int column(int x, int kx) {
			return slot(x + px - kx * dx, sx, ow);
		}

		private static int slot(int n, int stride, int outputs) {
			return n < 0 || n % stride != 0 || n / stride >= outputs ? -1 : n / stride;
		}
	}

	/**
	 * Kernel rows and columns walked backwards, so that the outputs an input reaches come in ascending order (a later
	 * tap reaches an earlier output).
	 */
	private static void convolution(NetLayer layer, LayerKind.Conv c, float[] weights, Builder b) {
		Geometry g = Geometry.of(layer, c.window(), true);
		int cin = layer.inShape()[0], cout = layer.outShape()[0], plane = g.oh * g.ow;
		boolean depthwise = c.depthwise();
		int multiplier = depthwise ? cout / cin : 1, perOut = depthwise ? 1 : cin;
		if (weights.length != (long) cout * perOut * g.kh * g.kw)
			throw new IllegalArgumentException(layer.key() + ": " + weights.length + " weights, expected " + cout + "×" + perOut + "×" + g.kh
					+ "×" + g.kw);
		for (int ci = 0; ci < cin; ci++)
			for (int y = 0; y < g.h; y++)
				for (int x = 0; x < g.w; x++) {
					int input = (ci * g.h + y) * g.w + x;
					int first = depthwise ? ci * multiplier : 0, last = depthwise ? first + multiplier : cout;
					for (int co = first; co < last; co++)
						for (int ky = g.kh - 1; ky >= 0; ky--) {
							int oy = g.row(y, ky);
							if (oy < 0)
								continue;
							for (int kx = g.kw - 1; kx >= 0; kx--) {
								int ox = g.column(x, kx);
								if (ox >= 0)
									b.add(input, co * plane + oy * g.ow + ox, weights[((co * perOut + (depthwise ? 0 : ci)) * g.kh + ky) * g.kw + kx]);
							}
						}
				}
	}

	private static void pooling(NetLayer layer, Geometry g, boolean sum, Builder b) {
		int plane = g.oh * g.ow;
		float[] perInput = new float[plane];
		for (int oy = 0; oy < g.oh; oy++)
			for (int ox = 0; ox < g.ow; ox++) {
				int n = 0;
				for (int ky = 0; ky < g.kh; ky++)
					for (int kx = 0; kx < g.kw; kx++) {
						int y = oy * g.sy - g.py + ky, x = ox * g.sx - g.px + kx;
						if (y >= 0 && y < g.h && x >= 0 && x < g.w)
							n++;
					}
				perInput[oy * g.ow + ox] = n == 0 ? 0 : sum ? 1f : 1f / n;
			}
		int channels = layer.inShape()[0];
		for (int c = 0; c < channels; c++)
			for (int y = 0; y < g.h; y++)
				for (int x = 0; x < g.w; x++)
					for (int ky = g.kh - 1; ky >= 0; ky--) {
						int oy = g.row(y, ky);
						if (oy < 0)
							continue;
						for (int kx = g.kw - 1; kx >= 0; kx--) {
							int ox = g.column(x, kx);
							if (ox >= 0)
								b.add((c * g.h + y) * g.w + x, c * plane + oy * g.ow + ox, perInput[oy * g.ow + ox]);
						}
					}
	}

	private static final class Builder {
		private int[] pre = new int[1024], post = new int[1024];
		private float[] weight = new float[1024];
		private int n;

		void add(int from, int to, float w) {
			if (w == 0f)
				return;
			if (n == pre.length) {
				pre = Arrays.copyOf(pre, n * 2);
				post = Arrays.copyOf(post, n * 2);
				weight = Arrays.copyOf(weight, n * 2);
			}
			pre[n] = from;
			post[n] = to;
			weight[n++] = w;
		}

		Synapses build() {
			return new Synapses(Arrays.copyOf(pre, n), Arrays.copyOf(post, n), Arrays.copyOf(weight, n));
		}
	}
}
