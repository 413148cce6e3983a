package org.volr.gen.nir;

import org.volr.model.DiscretisationKind;

/**
 * The time step a NIR graph is read (and written) for. NIR stores continuous-time parameters in seconds and no time
 * step, so the input gain of a leaky node (how much of a spike reaches the membrane in one step) depends on the dt
 * and the discretisation the graph is run with (SEMANTICS.md, "Time in NIR graphs"): a spike is the value 1 during its
 * step, as snnTorch, Norse and Lava-dl feed it.
 *
 * @param dtSeconds      the step, in seconds (NIR's unit)
 * @param discretisation how the node's equations become a step: forward Euler (the tools above) or exact
 */
public record NirTime(double dtSeconds, DiscretisationKind discretisation) {
	/** The NIR paper's step (0.1 ms) with the source tools' forward Euler: what {@code volr import} assumes by default. */
	public static final NirTime PAPER = new NirTime(1e-4, DiscretisationKind.EULER);

	public NirTime {
		if (!(dtSeconds > 0) || !Double.isFinite(dtSeconds))
			throw new IllegalArgumentException("the time step must be a positive, finite number of seconds, got " + dtSeconds);
		if (discretisation == null)
			throw new IllegalArgumentException("a discretisation (euler or exact) is needed");
	}

	/** A run's step in ms (Volr's unit) and its discretisation (null: exact, the simulator's default). */
	public static NirTime ofMillis(double dtMillis, DiscretisationKind discretisation) {
		return new NirTime(dtMillis / 1000.0, discretisation == null ? DiscretisationKind.EXACT : discretisation);
	}

	public boolean euler() {
		return discretisation == DiscretisationKind.EULER;
	}

	/**
	 * The part of a step-long input that a leak of time constant tau (seconds) passes to the membrane in one step:
	 * τ·v̇ = −v + x with x held for dt adds x·dt/τ by forward Euler and x·(1 − e^(−dt/τ)) exactly.
	 */
	public double leakyStep(double tau) {
		return euler() ? dtSeconds / tau : -Math.expm1(-dtSeconds / tau);
	}

	/**
	 * The r that makes a leaky node's input gain 1 at this step (SEMANTICS.md, "Time in NIR graphs"): 1/(dt/τ) or
	 * 1/(1 − e^(−dt/τ)) for LIF and LI, τ_mem/dt for CubaLIF (with w_in = 1), so that what Volr writes reads back as the
	 * same weights. tau in seconds (a CubaLIF's tau_mem).
	 */
	public float unitGainR(NirNeuron.Kind kind, float tau) {
		return switch (kind) {
		case IF -> 1f;
		case LIF, LI -> (float) (1 / leakyStep(tau));
		case CUBA_LIF -> (float) (tau / dtSeconds);
		};
	}

	/** The step in ms, as the experiment's {@code simulate { dt .. }} writes it (12 digits: 1e-4 s is 0.1 ms, not 0.1000000000000000055). */
	public double dtMillis() {
		return new java.math.BigDecimal(dtSeconds * 1000.0).round(new java.math.MathContext(12)).doubleValue();
	}
}
