package org.volr.net.neuron;

import org.volr.model.ResetMode;

/**
 * The end of every neuron's step, whatever its model (SEMANTICS.md): the lower clamp v_min, the layer's membrane clip
 * (SNN Toolbox), then threshold, reset and refractory period. Every population's loop ends in {@link #fire}, so a
 * model only says how its membrane moves. A record rather than loose numbers so that the simulator can give one
 * layer at one step another threshold (adaptive threshold) or reset (spikes with payloads).
 *
 * @param clipLow  the clip's lower bound, −∞ without a clip
 * @param clipHigh the clip's upper bound, +∞ without a clip
 */
public record Firing(float threshold, ResetMode reset, float resetPotential, int refractorySteps, float minPotential, float clipLow,
		float clipHigh) {

	/** A model's firing as discretised, with that reset and no clip. */
	public static Firing of(Discretisation d, ResetMode reset) {
		return new Firing(d.threshold(), reset, d.resetPotential(), d.refractorySteps(), d.minPotential(), Float.NEGATIVE_INFINITY,
				Float.POSITIVE_INFINITY);
	}

	public Firing withThreshold(float theta) {
		return new Firing(theta, reset, resetPotential, refractorySteps, minPotential, clipLow, clipHigh);
	}

	public Firing withReset(ResetMode mode) {
		return new Firing(threshold, mode, resetPotential, refractorySteps, minPotential, clipLow, clipHigh);
	}

	/** Membrane potentials outside [low, high] are set to the nearer bound before the threshold test. */
	public Firing withClip(float low, float high) {
		return new Firing(threshold, reset, resetPotential, refractorySteps, minPotential, low, high);
	}

	/** Whether the membrane is clipped (the loop tests this once per call, not per neuron, when it is hoisted). */
	public boolean clips() {
		return clipLow != Float.NEGATIVE_INFINITY || clipHigh != Float.POSITIVE_INFINITY;
	}

	/**
	 * Stores neuron j's new potential {@code vj} after clamp, clip, threshold test and reset, and, if it fires, its
	 * index in {@code spikes[n]}; returns the new n. {@code refractory} may be null (no refractory period).
	 */
	public int fire(float[] v, int j, float vj, int[] refractory, int[] spikes, int n) {
		return fire(v, j, vj, threshold, refractory, spikes, n);
	}

	/** {@link #fire} against a threshold of the neuron's own (for a model whose threshold is per-neuron state). */
	public int fire(float[] v, int j, float vj, float threshold, int[] refractory, int[] spikes, int n) {
		if (vj < minPotential)
			vj = minPotential;
		if (clips())
			vj = Math.min(Math.max(vj, clipLow), clipHigh);
		if (vj >= threshold) {
			spikes[n++] = j;
			vj = switch (reset) {
			case SUBTRACT -> vj - threshold;
			case ZERO -> resetPotential;
			case MODULO -> vj % threshold;
			};
			if (refractory != null)
				refractory[j] = refractorySteps;
		}
		v[j] = vj;
		return n;
	}

	/**
	 * 1 when v ≥ θ, else 0 (also for a NaN potential), computed without a comparison so that a loop over a layer has
	 * no branch and the JIT vectorises it: v − θ is negative exactly when v < θ (a difference of finite floats rounds
	 * to zero only when they are equal), and scaled by 2^254 it is at least 1 in size unless zero, so min(1, max(0,
	 * scaled + 1)) is 0 or 1. θ must be positive and finite.
	 */
	public static float fired(float v, float threshold) {
		return Math.min(1f, Math.max(0f, (v - threshold) * 0x1p127f * 0x1p127f + 1f));
	}
}
