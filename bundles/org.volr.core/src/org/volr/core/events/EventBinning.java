package org.volr.core.events;

import java.util.Arrays;

/**
 * Bins a recording into simulation steps: the inputs (channels-first [2, h, w] indices) that have at least one
 * event during each step, measured from the first event. Several events of one pixel within a step are one spike,
 * as a spiking input can fire once per step.
 */
public final class EventBinning {
	private EventBinning() {
	}

	public static int[][] spikesPerStep(EventStream events, double microsPerStep, int steps) {
		if (!(microsPerStep > 0))
			throw new IllegalArgumentException("microseconds per step must be positive, got " + microsPerStep);
		int inputs = 2 * events.width() * events.height();
		int[] lastStep = new int[inputs];
		Arrays.fill(lastStep, -1);
		int[] counts = new int[steps];
		int[] stepOf = new int[events.size()];
		long start = events.size() == 0 ? 0 : events.timeMicros()[0];
		for (int i = 0; i < events.size(); i++) {
			int step = (int) ((events.timeMicros()[i] - start) / microsPerStep);
			stepOf[i] = step;
			if (step < 0 || step >= steps)
				continue;
			int input = events.inputIndex(i);
			if (lastStep[input] != step) {
				lastStep[input] = step;
				counts[step]++;
			}
		}
		int[][] out = new int[steps][];
		for (int s = 0; s < steps; s++)
			out[s] = new int[counts[s]];
		Arrays.fill(lastStep, -1);
		int[] fill = new int[steps];
		for (int i = 0; i < events.size(); i++) {
			int step = stepOf[i];
			if (step < 0 || step >= steps)
				continue;
			int input = events.inputIndex(i);
			if (lastStep[input] != step) {
				lastStep[input] = step;
				out[step][fill[step]++] = input;
			}
		}
		return out;
	}
}
