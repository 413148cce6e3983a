package org.volr.gen.lava;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.volr.core.weights.FloatTensor;
import org.volr.gen.GenerationInput;
import org.volr.gen.NetworkArrays;
import org.volr.gen.TargetNeuron;
import org.volr.net.LayerKind;
import org.volr.net.NetLayer;
import org.volr.net.SpikingLayers;
import org.volr.net.Window;
import org.volr.net.neuron.LoihiNeuron;
import org.volr.net.neuron.NeuronModel;

/**
 * The blocks of a lava-dl netx file for a lowered Volr network, one per layer with neurons, in execution order:
 * <ul>
 * <li>dense → {@code dense} (weight [out, in], the transpose of Volr's [in, out]; bias if any is non-zero);</li>
 * <li>conv2d, conv1d (as height 1), depthwise conv2d (groups = input channels) → {@code conv} (weight
 * [out, in/groups, kh, kw], PyTorch's cross-correlation layout that slayer exports and netx flips for lava itself;
 * kernelSize, stride, padding, dilation in (height, width) order; bias per output channel);</li>
 * <li>average pooling, global average pooling → a depthwise {@code conv} block with every weight 1/n, which is what
 * Volr's average pooling onto neurons is when no window reaches into padding. netx has no loader for its own
 * {@code pool} blocks (they raise NotImplementedError), so a conv block is what runs on Loihi;</li>
 * <li>a {@code flatten} block (shape [C·H·W, 1, 1] as slayer writes it) before a dense block that follows a
 * convolution: netx then flattens channels first, Volr's order;</li>
 * <li>an {@code input} block holding only the input shape when the network starts with a convolution, which netx
 * needs to size it; a network that starts dense starts with its dense block, as lava-dl's own exports do. Either
 * way no input neurons are written: Lava drives the first block with spikes.</li>
 * </ul>
 * Max pooling (a max is no weighted sum), average pooling whose windows reach into padding and windows padded more
 * after the map than before it (netx pads both sides alike) are refused, naming the layer. The blocks are the
 * network's spiking layers ({@link SpikingLayers}, what Volr simulates), their kinds, shapes and windows from the
 * resolved network, their weights from the weight store. Every block with
 * neurons is quantised on its own, see {@link Quantisation}.
 */
final class NetxNetwork {
	private final List<NetxBlock> blocks;
	private final List<String> problems;

	private NetxNetwork(List<NetxBlock> blocks, List<String> problems) {
		this.blocks = List.copyOf(blocks);
		this.problems = List.copyOf(problems);
	}

	List<NetxBlock> blocks() {
		return blocks;
	}

	/** What stops a layer from being written, each naming the layer; when not empty, {@link #blocks} is incomplete. */
	List<String> problems() {
		return problems;
	}

	/**
	 * Requires a network that spikes and resolves (see {@link GenerationInput#spikingProblem()} and
	 * {@link GenerationInput#resolveProblem()}), a neuron that maps to Lava and bits in 2..8.
	 */
	static NetxNetwork of(GenerationInput input, int bits) {
		return new Builder(input, bits).build();
	}

	private static final class Builder {
		private final GenerationInput input;
		private final int bits;
		private final LoihiNeuron neuron;
		private final float threshold;
		private final List<NetxBlock> blocks = new ArrayList<>();
		private final List<String> problems = new ArrayList<>();
		/** the output shape of the last block (C, H, W or one dimension), or the network's input before the first */
		private long[] previous;

		Builder(GenerationInput input, int bits) {
			this.input = input;
			this.bits = bits;
			this.neuron = TargetNeuron.require(input.run(), NeuronModel::lava);
			this.threshold = input.run().neuron().discretised().threshold();
		}

		NetxNetwork build() {
			SpikingLayers net = input.spiking();
			int[] in = net.network().inputShape();
			previous = in.length == 1 ? new long[] { in[0] } : longs(chw(in));
			for (NetLayer layer : net.layers()) {
				try {
					add(layer);
				} catch (IllegalArgumentException e) {
					problems.add(e.getMessage());
					previous = layer.kind() instanceof LayerKind.Dense ? new long[] { layer.outSize() } : longs(chw(layer.outShape()));
				}
			}
			return new NetxNetwork(blocks, problems);
		}

		private void add(NetLayer layer) {
			String label = layer.key();
			switch (layer.kind()) {
			case LayerKind.Dense d -> dense(layer);
			case LayerKind.Conv c -> conv(label, layer);
			case LayerKind.Pool p when p.op() != LayerKind.PoolOp.MAX -> averagePool(label, layer);
			case LayerKind.GlobalPool g when !g.max() -> averagePool(label, layer);
			case LayerKind.Pool p -> throw maxPooling(label);
			case LayerKind.GlobalPool g -> throw maxPooling(label);
			default -> throw new IllegalArgumentException("layer '" + label + "' (" + layer.kind().written() + ") is not written for Lava");
			}
		}

		private static IllegalArgumentException maxPooling(String label) {
			return new IllegalArgumentException("layer '" + label + "' is max pooling, which netx cannot express (a maximum is no"
					+ " weighted sum, and netx has no pooling blocks); use average pooling for Loihi");
		}

		private void dense(NetLayer d) {
			int in = d.inSize(), out = d.outSize();
			float[] bias = NetworkArrays.bias(input, d);
			Quantisation q = Quantisation.of(d.key(), input.weights().get(d.weightKey()).data(), nonZero(bias) ? bias : null, threshold, bits);
			float[][] weight = new float[out][in];
			for (int i = 0; i < in; i++)
				for (int o = 0; o < out; o++)
					weight[o][i] = q.weights()[i * out + o];
			if (!blocks.isEmpty() && previous.length > 1)
				blocks.add(NetxBlock.shapeOnly("flatten", new long[] { in, 1, 1 }));
			Map<String, Object> f = new LinkedHashMap<>();
			f.put("inFeatures", Long.valueOf(in));
			f.put("outFeatures", Long.valueOf(out));
			f.put("weight", weight);
			if (q.bias() != null)
				f.put("bias", q.bias());
			push(new NetxBlock("dense", d.key(), new long[] { out }, f, CubaNeuron.of(neuron, q.scaledThreshold()), q));
		}

		private void conv(String label, NetLayer layer) {
			if (!(layer.kind() instanceof LayerKind.Conv c))
				throw new IllegalArgumentException("layer '" + label + "': no conv layer of that name in the model");
			int[][] io = inOut(label, layer);
			int[] in = io[0], out = io[1];
			Window g = c.window();
			refuseAsymmetric(label, g);
			int groups = c.depthwise() ? in[0] : 1;
			int perGroup = in[0] / groups;
			FloatTensor w = input.weights().get(layer.weightKey());
			int[] shape = { out[0], perGroup, g.kh(), g.kw() };
			if (w.data().length != out[0] * perGroup * g.kh() * g.kw())
				throw new IllegalArgumentException("layer '" + label + "': weight " + Arrays.toString(w.shape()) + " does not fit "
						+ Arrays.toString(shape) + " ([out, in/groups, kh, kw])");
			float[] bias = channelBias(layer, out);
			Quantisation q = Quantisation.of(label, w.data(), bias, threshold, bits);
			Map<String, Object> f = window(in[0], out[0], g, groups, FloatTensor.nested(q.weights(), shape));
			if (q.bias() != null)
				f.put("bias", q.bias());
			push(new NetxBlock("conv", label, longs(out), f, CubaNeuron.of(neuron, q.scaledThreshold()), q));
		}

		/** Average and sum pooling (global pooling too) as a depthwise convolution with one weight per tap. */
		private void averagePool(String label, NetLayer layer) {
			if (!(layer.kind() instanceof LayerKind.Pool) && !(layer.kind() instanceof LayerKind.GlobalPool))
				throw new IllegalArgumentException("layer '" + label + "': no pooling layer of that name in the model");
			int[][] io = inOut(label, layer);
			int[] in = io[0], out = io[1];
			Window g = layer.kind() instanceof LayerKind.Pool p ? p.window() : wholeMap(in);
			boolean sum = layer.kind() instanceof LayerKind.Pool p && p.op() == LayerKind.PoolOp.SUM;
			if (!sum && (g.ph() != 0 || g.pw() != 0))
				throw new IllegalArgumentException("layer '" + label + "': average pooling with 'same' padding divides by the inputs"
						+ " inside the map, fewer at its border, but a netx convolution has one weight per kernel tap; use valid padding");
			refuseAsymmetric(label, g);
			int channels = in[0], n = g.kh() * g.kw();
			float[] w = new float[channels * n];
			Arrays.fill(w, sum ? 1f : 1f / n); // sum pooling weighs every tap 1, padding adds nothing
			Quantisation q = Quantisation.of(label, w, null, threshold, bits);
			Map<String, Object> f = window(channels, channels, g, channels, FloatTensor.nested(q.weights(), new int[] { channels, 1, g.kh(), g.kw() }));
			push(new NetxBlock("conv", label, longs(out), f, CubaNeuron.of(neuron, q.scaledThreshold()), q));
		}

		/** Global pooling as a window over the whole (C, H, W) map. */
		private static Window wholeMap(int[] in) {
			int[] map = { in[1], in[2] };
			return new Window(map, map, new int[] { 1, 1 }, new int[2], new int[2], Window.Padding.VALID);
		}

		/**
		 * netx pads both sides alike (PyTorch's convention), Volr's 'same' padding puts an odd extra row or column after
		 * the map (TensorFlow's): such a layer would come out another size on Loihi.
		 */
		private static void refuseAsymmetric(String label, Window g) {
			if (g.asymmetric())
				throw new IllegalArgumentException("layer '" + label + "': its 'same' padding is asymmetric (an extra row or column"
						+ " after the map), which netx's convolutions cannot express (they pad both sides alike); give the layer"
						+ " explicit padding (padding: n) or an odd kernel with stride 1");
		}

		/** A netx {@code conv} block's fields, the window in (height, width) order. */
		private static Map<String, Object> window(int inChannels, int outChannels, Window g, int groups, Object weight) {
			Map<String, Object> f = new LinkedHashMap<>();
			f.put("inChannels", Long.valueOf(inChannels));
			f.put("outChannels", Long.valueOf(outChannels));
			f.put("kernelSize", new long[] { g.kh(), g.kw() });
			f.put("stride", new long[] { g.sh(), g.sw() });
			f.put("padding", new long[] { g.ph(), g.pw() });
			f.put("dilation", new long[] { g.dh(), g.dw() });
			f.put("groups", Long.valueOf(groups));
			f.put("weight", weight);
			return f;
		}

		/** The layer's input and output as (C, H, W); the input must be what the previous block puts out. */
		private int[][] inOut(String label, NetLayer layer) {
			int[] in = chw(layer.inShape()), out = chw(layer.outShape());
			if (!Arrays.equals(longs(in), previous))
				throw new IllegalArgumentException("layer '" + label + "' takes " + Arrays.toString(in) + " but the layer before it puts"
						+ " out " + Arrays.toString(previous) + " (a reshape); netx connects blocks without reshaping, so only a flatten"
						+ " before a dense layer is written");
			return new int[][] { in, out };
		}

		/** Per output channel, or null when every bias is zero (the plan repeats it over each channel's plane). */
		private float[] channelBias(NetLayer layer, int[] out) {
			float[] perNeuron = NetworkArrays.bias(input, layer);
			if (!nonZero(perNeuron))
				return null;
			int plane = out[1] * out[2];
			float[] b = new float[out[0]];
			for (int c = 0; c < b.length; c++)
				b[c] = perNeuron[c * plane];
			return b;
		}

		private void push(NetxBlock block) {
			if (blocks.isEmpty() && block.type().equals("conv"))
				blocks.add(NetxBlock.shapeOnly("input", previous));
			blocks.add(block);
			previous = block.shape();
		}
	}

	/** A shape as (C, H, W): 1-D maps [C, W] get height 1, vectors [C] (global pooling) a 1×1 map. */
	static int[] chw(int[] dims) {
		return switch (dims.length) {
		case 1 -> new int[] { dims[0], 1, 1 };
		case 2 -> new int[] { dims[0], 1, dims[1] };
		default -> dims.clone();
		};
	}

	private static long[] longs(int[] v) {
		return Arrays.stream(v).asLongStream().toArray();
	}

	private static boolean nonZero(float[] a) {
		for (float x : a)
			if (x != 0)
				return true;
		return false;
	}

}
