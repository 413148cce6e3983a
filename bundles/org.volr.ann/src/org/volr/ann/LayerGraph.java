package org.volr.ann;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.volr.net.NetLayer;
import org.volr.net.ResolvedNetwork;
import org.volr.net.Source;

/**
 * A compiled network: one {@link Step} per layer, run in the network's order, each on its input put together from
 * the outputs it reads ({@link InputPlan}). Immutable, so it may run on several threads at once.
 */
final class LayerGraph {
	private final List<Step> steps;
	private final List<InputPlan> inputs;
	private final InputPlan output;
	/** Per layer: whether it continues the chain of the layer before it (reads it alone, and nothing else reads it). */
	private final boolean[] continuesChain;

	LayerGraph(ResolvedNetwork network, List<Step> steps) {
		this.steps = List.copyOf(steps);
		this.inputs = network.layers().stream().map(l -> InputPlan.of(l, network)).toList();
		this.output = InputPlan.ofOutput(network);
		int[] readers = new int[network.layers().size()];
		for (NetLayer l : network.layers())
			count(l.sources(), readers);
		count(network.output(), readers);
		this.continuesChain = new boolean[readers.length];
		for (NetLayer l : network.layers())
			continuesChain[l.index()] = l.index() > 0 && l.sources().equals(List.of(new Source(l.index() - 1, 0)))
					&& readers[l.index() - 1] == 1;
	}

	private static void count(List<Source> sources, int[] readers) {
		for (Source s : sources)
			if (!s.isInput())
				readers[s.layer()]++;
	}

	/** The shape the network outputs per sample. */
	int[] outputShape() {
		return output.shape();
	}

	/** Maps a batch [n, ...inputShape] to the network's output [n, ...outputShape]. */
	INDArray apply(INDArray x, Recorder recorder) {
		INDArray[] outs = new INDArray[steps.size()];
		for (int i = 0; i < outs.length; i++) {
			// a branch or a join ends what a weighted layer passes on to the activation layers after it
			if (recorder != null && !continuesChain[i])
				recorder.close();
			outs[i] = steps.get(i).apply(assemble(inputs.get(i), x, outs), recorder);
		}
		return assemble(output, x, outs);
	}

	/**
	 * Parallel branches are concatenated on axis 1 (the channels of a feature map, the values of a vector), added
	 * branches summed left to right into a copy of the first: the operations the branches were always computed with.
	 */
	private static INDArray assemble(InputPlan plan, INDArray x, INDArray[] outs) {
		List<Source> sources = plan.sources();
		if (plan.single())
			return value(sources.get(0), x, outs);
		INDArray[] parts = new INDArray[plan.segments().size()];
		for (int p = 0; p < parts.length; p++) {
			InputPlan.Segment segment = plan.segments().get(p);
			INDArray sum = null;
			for (int i : segment.sources()) {
				INDArray term = plan.sliced() ? slice(plan, i, segment, value(sources.get(i), x, outs)) : value(sources.get(i), x, outs);
				if (sum == null)
					sum = segment.sources().size() == 1 ? term : term.dup();
				else
					sum.addi(term);
			}
			parts[p] = sum;
		}
		INDArray joined = parts.length == 1 ? parts[0] : Nd4j.concat(1, parts);
		if (!plan.sliced())
			return joined;
		int[] shape = plan.shape();
		long[] batch = new long[shape.length + 1];
		batch[0] = x.size(0);
		for (int d = 0; d < shape.length; d++)
			batch[d + 1] = shape[d];
		return joined.reshape('c', batch);
	}

	private static INDArray value(Source s, INDArray x, INDArray[] outs) {
		return s.isInput() ? x : outs[s.layer()];
	}

	/** The segment's part of source i, as [n, segment length] in flat channels-first order. */
	private static INDArray slice(InputPlan plan, int i, InputPlan.Segment segment, INDArray value) {
		int start = plan.sources().get(i).offset();
		INDArray flat = value.dup('c').reshape('c', value.size(0), plan.size(i));
		return flat.get(NDArrayIndex.all(), NDArrayIndex.interval(segment.from() - start, segment.to() - start)).dup('c');
	}
}
