package org.volr.gen;

import org.volr.sim.plan.LayerPlan;

/**
 * The synapses of one layer as lists (pre, post, weight), read off the simulator's own layer plan by sending one
 * spike from every input: so a generated convolution or pooling layer connects exactly what Volr simulates
 * (padding, stride, dilation, depthwise, average pooling's 1/n), with no second implementation to drift apart.
 */
public record Connections(int[] pre, int[] post, float[] weight) {

	public int size() {
		return pre.length;
	}

	public static Connections of(LayerPlan plan) {
		if (!plan.hasNeurons())
			throw new IllegalArgumentException("layer '" + plan.label() + "' routes spikes and has no synapses");
		float[] probe = new float[plan.outSize()];
		int n = 0;
		int[] pre = new int[1024], post = new int[1024];
		float[] w = new float[1024];
		for (int i = 0; i < plan.inSize(); i++) {
			java.util.Arrays.fill(probe, 0f);
			plan.deliver(i, probe);
			for (int o = 0; o < probe.length; o++)
				if (probe[o] != 0f) {
					if (n == pre.length) {
						pre = java.util.Arrays.copyOf(pre, n * 2);
						post = java.util.Arrays.copyOf(post, n * 2);
						w = java.util.Arrays.copyOf(w, n * 2);
					}
					pre[n] = i;
					post[n] = o;
					w[n++] = probe[o];
				}
		}
		return new Connections(java.util.Arrays.copyOf(pre, n), java.util.Arrays.copyOf(post, n), java.util.Arrays.copyOf(w, n));
	}
}
