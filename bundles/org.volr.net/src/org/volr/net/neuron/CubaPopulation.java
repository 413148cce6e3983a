package org.volr.net.neuron;

import java.util.Arrays;

/**
 * CubaLIF neurons (SEMANTICS.md, "Current-based synapses"): this step's spikes join the synaptic charge q, the
 * membrane takes synapseGain·q of it plus currentGain·c of the constant drive c, then q decays.
 */
public final class CubaPopulation extends Population {
	/** The synaptic charge still on its way to each membrane. */
	private final float[] charge;
	private final float leak, rest, decay, gain, currentGain;

	public CubaPopulation(Discretisation d, int size) {
		super(size, d.refractorySteps());
		charge = new float[size];
		leak = d.leak();
		rest = d.restPotential();
		decay = d.synapseDecay();
		gain = d.synapseGain();
		currentGain = d.currentGain();
	}

	/** The charge is read whether or not spikes came: none came is arrivals of 0. */
	@Override
	public int step(float[] constant, boolean spikesCame, Firing firing, int[] spikes) {
		float[] v = potential, q = charge, arrivals = this.arrivals;
		int[] refr = refractory;
		float leak = this.leak, rest = this.rest, decay = this.decay, gain = this.gain, currentGain = this.currentGain;
		int n = 0;
		if (refr == null) {
			// without a refractory period every membrane moves the same way: one pass the JIT vectorises, then the
			// firing rule over the new potentials (the same operations on each neuron as the loop below)
			for (int j = 0; j < v.length; j++) {
				float qj = q[j] + arrivals[j];
				arrivals[j] = 0f;
				q[j] = qj * decay;
				v[j] = rest + (v[j] - rest) * leak + (qj * gain + constant[j] * currentGain);
			}
			for (int j = 0; j < v.length; j++)
				n = firing.fire(v, j, v[j], null, spikes, n);
			return n;
		}
		for (int j = 0; j < v.length; j++) {
			float qj = q[j] + arrivals[j];
			arrivals[j] = 0f;
			q[j] = qj * decay;
			if (refr != null && refr[j] > 0) {
				refr[j]--;
				continue;
			}
			float vj = rest + (v[j] - rest) * leak + (qj * gain + constant[j] * currentGain);
			n = firing.fire(v, j, vj, refr, spikes, n);
		}
		return n;
	}

	/** Each neuron's synaptic charge (for tests and probes). */
	public float[] charge() {
		return charge;
	}

	@Override
	public void reset() {
		super.reset();
		Arrays.fill(charge, 0f);
	}
}
