package org.volr.ann.snn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Shares a batch's samples out to the cores in contiguous ranges: the trainer's per-neuron loops over time are
 * independent from sample to sample, and each range writes only its own samples' entries, so the result is the same
 * whatever the number of threads.
 */
final class Samples {
	private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
	/** Below this many samples per range the hand-over costs more than it saves. */
	private static final int MIN_SAMPLES = 8;

	private Samples() {
	}

	interface Range {
		void run(int from, int to);
	}

	static void inParallel(int n, Range range) {
		int parts = Math.min(THREADS, Math.max(1, n / MIN_SAMPLES));
		if (parts == 1) {
			range.run(0, n);
			return;
		}
		List<ForkJoinTask<?>> tasks = new ArrayList<>();
		for (int p = 1; p < parts; p++) {
			int from = (int) ((long) n * p / parts), to = (int) ((long) n * (p + 1) / parts);
			tasks.add(ForkJoinPool.commonPool().submit(() -> range.run(from, to)));
		}
		range.run(0, (int) ((long) n / parts));
		for (ForkJoinTask<?> t : tasks)
			t.join();
	}
}
