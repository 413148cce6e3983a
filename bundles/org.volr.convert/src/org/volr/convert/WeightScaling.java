package org.volr.convert;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;
import org.volr.net.LayerKind;
import org.volr.net.NetLayer;
import org.volr.net.ResolvedNetwork;
import org.volr.net.Source;
import org.volr.net.WeightKeys;

/**
 * Applies W ← W · λ_in / λ_out and b ← b / λ_out. λ_in is tracked as a scale for every value flowing through the
 * network (an array of the sample's shape): 1 for the input, a layer's λ after it, unchanged by flatten and
 * reshape (same values, new indices), kept per channel by pooling and concatenated by parallel branches. So a
 * dense layer after a flatten of a channel-wise normalised map gets the right λ for every input.
 */
final class WeightScaling {
	private final Map<String, LayerScale> scales = new HashMap<>();
	private final WeightStore original, converted = new WeightStore();

	private WeightScaling(WeightStore weights, List<LayerScale> scales) {
		this.original = weights;
		for (LayerScale s : scales)
			this.scales.put(s.layer(), s);
	}

	/** @param inputLambda λ_0, the scale of every input value */
	static WeightStore apply(ResolvedNetwork network, WeightStore weights, List<LayerScale> scales, float inputLambda) {
		WeightScaling scaling = new WeightScaling(weights, scales);
		float[] input = new float[network.inputSize()];
		Arrays.fill(input, inputLambda);
		// layers in order: each reads the scales of layers before it
		float[][] outs = new float[network.layers().size()][];
		for (NetLayer layer : network.layers())
			outs[layer.index()] = scaling.layer(layer, inputScale(layer.sources(), input, outs));
		inputScale(network.output(), input, outs); // added branches at the end need one scale too
		// keep every other tensor, in the original order
		WeightStore result = new WeightStore();
		for (String name : weights.names())
			result.put(name, scaling.converted.contains(name) ? scaling.converted.get(name) : weights.get(name));
		return result;
	}

	/**
	 * The scale of a layer's input: its sources' scales at their offsets (channels-first: parallel branches' values
	 * follow one another). Added branches land on the same values, and must have the same scale there.
	 */
	private static float[] inputScale(List<Source> sources, float[] input, float[][] outs) {
		if (sources.size() == 1 && sources.get(0).offset() == 0)
			return scaleOf(sources.get(0), input, outs);
		int size = 0;
		for (Source s : sources)
			size = Math.max(size, s.offset() + scaleOf(s, input, outs).length);
		float[] all = new float[size];
		boolean[] written = new boolean[size];
		for (int i = 0; i < sources.size(); i++) {
			Source s = sources.get(i);
			float[] part = scaleOf(s, input, outs);
			for (int j = 0; j < part.length; j++) {
				int at = s.offset() + j;
				if (!written[at]) {
					all[at] = part[j];
					written[at] = true;
				} else if (!close(all[at], part[j])) {
					throw new ConversionException("the branches of '+' end at different scales (branch 1 and " + branch(sources, i)
							+ "): each branch has its own λ, so their sum has no single scale; normalising networks with '+' is not"
							+ " supported yet, use 'normalize none' for them");
				}
			}
		}
		return all;
	}

	/** Which of the sources at the same offset source i is, counting from 1. */
	private static int branch(List<Source> sources, int i) {
		int n = 1;
		for (int j = 0; j < i; j++)
			if (sources.get(j).offset() == sources.get(i).offset())
				n++;
		return n;
	}

	private static float[] scaleOf(Source s, float[] input, float[][] outs) {
		return s.isInput() ? input : outs[s.layer()];
	}

	private float[] layer(NetLayer layer, float[] in) {
		return switch (layer.kind()) {
		case LayerKind.Dense d -> dense(layer, in);
		case LayerKind.Conv c -> conv(layer, c, in);
		case LayerKind.Pool p -> perChannelOut(layer, in);
		case LayerKind.GlobalPool g -> perChannelOut(layer, in);
		// same values, new indices (or, for activation layers, relu and linear commute with positive scaling)
		case LayerKind.Flatten f -> in;
		case LayerKind.Reshape r -> in;
		case LayerKind.Dropout d -> in;
		case LayerKind.Identity i -> in;
		case LayerKind.ActivationOnly a -> in;
		case LayerKind.BatchNorm b -> throw new ConversionException("layer '" + layer.key() + "' is a batchnorm; fold it into the"
				+ " layer before it first");
		};
	}

	/** Pooling keeps each channel's scale. */
	private static float[] perChannelOut(NetLayer layer, float[] in) {
		float[] perChannel = perChannel(layer.key(), in, layer.inChannels());
		return broadcast(perChannel, layer.outSize() / layer.outChannels());
	}

	private float[] dense(NetLayer layer, float[] in) {
		String name = layer.key();
		int inputs = layer.inSize(), outputs = layer.outSize();
		LayerScale s = scale(name);
		float[] w = original.get(layer.weightKey()).data().clone(); // [in, out]
		for (int i = 0; i < inputs; i++)
			for (int o = 0; o < outputs; o++)
				w[i * outputs + o] *= in[i] / s.lambda(o);
		converted.put(layer.weightKey(), layer.weightShape(), w);
		scaleBias(layer, s, outputs);
		scaleClip(layer, s);
		return lambdas(s, outputs, 1);
	}

	private float[] conv(NetLayer layer, LayerKind.Conv conv, float[] in) {
		String name = layer.key();
		LayerScale s = scale(name);
		int inChannels = layer.inChannels(), outChannels = layer.outChannels();
		float[] inScale = perChannel(name, in, inChannels);
		FloatTensor weight = original.get(layer.weightKey());
		float[] w = weight.data().clone(); // [out, in or 1, k...]
		int perOut = w.length / outChannels;
		int perIn = perOut / weight.shape()[1];
		boolean depthwise = conv.depthwise();
		for (int o = 0; o < outChannels; o++)
			for (int j = 0; j < perOut; j++) {
				int c = depthwise ? o / conv.multiplier() : j / perIn;
				w[o * perOut + j] *= inScale[c] / s.lambda(o);
			}
		converted.put(layer.weightKey(), weight.shape(), w);
		scaleBias(layer, s, outChannels);
		scaleClip(layer, s);
		return lambdas(s, outChannels, layer.outSize() / outChannels);
	}

	private void scaleBias(NetLayer layer, LayerScale s, int outputs) {
		if (!original.contains(layer.biasKey()))
			return; // a missing bias is zero, and stays zero
		FloatTensor bias = original.get(layer.biasKey());
		float[] b = bias.data().clone();
		for (int o = 0; o < outputs; o++)
			b[o] /= s.lambda(o);
		converted.put(layer.biasKey(), bias.shape(), b);
	}

	/**
	 * A QCFS layer's clip scales with its output (λ/L·clip(⌊z·L/λ + ½⌋, 0, L) divided by s is the same function of z/s
	 * with λ/s), so the rescaled network's ANN computes the original's activations divided by s; one clip per layer.
	 */
	private void scaleClip(NetLayer layer, LayerScale s) {
		String key = WeightKeys.clip(layer.key());
		if (!original.contains(key))
			return;
		if (s.channelwise())
			throw new ConversionException("layer '" + layer.key() + "' is a qcfs layer with one clip λ, which channel-wise scales cannot"
					+ " divide; its learnt λ is its scale");
		converted.put(key, original.get(key).shape(), new float[] { original.get(key).data()[0] / s.lambda(0) });
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

	private static boolean close(float a, float b) {
		return Math.abs(a - b) <= 1e-6f * Math.max(Math.abs(a), Math.abs(b));
	}
}
