package org.volr.sim;

/** The neuron update of SEMANTICS.md, for a whole population and one step. */
public final class NeuronDynamics {
	private NeuronDynamics() {
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

	/**
	 * Advances every neuron by one step.
	 *
	 * @param v          potentials, updated in place
	 * @param drive      input current of this step per neuron (already including the bias)
	 * @param consume    whether to zero {@code drive} afterwards (it accumulates the next step's spikes)
	 * @param refractory remaining refractory steps per neuron, or null when the neuron has none
	 * @param spikes     receives the indices of the neurons that spiked
	 * @return how many spiked
	 */
	public static int step(NeuronSpec neuron, float[] v, float[] drive, boolean consume, int[] refractory, int[] spikes) {
		return step(neuron, v, drive, consume, refractory, spikes, null);
	}

	/** {@link #step} with the membrane clipped to {@code clip} before the threshold test (null: no clip). */
	public static int step(NeuronSpec neuron, float[] v, float[] drive, boolean consume, int[] refractory, int[] spikes, InisimOptions.Clip clip) {
		float leak = neuron.leak(), rest = neuron.restPotential();
		boolean leaky = leak != 1f;
		int n = 0;
		for (int j = 0; j < v.length; j++) {
			float in = drive[j];
			if (consume)
				drive[j] = 0f;
			if (refractory != null && refractory[j] > 0) {
				refractory[j]--;
				continue;
			}
			float vj = leaky ? rest + (v[j] - rest) * leak + in : v[j] + in;
			n = fire(neuron, v, j, vj, refractory, spikes, n, clip);
		}
		return n;
	}

	/**
	 * One step of CubaLIF neurons (SEMANTICS.md, "Current-based synapses"): this step's spikes join the synaptic
	 * charge q, the membrane takes synapseGain·q of it plus currentGain·c of the constant drive c, then q decays.
	 *
	 * @param q        synaptic charge per neuron, updated in place
	 * @param arrivals spikes' weights summed for this step (zeroed afterwards)
	 * @param constant constant drive per step: the bias, or W·x + b for a first layer under constant input
	 */
	public static int stepCuba(NeuronSpec neuron, float[] v, float[] q, float[] arrivals, float[] constant, int[] refractory, int[] spikes) {
		return stepCuba(neuron, v, q, arrivals, constant, refractory, spikes, null);
	}

	/** {@link #stepCuba} with the membrane clipped to {@code clip} before the threshold test (null: no clip). */
	public static int stepCuba(NeuronSpec neuron, float[] v, float[] q, float[] arrivals, float[] constant, int[] refractory, int[] spikes,
			InisimOptions.Clip clip) {
		float leak = neuron.leak(), rest = neuron.restPotential();
		float decay = neuron.synapseDecay(), gain = neuron.synapseGain(), currentGain = neuron.currentGain();
		int n = 0;
		for (int j = 0; j < v.length; j++) {
			float qj = q[j] + arrivals[j];
			arrivals[j] = 0f;
			q[j] = qj * decay;
			if (refractory != null && refractory[j] > 0) {
				refractory[j]--;
				continue;
			}
			float vj = rest + (v[j] - rest) * leak + (qj * gain + constant[j] * currentGain);
			n = fire(neuron, v, j, vj, refractory, spikes, n, clip);
		}
		return n;
	}

	/**
	 * One step of CobaLIF neurons (SEMANTICS.md, "Conductance-based synapses"): this step's spikes open the
	 * excitatory and inhibitory conductances, the membrane moves by one implicit step of the conductances' current
	 * and the constant drive (as NEURON integrates PyNN's IF_cond_exp), then both conductances decay.
	 *
	 * @param ge        excitatory conductance per neuron (per step, in units of the leak), updated in place
	 * @param gi        inhibitory conductance per neuron, updated in place
	 * @param arrivalsE this step's excitatory spikes, already in conductance (zeroed afterwards)
	 * @param arrivalsI this step's inhibitory spikes, in conductance (zeroed afterwards)
	 * @param constant  constant drive per step: the bias, or W·x + b for a first layer under constant input
	 */
	public static int stepCoba(NeuronSpec neuron, float[] v, float[] ge, float[] gi, float[] arrivalsE, float[] arrivalsI, float[] constant,
			int[] refractory, int[] spikes) {
		return stepCoba(neuron, v, ge, gi, arrivalsE, arrivalsI, constant, refractory, spikes, null);
	}

	/** {@link #stepCoba} with the membrane clipped to {@code clip} before the threshold test (null: no clip). */
	public static int stepCoba(NeuronSpec neuron, float[] v, float[] ge, float[] gi, float[] arrivalsE, float[] arrivalsI, float[] constant,
			int[] refractory, int[] spikes, InisimOptions.Clip clip) {
		float leak = neuron.leak(), rest = neuron.restPotential(), decay = neuron.synapseDecay();
		float eE = neuron.conductance().excitatoryReversal(), eI = neuron.conductance().inhibitoryReversal();
		int n = 0;
		for (int j = 0; j < v.length; j++) {
			float gej = ge[j] + arrivalsE[j], gij = gi[j] + arrivalsI[j];
			arrivalsE[j] = 0f;
			arrivalsI[j] = 0f;
			ge[j] = gej * decay;
			gi[j] = gij * decay;
			if (refractory != null && refractory[j] > 0) {
				refractory[j]--;
				continue;
			}
			// backward Euler: (v + a·v_rest + g_e·E_e + g_i·E_i + c)/(1 + a + g_e + g_i) with 1 + a = 1/P22
			float vj = (leak * v[j] + (1f - leak) * rest + leak * (gej * eE + gij * eI + constant[j])) / (1f + leak * (gej + gij));
			n = fire(neuron, v, j, vj, refractory, spikes, n, clip);
		}
		return n;
	}

	/**
	 * The end of every neuron's step, whatever its input: the lower clamp v_min, the layer's clip, then threshold,
	 * reset and refractory period. Stores the potential of neuron j and, if it fires, its index in {@code spikes[n]};
	 * returns the new n.
	 */
	private static int fire(NeuronSpec neuron, float[] v, int j, float vj, int[] refractory, int[] spikes, int n, InisimOptions.Clip clip) {
		if (vj < neuron.minPotential())
			vj = neuron.minPotential();
		if (clip != null)
			vj = Math.min(Math.max(vj, clip.low()), clip.high());
		float threshold = neuron.threshold();
		if (vj >= threshold) {
			spikes[n++] = j;
			vj = switch (neuron.reset()) {
			case SUBTRACT -> vj - threshold;
			case ZERO -> neuron.resetPotential();
			case MODULO -> vj % threshold;
			};
			if (refractory != null)
				refractory[j] = neuron.refractorySteps();
		}
		v[j] = vj;
		return n;
	}
}
