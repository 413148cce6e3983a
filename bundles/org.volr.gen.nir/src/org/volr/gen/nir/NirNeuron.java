package org.volr.gen.nir;

/**
 * The neuron written behind every dense, convolution and average-pooling layer (NIR's {@code IF}, {@code LIF},
 * {@code CubaLIF} or {@code LI} node), in NIR's terms: {@code r} scales the input current, {@code tau} (seconds) and
 * {@code vLeak} only matter for LIF, LI and CubaLIF, {@code tauSyn} (seconds) and {@code vReset} only for CubaLIF
 * (written with w_in = 1). For IF and LIF, NIR's reset is not written ({@code v_reset} is optional and defaults to 0),
 * so {@code vReset} stays 0; Volr's subtractive reset is not expressible in NIR.
 * <p>
 * What r must be for a node to be Volr's neuron depends on the time step (SEMANTICS.md, "Time in NIR graphs"):
 * {@link NirTarget#neuron(org.volr.gen.RunSettings.Neuron, NirTime)} writes the r of the run's step. The neurons
 * {@link NirReader} gives ({@link #lif}, {@link #li}, {@link #cubaLif}) have their input gains folded into the weights
 * and name the neuron by its time constants: r = 1, or r = τ_mem for CubaLIF (a spike's weight reaching the
 * membrane in full when its charge arrives at once).
 */
public record NirNeuron(Kind kind, float threshold, float r, float tau, float vLeak, float tauSyn, float vReset) {
	public enum Kind {
		IF("IF"), LIF("LIF"), CUBA_LIF("CubaLIF"),
		/** the leaky integrator: a LIF membrane without a threshold (it never fires; its membrane is read out) */
		LI("LI");

		private final String nirType;

		Kind(String nirType) {
			this.nirType = nirType;
		}

		/** The node's {@code type} in a NIR file. */
		public String nirType() {
			return nirType;
		}
	}

	public NirNeuron {
		if (kind == null)
			throw new IllegalArgumentException("a neuron needs a kind (IF, LIF or CubaLIF)");
		if (kind != Kind.LI && (!(threshold > 0) || !Float.isFinite(threshold)))
			throw new IllegalArgumentException("the threshold must be positive and finite, got " + threshold);
		if (kind != Kind.IF && !(tau > 0 && Float.isFinite(tau)))
			throw new IllegalArgumentException("a " + kind.nirType() + " neuron needs a positive, finite tau (seconds), got " + tau);
		if (!Float.isFinite(vLeak) || !Float.isFinite(vReset))
			throw new IllegalArgumentException("v_leak and v_reset must be finite, got " + vLeak + " and " + vReset);
		if (kind == Kind.CUBA_LIF) {
			if (!(tauSyn > 0 && Float.isFinite(tauSyn)))
				throw new IllegalArgumentException("a CubaLIF neuron needs a positive, finite tau_syn (seconds), got " + tauSyn);
			if (!(r > 0) || !Float.isFinite(r))
				throw new IllegalArgumentException("a CubaLIF neuron needs a positive, finite r, got " + r);
		} else if (tauSyn != 0f || vReset != 0f)
			throw new IllegalArgumentException("tau_syn and v_reset are carried for CubaLIF neurons only, got " + tauSyn + " and " + vReset
					+ " for " + kind.nirType());
	}

	/** Volr's default neuron: IF, threshold 1, r 1. */
	public static NirNeuron defaultIF() {
		return ifNeuron(1f);
	}

	public static NirNeuron ifNeuron(float threshold) {
		return new NirNeuron(Kind.IF, threshold, 1f, 0f, 0f, 0f, 0f);
	}

	/** tauSeconds: the membrane time constant in seconds (NIR files use SI seconds). */
	public static NirNeuron lif(float tauSeconds, float threshold, float vLeak) {
		return new NirNeuron(Kind.LIF, threshold, 1f, tauSeconds, vLeak, 0f, 0f);
	}

	/** The leaky integrator (NIR's LI with r = 1): a LIF membrane that never fires; tauSeconds in seconds. */
	public static NirNeuron li(float tauSeconds, float vLeak) {
		return new NirNeuron(Kind.LI, 0f, 1f, tauSeconds, vLeak, 0f, 0f);
	}

	/**
	 * Volr's CubaLIF neuron as the reader gives it: r = tauMemSeconds, see the class comment.
	 *
	 * @param vLeak  Volr's resting potential
	 * @param vReset Volr's reset potential
	 */
	public static NirNeuron cubaLif(float tauMemSeconds, float tauSynSeconds, float threshold, float vLeak, float vReset) {
		return new NirNeuron(Kind.CUBA_LIF, threshold, tauMemSeconds, tauMemSeconds, vLeak, tauSynSeconds, vReset);
	}
}
