package org.volr.ann;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Steps one after another (a sequence or block). */
final class ChainStep implements Step {
	private final List<Step> steps;

	ChainStep(List<Step> steps) {
		this.steps = List.copyOf(steps);
	}

	@Override
	public INDArray apply(INDArray x, Recorder recorder) {
		INDArray cur = x;
		for (Step step : steps)
			cur = step.apply(cur, recorder);
		return cur;
	}
}
