package org.volr.sim;

import java.util.Arrays;

import org.volr.sim.plan.MaxPoolPlan;

/**
 * Spiking max pooling: routes each input spike to the outputs whose window it currently wins (see
 * {@link MaxPoolPlan#route}), each output at most once per step; a spike passes on with its payload.
 */
final class MaxPoolLayer extends LayerState {
	private final MaxPoolPlan pool;
	/** Spikes per input so far, each output's winning input, and the step (+1) an output last fired. */
	private final int[] counts, winner, lastStep;
	private final int[] routed = new int[1024];

	MaxPoolLayer(MaxPoolPlan plan, boolean payloads, boolean readsOnlyInput) {
		super(plan, payloads, null, readsOnlyInput);
		pool = plan;
		counts = new int[plan.inSize()];
		winner = new int[plan.outSize()];
		lastStep = new int[plan.outSize()];
	}

	@Override
	int step(int t, int[] events, int eventCount, float[] eventPayloads, boolean fromCurrent) {
		int[] out = spikes, last = lastStep;
		int n = 0;
		for (int e = 0; e < eventCount; e++) {
			int k = pool.route(events[e], counts, winner, routed);
			for (int i = 0; i < k; i++) {
				int o = routed[i];
				if (last[o] != t + 1) {
					last[o] = t + 1;
					if (payloads != null)
						payloads[n] = eventPayloads[e];
					out[n++] = o;
				}
			}
		}
		return count = n;
	}

	@Override
	void reset() {
		count = 0;
		Arrays.fill(counts, 0);
		Arrays.fill(winner, -1);
		Arrays.fill(lastStep, 0);
	}
}
