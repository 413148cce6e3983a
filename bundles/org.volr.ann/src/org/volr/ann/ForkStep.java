package org.volr.ann;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Branches that read the same input; their outputs are concatenated on axis 1 (the channels of a feature map, the
 * values of a vector) for parallel composition, or added element-wise for '+'.
 */
final class ForkStep implements Step {
	private final List<Step> branches;
	private final boolean add;

	ForkStep(List<Step> branches, boolean add) {
		this.branches = List.copyOf(branches);
		this.add = add;
	}

	@Override
	public INDArray apply(INDArray x, Recorder recorder) {
		INDArray[] outs = new INDArray[branches.size()];
		for (int i = 0; i < outs.length; i++) {
			if (recorder != null)
				recorder.close();
			outs[i] = branches.get(i).apply(x, recorder);
		}
		if (recorder != null)
			recorder.close();
		if (!add)
			return Nd4j.concat(1, outs);
		INDArray sum = outs[0].dup();
		for (int i = 1; i < outs.length; i++)
			sum.addi(outs[i]);
		return sum;
	}
}
