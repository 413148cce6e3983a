package org.volr.net;

import java.util.List;

import org.volr.net.neuron.LayerNeuron;

/**
 * One layer of a resolved network.
 *
 * @param index      its place in {@link ResolvedNetwork#layers()} (0-based; every layer comes after those it reads)
 * @param position   its place as written, counting from 1 depth first (what names unlabelled layers' weights)
 * @param key        the base name of its weights ({@link WeightKeys})
 * @param label      the label written before it ("fc1: dense 120"), or null
 * @param kind       what it computes
 * @param activation what it applies to its result: relu unless written otherwise for dense and convolution layers,
 *                   the written one for activation layers, null when it applies none
 * @param inShape    the shape it reads (channels first, without the batch axis)
 * @param outShape   the shape it writes
 * @param sources    what it reads, in order
 * @param origin     where it is written (an EMF layer of a .volr file) for positions in messages, or null when the
 *                   network was built otherwise; never read for what the layer computes
 * @param neuron     the layer's own neuron, as written after it ({@code neuron LI { ... }}), or null: the experiment's
 */
public record NetLayer(int index, int position, String key, String label, LayerKind kind, Activation activation, int[] inShape,
		int[] outShape, List<Source> sources, Object origin, LayerNeuron neuron) {
	public NetLayer {
		inShape = inShape.clone();
		outShape = outShape.clone();
		sources = List.copyOf(sources);
	}

	@Override
	public int[] inShape() {
		return inShape.clone();
	}

	@Override
	public int[] outShape() {
		return outShape.clone();
	}

	public int inSize() {
		return size(inShape);
	}

	public int outSize() {
		return size(outShape);
	}

	/** The channels of its output (its first axis; the units of a vector). */
	public int outChannels() {
		return outShape[0];
	}

	public int inChannels() {
		return inShape[0];
	}

	public String weightKey() {
		return WeightKeys.weight(key);
	}

	public String biasKey() {
		return WeightKeys.bias(key);
	}

	/** Whether the layer has weights (dense and convolution layers). */
	public boolean hasWeights() {
		return kind instanceof LayerKind.Dense || kind instanceof LayerKind.Conv;
	}

	/** The layout of its weights in a weight store, or null when it has none. */
	public int[] weightShape() {
		return switch (kind) {
		case LayerKind.Dense d -> new int[] { inSize(), d.units() };
		case LayerKind.Conv c -> switch (c.type()) {
			case CONV2D -> new int[] { c.channels(), inChannels(), c.window().kh(), c.window().kw() };
			case CONV1D -> new int[] { c.channels(), inChannels(), c.window().kw() };
			case DEPTHWISE2D -> new int[] { c.channels(), 1, c.window().kh(), c.window().kw() };
		};
		default -> null;
		};
	}

	/** The layout of its bias ([output channels]), or null when it has no weights. */
	public int[] biasShape() {
		return hasWeights() ? new int[] { outChannels() } : null;
	}

	/** The name for messages: its label, or its kind and position ("layer 3 (dense)"). */
	public String describe() {
		return label != null ? "layer '" + label + "'" : "layer " + position + " (" + kind.written() + ")";
	}

	static int size(int[] shape) {
		int n = 1;
		for (int d : shape)
			n *= d;
		return n;
	}
}
