package org.volr.convert;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.volr.ann.LayerNames;
import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;
import org.volr.model.ActivationLayer;
import org.volr.model.Add;
import org.volr.model.BatchNorm;
import org.volr.model.Conv;
import org.volr.model.ConvKind;
import org.volr.model.Dense;
import org.volr.model.Dropout;
import org.volr.model.Flatten;
import org.volr.model.Fork;
import org.volr.model.GlobalPool;
import org.volr.model.Identity;
import org.volr.model.Layer;
import org.volr.model.Let;
import org.volr.model.NetExpr;
import org.volr.model.Network;
import org.volr.model.Pool;
import org.volr.model.Reshape;
import org.volr.model.Sequence;
import org.volr.model.shapes.NetType;
import org.volr.model.shapes.ShapeInference;

/**
 * Applies W ← W · λ_in / λ_out and b ← b / λ_out. λ_in is tracked as a scale for every value flowing through the
 * network (an array of the sample's shape): 1 for the input, a layer's λ after it, unchanged by flatten and
 * reshape (same values, new indices), kept per channel by pooling and concatenated by parallel branches. So a
 * dense layer after a flatten of a channel-wise normalised map gets the right λ for every input.
 */
final class WeightScaling {
	private final ShapeInference shapes;
	private final Map<Layer, String> names;
	private final Map<String, LayerScale> scales = new HashMap<>();
	private final WeightStore original, converted = new WeightStore();

	private WeightScaling(Network network, WeightStore weights, List<LayerScale> scales) {
		this.shapes = ShapeInference.of(network);
		this.names = LayerNames.of(network);
		this.original = weights;
		for (LayerScale s : scales)
			this.scales.put(s.layer(), s);
	}

	/** @param inputLambda λ_0, the scale of every input value */
	static WeightStore apply(Network network, WeightStore weights, List<LayerScale> scales, float inputLambda) {
		WeightScaling scaling = new WeightScaling(network, weights, scales);
		NetType type = scaling.shapes.typeOf(network);
		if (type == null || !scaling.shapes.problems().isEmpty())
			throw new ConversionException("network '" + network.getName() + "' does not type-check");
		float[] input = new float[(int) type.in().size()];
		Arrays.fill(input, inputLambda);
		scaling.walk(network.getBody(), input);
		// keep every other tensor, in the original order
		WeightStore result = new WeightStore();
		for (String name : weights.names())
			result.put(name, scaling.converted.contains(name) ? scaling.converted.get(name) : weights.get(name));
		return result;
	}

	private float[] walk(NetExpr e, float[] in) {
		if (e instanceof Sequence seq) {
			float[] cur = in;
			for (NetExpr step : seq.getSteps())
				cur = walk(step, cur);
			return cur;
		}
		if (e instanceof Fork fork)
			return fork(fork, in);
		if (e instanceof Let let)
			return walk(let.getBody(), in);
		if (e instanceof Layer layer)
			return layer(layer, in);
		throw new ConversionException("cannot convert " + e.eClass().getName());
	}

	private float[] fork(Fork fork, float[] in) {
		float[][] outs = new float[fork.getBranches().size()][];
		for (int i = 0; i < outs.length; i++)
			outs[i] = walk(fork.getBranches().get(i), in);
		if (fork instanceof Add) {
			for (int i = 1; i < outs.length; i++)
				if (!sameScale(outs[0], outs[i]))
					throw new ConversionException("the branches of '+' end at different scales (branch 1 and " + (i + 1)
							+ "): each branch has its own λ, so their sum has no single scale; normalising networks with '+' is not"
							+ " supported yet, use 'normalize none' for them");
			return outs[0];
		}
		// channels-first: concatenating on the channel axis appends the branches' values one after another
		int length = 0;
		for (float[] o : outs)
			length += o.length;
		float[] all = new float[length];
		int at = 0;
		for (float[] o : outs) {
			System.arraycopy(o, 0, all, at, o.length);
			at += o.length;
		}
		return all;
	}

	private float[] layer(Layer layer, float[] in) {
		String name = names.get(layer);
		NetType t = shapes.typeOf(layer);
		if (layer instanceof Dense)
			return dense(name, in, (int) t.in().size(), (int) t.out().size());
		if (layer instanceof Conv conv)
			return conv(conv, name, in, t);
		if (layer instanceof Pool || layer instanceof GlobalPool) {
			float[] perChannel = perChannel(name, in, t.in().dim(0));
			return broadcast(perChannel, (int) (t.out().size() / t.out().dim(0)));
		}
		if (layer instanceof Flatten || layer instanceof Reshape || layer instanceof Dropout || layer instanceof Identity
				|| layer instanceof ActivationLayer)
			return in;
		if (layer instanceof BatchNorm)
			throw new ConversionException("layer '" + name + "' is a batchnorm; fold it into the layer before it first");
		throw new ConversionException("layer '" + name + "' (" + layer.eClass().getName() + ") cannot be converted");
	}

	private float[] dense(String name, float[] in, int inputs, int outputs) {
		LayerScale s = scale(name);
		float[] w = original.get(name + ".weight").data().clone(); // [in, out]
		for (int i = 0; i < inputs; i++)
			for (int o = 0; o < outputs; o++)
				w[i * outputs + o] *= in[i] / s.lambda(o);
		converted.put(name + ".weight", new int[] { inputs, outputs }, w);
		scaleBias(name, s, outputs);
		return lambdas(s, outputs, 1);
	}

	private float[] conv(Conv conv, String name, float[] in, NetType t) {
		LayerScale s = scale(name);
		int inChannels = t.in().dim(0), outChannels = t.out().dim(0);
		float[] inScale = perChannel(name, in, inChannels);
		FloatTensor weight = original.get(name + ".weight");
		float[] w = weight.data().clone(); // [out, in or 1, k...]
		int perOut = w.length / outChannels;
		int perIn = perOut / weight.shape()[1];
		boolean depthwise = conv.getKind() == ConvKind.DEPTHWISE2D;
		int multiplier = outChannels / inChannels;
		for (int o = 0; o < outChannels; o++)
			for (int j = 0; j < perOut; j++) {
				int c = depthwise ? o / multiplier : j / perIn;
				w[o * perOut + j] *= inScale[c] / s.lambda(o);
			}
		converted.put(name + ".weight", weight.shape(), w);
		scaleBias(name, s, outChannels);
		return lambdas(s, outChannels, (int) (t.out().size() / outChannels));
	}

	private void scaleBias(String name, LayerScale s, int outputs) {
		if (!original.contains(name + ".bias"))
			return; // a missing bias is zero, and stays zero
		FloatTensor bias = original.get(name + ".bias");
		float[] b = bias.data().clone();
		for (int o = 0; o < outputs; o++)
			b[o] /= s.lambda(o);
		converted.put(name + ".bias", bias.shape(), b);
	}

	private LayerScale scale(String name) {
		LayerScale s = scales.get(name);
		if (s == null)
			throw new ConversionException("no scale for layer '" + name + "' (have " + scales.keySet() + ")");
		return s;
	}

	/** The output scale map of a layer: λ of each channel, repeated over the channel's positions. */
	private static float[] lambdas(LayerScale s, int channels, int positions) {
		float[] perChannel = new float[channels];
		for (int c = 0; c < channels; c++)
			perChannel[c] = s.lambda(c);
		return broadcast(perChannel, positions);
	}

	private static float[] broadcast(float[] perChannel, int positions) {
		float[] map = new float[perChannel.length * positions];
		for (int c = 0; c < perChannel.length; c++)
			Arrays.fill(map, c * positions, (c + 1) * positions, perChannel[c]);
		return map;
	}

	/** A feature map's scale per channel; a convolution or pooling needs one scale for all of a channel's values. */
	private static float[] perChannel(String name, float[] map, int channels) {
		int positions = map.length / channels;
		float[] result = new float[channels];
		for (int c = 0; c < channels; c++) {
			result[c] = map[c * positions];
			for (int i = 1; i < positions; i++)
				if (!close(map[c * positions + i], result[c]))
					throw new ConversionException("layer '" + name + "' reads channel " + c + " at several scales (a reshape mixed"
							+ " the channels of differently normalised layers); normalise without 'channelwise'");
		}
		return result;
	}

	private static boolean sameScale(float[] a, float[] b) {
		if (a.length != b.length)
			return false;
		for (int i = 0; i < a.length; i++)
			if (!close(a[i], b[i]))
				return false;
		return true;
	}

	private static boolean close(float a, float b) {
		return Math.abs(a - b) <= 1e-6f * Math.max(Math.abs(a), Math.abs(b));
	}
}
