package org.volr.ann.snn;

import org.volr.model.Surrogate;

/**
 * The threshold's stand-in derivative in spiking training (SEMANTICS.md, "Training spiking networks"): the forward
 * pass fires by the Heaviside step H(u − θ), the backward pass takes h'(u − θ) of a smooth function h instead of
 * H's zero-or-infinite derivative. {@link #smooth} is h itself, which the gradient check puts in place of H.
 *
 * @param kind  fast sigmoid, h(x) = x / (1 + k|x|), h' = 1 / (1 + k|x|)² (snnTorch's fast_sigmoid, Zenke &amp; Ganguli);
 *              or arctan, h(x) = arctan(π k x / 2) / π, h' = (k / 2) / (1 + (π k x / 2)²) (snnTorch's atan)
 * @param slope k
 */
public record SurrogateGradient(Surrogate kind, float slope) {
	public SurrogateGradient {
		if (!(slope > 0) || !Float.isFinite(slope))
			throw new IllegalArgumentException("the surrogate's slope must be a positive number, got " + slope);
	}

	public float derivative(float x) {
		if (kind == Surrogate.ARCTAN) {
			float a = (float) (Math.PI / 2) * slope * x;
			return slope / 2 / (1 + a * a);
		}
		float d = 1 + slope * Math.abs(x);
		return 1 / (d * d);
	}

	public float smooth(float x) {
		if (kind == Surrogate.ARCTAN)
			return (float) (Math.atan(Math.PI / 2 * slope * x) / Math.PI);
		return x / (1 + slope * Math.abs(x));
	}
}
