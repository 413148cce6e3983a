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
 * @param output what the network outputs: the last layer, or several layers side by side when it ends in branches
 */
public record ResolvedNetwork(String name, int[] inputShape, List<NetLayer> layers, List<Source> output) {
	public ResolvedNetwork {
		inputShape = inputShape.clone();
		layers = List.copyOf(layers);
		output = List.copyOf(output);
		for (int i = 0; i < layers.size(); i++)
			if (layers.get(i).index() != i)
				throw new IllegalArgumentException("layer " + i + " is numbered " + layers.get(i).index());
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
