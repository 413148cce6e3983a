package org.volr.gen.nir;

/**
 * The neuron written behind every dense, convolution and average-pooling layer (NIR's {@code IF} or {@code LIF}
 * node), in NIR's terms: {@code r} scales the input current, {@code tau} (seconds) and {@code vLeak} only matter for
 * LIF. Volr's IF neuron (SEMANTICS.md) is {@code IF(r = 1, v_threshold = threshold)}. NIR's reset is not written
 * ({@code v_reset} is optional and defaults to 0); Volr's subtractive reset is not expressible in NIR.
 */
public record NirNeuron(Kind kind, float threshold, float r, float tau, float vLeak) {
	public enum Kind {
		IF, LIF
	}

	public NirNeuron {
		if (kind == null)
			throw new IllegalArgumentException("a neuron needs a kind (IF or LIF)");
		if (!(threshold > 0) || !Float.isFinite(threshold))
			throw new IllegalArgumentException("the threshold must be positive and finite, got " + threshold);
		if (kind == Kind.LIF && !(tau > 0))
			throw new IllegalArgumentException("a LIF neuron needs a positive tau (seconds), got " + tau);
	}

	/** Volr's default neuron: IF, threshold 1, r 1. */
	public static NirNeuron defaultIF() {
		return ifNeuron(1f);
	}

	public static NirNeuron ifNeuron(float threshold) {
		return new NirNeuron(Kind.IF, threshold, 1f, 0f, 0f);
	}

	/** tauSeconds: the membrane time constant in seconds (NIR files use SI seconds). */
	public static NirNeuron lif(float tauSeconds, float threshold, float vLeak) {
		return new NirNeuron(Kind.LIF, threshold, 1f, tauSeconds, vLeak);
	}
}
