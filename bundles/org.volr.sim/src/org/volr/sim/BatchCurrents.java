package org.volr.sim;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The constant input currents (W·x + b of every layer reading the input alone) of one batch, computed chunk by chunk
 * by the simulating threads themselves, a chunk or two ahead of the samples they simulate. Computed by one reader
 * thread instead, the product was the bottleneck at few steps: the MLP's x·W₁ is 392,000 multiply-adds per image,
 * while its simulation at T = 3 costs about 10 µs of CPU per image (bench/README.md, "Headline"); now it runs on
 * every core, in turns with the simulation.
 * <p>
 * Every chunk is one nd4j product of {@value #CHUNK} rows (the last one of up to 2·{@value #CHUNK} − 1), one
 * OpenBLAS thread each. OpenBLAS computes a row of a product of two rows or more the same whatever the other rows
 * (LayerPlanBatchTest checks it on Fashion-MNIST images); a product of one row goes through its matrix-vector
 * kernel, which sums in another order. So no chunk has one row unless the whole batch does, and the currents are bit
 * for bit those of the whole batch's one product (and of any shard's, which starts at a batch boundary).
 */
final class BatchCurrents {
	/** Samples per product. */
	static final int CHUNK = 64;
	/** Chunks are computed while their first sample is at most this far ahead of the next sample taken. */
	private static final int LEAD = 2 * CHUNK;

	private final SpikingNetwork network;
	private final float[] features;
	private final int samples, chunks;
	/** Per layer: the batch's currents, [samples × outSize] (null for layers computing their own, see Simulator). */
	final float[][] currents;
	/** Chunks handed out so far: they are claimed in order. */
	private final AtomicInteger claimed = new AtomicInteger();
	/** 1 once a chunk's currents are written. */
	private final AtomicIntegerArray done;
	private volatile Throwable failed;

	BatchCurrents(SpikingNetwork network, float[] features, int samples, float[][] currents) {
		this.network = network;
		this.features = features;
		this.samples = samples;
		this.currents = currents;
		chunks = chunks(samples);
		done = new AtomicIntegerArray(chunks);
	}

	/** How many chunks a batch of {@code samples} is split into: never one of a single row but for a batch of one. */
	static int chunks(int samples) {
		int c = (samples + CHUNK - 1) / CHUNK;
		return c > 1 && samples - (c - 1) * CHUNK == 1 ? c - 1 : c;
	}

	/** The first sample of chunk {@code c}. */
	static int start(int c) {
		return c * CHUNK;
	}

	/** The end (exclusive) of chunk {@code c} of {@code chunks} in a batch of {@code samples}: the last one takes the rest. */
	static int end(int c, int chunks, int samples) {
		return c == chunks - 1 ? samples : (c + 1) * CHUNK;
	}

	/** Computes the chunks not yet claimed that start less than {@link #LEAD} samples after {@code nextSample}. */
	void computeAhead(int nextSample) {
		for (int c = claimed.get(); c < chunks && start(c) < nextSample + LEAD; c = claimed.get()) {
			if (!claimed.compareAndSet(c, c + 1))
				continue;
			try {
				Simulator.computeCurrents(network, features, samples, start(c), end(c, chunks, samples), currents);
			} catch (RuntimeException | Error e) {
				fail(e);
				throw e;
			}
			done.set(c, 1);
			synchronized (this) {
				notifyAll();
			}
		}
	}

	/** Returns once the currents of {@code sample} are computed: computes them, or waits for the thread that does. */
	void await(int sample) throws InterruptedException {
		int c = Math.min(sample / CHUNK, chunks - 1);
		if (done.get(c) == 1)
			return;
		computeAhead(sample); // claims every chunk up to this sample's, if nobody has yet
		synchronized (this) {
			while (done.get(c) == 0 && failed == null)
				wait();
		}
		if (done.get(c) == 0)
			throw new IllegalStateException("the input currents could not be computed", failed);
	}

	private synchronized void fail(Throwable e) {
		failed = e;
		notifyAll();
	}
}
