package org.volr.net.neuron;

/**
 * IF and LIF neurons: input arrives as a jump of the membrane, v ← v_rest + (v − v_rest)·leak + input (a leak of 1,
 * IF, is v + input, computed as such so that the sums are those of SEMANTICS.md).
 */
public final class JumpPopulation extends Population {
	private final float leak, rest;

	public JumpPopulation(Discretisation d, int size) {
		super(size, d.refractorySteps());
		leak = d.leak();
		rest = d.restPotential();
	}

	@Override
	public int step(float[] constant, boolean spikesCame, Firing firing, int[] spikes) {
		float[] v = potential;
		int[] refr = refractory;
		float leak = this.leak, rest = this.rest;
		boolean leaky = leak != 1f;
		int n = 0;
		for (int j = 0; j < v.length; j++) {
			float in = takeInput(constant, spikesCame, j);
			if (refr != null && refr[j] > 0) {
				refr[j]--;
				continue;
			}
			float vj = leaky ? rest + (v[j] - rest) * leak + in : v[j] + in;
			n = firing.fire(v, j, vj, refr, spikes, n);
		}
		return n;
	}

	/** Whether the membrane leaks (the simulator's fast path is for IF neurons only). */
	public boolean leaks() {
		return leak != 1f;
	}
}
