package org.volr.ann;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.controlflow.compat.StopGradient;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The quantisation-clip-floor-shift activation of Bu et al. (ICLR 2022), â = λ/L · clip(⌊z·L/λ + ½⌋, 0, L): the
 * average output of an integrate-and-fire neuron with threshold λ over L steps when its membrane starts at λ/2
 * (SEMANTICS.md, "QCFS activation"). Computed as λ · ⌊clip(z·(1/λ), 0, 1)·L + ½⌋ / L, the same function (for z/λ
 * in [0, 1] the floor lies in 0..L; outside, the clip gives 0 or L), in the order the authors' code computes it, so
 * that the straight-through gradient below is theirs. The ANN and the training graph compute it with the same float
 * operations in the same order. (z·(1/λ) rather than z/λ: nd4j 1.0.0-M2.1's gradient of a division by a broadcast
 * scalar ignores the incoming gradient's values, which the clip zeroes outside (0, λ); its multiplication is right.)
 *
 * @param lambda the clip value λ, positive: the largest output and the spiking layer's threshold scale
 * @param levels L, the number of quantisation steps of [0, λ], positive
 */
public record Qcfs(float lambda, int levels) {
	public Qcfs {
		if (!(lambda > 0) || Float.isInfinite(lambda))
			throw new AnnException("a qcfs clip λ must be positive and finite, got " + lambda);
		if (levels <= 0)
			throw new AnnException("qcfs needs a positive number of levels, got " + levels);
	}

	/** â for every value of z; z is not changed. */
	public INDArray apply(INDArray z) {
		INDArray x = Transforms.min(Transforms.max(z.mul(1f / lambda), 0, false), 1, false);
		INDArray q = Transforms.floor(x.muli(levels).addi(0.5f), false);
		return q.divi(levels).muli(lambda);
	}

	/**
	 * â in a SameDiff graph, with λ a trainable scalar. The floor passes its gradient on unchanged (straight-through:
	 * ⌊u⌋ is computed as u + stop_gradient(⌊u⌋ − u)), and the clip passes it only strictly inside (0, 1). So
	 * ∂â/∂z = 1 for 0 &lt; z &lt; λ and 0 outside; ∂â/∂λ = (â − z)/λ for 0 &lt; z &lt; λ, 1 for z &gt; λ, 0 for z &lt; 0:
	 * the gradients of the authors' code (its GradFloor).
	 */
	public static SDVariable graph(SameDiff sd, SDVariable z, SDVariable lambda, int levels) {
		SDVariable x = sd.math().clipByValue(z.mul(sd.math().reciprocal(lambda)), 0, 1);
		SDVariable u = x.mul(levels).add(0.5);
		SDVariable floorOffset = new StopGradient(sd, sd.math().floor(u).sub(u)).outputVariable();
		return u.add(floorOffset).div(levels).mul(lambda);
	}
}
