package org.volr.net.neuron;

import java.util.Arrays;

/**
 * CobaLIF neurons (SEMANTICS.md, "Conductance-based synapses"): this step's spikes open the excitatory and
 * inhibitory conductances, the membrane moves by one implicit step of the conductances' current and the constant
 * drive (as NEURON integrates PyNN's IF_cond_exp), then both conductances decay. Excitatory spikes arrive in
 * {@link #arrivals()}, inhibitory ones in {@link #inhibitoryArrivals()}, both already in conductance.
 */
public final class CobaPopulation extends Population {
	/** Excitatory and inhibitory conductance per neuron (per step, in units of the leak); inhibitory arrivals. */
	private final float[] ge, gi, arrivalsI;
	private final float leak, rest, decay, eE, eI;

	public CobaPopulation(Discretisation d, int size) {
		super(size, d.refractorySteps());
		if (d.conductance() == null)
			throw new IllegalArgumentException("conductance-based neurons need their conductances");
		ge = new float[size];
		gi = new float[size];
		arrivalsI = new float[size];
		leak = d.leak();
		rest = d.restPotential();
		decay = d.synapseDecay();
		eE = d.conductance().excitatoryReversal();
		eI = d.conductance().inhibitoryReversal();
	}

	@Override
	public float[] inhibitoryArrivals() {
		return arrivalsI;
	}

	@Override
	public int step(float[] constant, boolean spikesCame, Firing firing, int[] spikes) {
		float[] v = potential, ge = this.ge, gi = this.gi, arrivalsE = arrivals, arrivalsI = this.arrivalsI;
		int[] refr = refractory;
		float leak = this.leak, rest = this.rest, decay = this.decay, eE = this.eE, eI = this.eI;
		int n = 0;
		for (int j = 0; j < v.length; j++) {
			float gej = ge[j] + arrivalsE[j], gij = gi[j] + arrivalsI[j];
			arrivalsE[j] = 0f;
			arrivalsI[j] = 0f;
			ge[j] = gej * decay;
			gi[j] = gij * decay;
			if (refr != null && refr[j] > 0) {
				refr[j]--;
				continue;
			}
			// backward Euler: (v + a·v_rest + g_e·E_e + g_i·E_i + c)/(1 + a + g_e + g_i) with 1 + a = 1/P22
			float vj = (leak * v[j] + (1f - leak) * rest + leak * (gej * eE + gij * eI + constant[j])) / (1f + leak * (gej + gij));
			n = firing.fire(v, j, vj, refr, spikes, n);
		}
		return n;
	}

	/** Each neuron's excitatory conductance (for tests and probes). */
	public float[] excitatory() {
		return ge;
	}

	/** Each neuron's inhibitory conductance (for tests and probes). */
	public float[] inhibitory() {
		return gi;
	}

	@Override
	public void reset() {
		super.reset();
		Arrays.fill(ge, 0f);
		Arrays.fill(gi, 0f);
		Arrays.fill(arrivalsI, 0f);
	}
}
