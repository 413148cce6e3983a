package org.volr.ann;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.volr.net.NetLayer;
import org.volr.net.ResolvedNetwork;
import org.volr.net.Source;

/**
 * How a layer's input (or the network's output) is put together from its sources: the input, in channels-first
 * flat order, is cut into segments at every source's start and end; each segment is the sum, in source order, of
 * the sources that cover it, and the segments follow one another. Parallel branches give one segment per branch
 * (a concatenation on the channel axis), added branches one segment with several sources (a sum), so the engines
 * compute them with the same operations as the branches were written.
 */
final class InputPlan {
	/** A part of the input, [from, to) in flat order, and the sources (indices into the plan's sources) adding up to it. */
	record Segment(int from, int to, List<Integer> sources) {
	}

	private final List<Source> sources;
	private final int[][] shapes;
	private final List<Segment> segments = new ArrayList<>();
	private final boolean sliced;

	private InputPlan(List<Source> sources, ResolvedNetwork network) {
		this.sources = sources;
		this.shapes = new int[sources.size()][];
		TreeSet<Integer> cuts = new TreeSet<>();
		for (int i = 0; i < sources.size(); i++) {
			Source s = sources.get(i);
			shapes[i] = s.isInput() ? network.inputShape() : network.layer(s.layer()).outShape();
			cuts.add(s.offset());
			cuts.add(s.offset() + size(i));
		}
		boolean anySliced = false;
		int from = cuts.first();
		for (int to : cuts.tailSet(from, false)) {
			List<Integer> covering = new ArrayList<>();
			for (int i = 0; i < sources.size(); i++) {
				int start = sources.get(i).offset();
				if (start <= from && to <= start + size(i)) {
					covering.add(i);
					anySliced |= start != from || start + size(i) != to;
				}
			}
			if (covering.isEmpty())
				throw new AnnException("no layer provides values " + from + " to " + to + " of a layer's input");
			segments.add(new Segment(from, to, List.copyOf(covering)));
			from = to;
		}
		this.sliced = anySliced;
	}

	static InputPlan of(NetLayer layer, ResolvedNetwork network) {
		return new InputPlan(layer.sources(), network);
	}

	static InputPlan ofOutput(ResolvedNetwork network) {
		return new InputPlan(network.output(), network);
	}

	List<Source> sources() {
		return sources;
	}

	List<Segment> segments() {
		return segments;
	}

	/** Whether it reads one source, whole, as it is. */
	boolean single() {
		return sources.size() == 1 && sources.get(0).offset() == 0;
	}

	/**
	 * Whether some source covers more than one segment (branches added to parallel branches of other sizes): then
	 * the sources are cut in flat order rather than concatenated and added whole.
	 */
	boolean sliced() {
		return sliced;
	}

	/** The shape of source i's output. */
	int[] shape(int i) {
		return shapes[i].clone();
	}

	int size(int i) {
		int n = 1;
		for (int d : shapes[i])
			n *= d;
		return n;
	}

	/** The size of the assembled value. */
	int size() {
		return segments.get(segments.size() - 1).to() - segments.get(0).from();
	}

	/**
	 * The shape of the assembled value: the first source's, with as many channels as make up its size (so parallel
	 * feature maps add their channels, parallel vectors their lengths).
	 */
	int[] shape() {
		int[] shape = shape(0);
		shape[0] = size() / (size(0) / shape[0]);
		return shape;
	}
}
