package org.volr.net;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A network after resolution, the one representation every consumer reads (ANN, conversion, simulator, code
 * generators, diagram): references written out, every layer with its shapes, weight key, geometry and sources, in
 * an order where every layer comes after the layers it reads. Built once from a .volr network by
 * {@link NetworkResolver}, or by an importer.
 *
 * @param output  what the network outputs: the last layer, or several layers side by side when it ends in branches
 * @param delayed the edges that carry spikes to a later step (a recurrent layer's edge onto itself); none in a
 *                feed-forward network
 */
public record ResolvedNetwork(String name, int[] inputShape, List<NetLayer> layers, List<Source> output, List<DelayedEdge> delayed) {
	public ResolvedNetwork {
		inputShape = inputShape.clone();
		layers = List.copyOf(layers);
		output = List.copyOf(output);
		delayed = List.copyOf(delayed);
		for (int i = 0; i < layers.size(); i++)
			if (layers.get(i).index() != i)
				throw new IllegalArgumentException("layer " + i + " is numbered " + layers.get(i).index());
		for (DelayedEdge e : delayed)
			if (e.from() < 0 || e.from() >= layers.size() || e.to() < 0 || e.to() >= layers.size())
				throw new IllegalArgumentException("delayed edge " + e + " names a layer the network does not have");
	}

	/** A feed-forward network. */
	public ResolvedNetwork(String name, int[] inputShape, List<NetLayer> layers, List<Source> output) {
		this(name, inputShape, layers, output, List.of());
	}

	/** The delayed edges into layer {@code index}. */
	public List<DelayedEdge> delayedInto(int index) {
		return delayed.stream().filter(e -> e.to() == index).toList();
	}

	/** The layout of a delayed edge's weights: [outputs of its source, outputs of its target]. */
	public int[] weightShape(DelayedEdge edge) {
		return new int[] { layers.get(edge.from()).outSize(), layers.get(edge.to()).outSize() };
	}

	/** The name of a delayed edge for messages: "recurrent layer 'lif1'", or the layers it joins. */
	public String describe(DelayedEdge edge) {
		NetLayer to = layers.get(edge.to());
		return edge.recurrent() ? "recurrent " + to.describe() : "the delayed edge from " + layers.get(edge.from()).describe() + " to " + to.describe();
	}

	/**
	 * For a consumer that computes feed-forward networks only: its refusal of the first delayed edge, "recurrent
	 * layer 'lif1': " followed by {@code why}, or null when the network has none.
	 */
	public String delayedEdgeRefusal(String why) {
		return delayed.isEmpty() ? null : describe(delayed.get(0)) + ": " + why;
	}

	@Override
	public int[] inputShape() {
		return inputShape.clone();
	}

	/** How many values one input sample has. */
	public int inputSize() {
		return NetLayer.size(inputShape);
	}

	public NetLayer layer(int index) {
		return layers.get(index);
	}

	/** The layers with weights, in order. */
	public List<NetLayer> weighted() {
		return layers.stream().filter(NetLayer::hasWeights).toList();
	}

	/** Whether every layer reads exactly the one before it (the first the input) and the last is the output. */
	public boolean isChain() {
		for (NetLayer l : layers)
			if (l.sources().size() != 1 || l.sources().get(0).layer() != l.index() - 1 || l.sources().get(0).offset() != 0)
				return false;
		return output.equals(List.of(new Source(layers.size() - 1, 0)));
	}

	/**
	 * What layer {@code index} reads, expressed in layers that {@code skipped} does not hold: a skipped layer must
	 * hand its input on in the same order ({@link LayerKind#passesValuesOn()}), and is replaced by its own sources
	 * (their offsets shifted by its offset), recursively. The simulator reads a network this way without its
	 * flatten, reshape, identity and activation layers.
	 */
	public List<Source> sourcesWithout(int index, Predicate<NetLayer> skipped) {
		return expand(layers.get(index).sources(), skipped);
	}

	/** {@link #output()} expressed as {@link #sourcesWithout} does. */
	public List<Source> outputWithout(Predicate<NetLayer> skipped) {
		return expand(output, skipped);
	}

	private List<Source> expand(List<Source> sources, Predicate<NetLayer> skipped) {
		List<Source> out = new ArrayList<>();
		for (Source s : sources) {
			if (s.isInput() || !skipped.test(layers.get(s.layer()))) {
				out.add(s);
				continue;
			}
			for (Source inner : expand(layers.get(s.layer()).sources(), skipped))
				out.add(new Source(inner.layer(), inner.offset() + s.offset()));
		}
		return out;
	}
}
