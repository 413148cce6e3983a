package org.volr.net.neuron;

/**
 * LI neurons: v ← v_rest + (v − v_rest)·leak + input, then v_min and the layer's clip, and never a spike (the firing
 * rule is asked against a threshold of +∞, so the clamp and clip stay those of every model).
 */
public final class LeakyIntegrators extends Population {
	private final float leak, rest;

	public LeakyIntegrators(Discretisation d, int size) {
		super(size, 0);
		leak = d.leak();
		rest = d.restPotential();
	}

	@Override
	public int step(float[] constant, boolean spikesCame, Firing firing, int[] spikes) {
		float[] v = potential;
		float leak = this.leak, rest = this.rest;
		for (int j = 0; j < v.length; j++) {
			float in = takeInput(constant, spikesCame, j);
			firing.fire(v, j, rest + (v[j] - rest) * leak + in, Float.POSITIVE_INFINITY, null, spikes, 0);
		}
		return 0;
	}
}
