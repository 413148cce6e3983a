package org.volr.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.volr.core.data.Batch;
import org.volr.core.data.BatchIterator;
import org.volr.core.data.Dataset;
import org.volr.core.events.EventBinning;
import org.volr.core.events.EventDataset;
import org.volr.core.events.EventStream;
import org.volr.core.progress.Progress;
import org.volr.sim.plan.LayerPlan;

/**
 * Runs a lowered network on a dataset: streams it batch by batch (bounded memory), splits each batch over the
 * cores, and sums the statistics. Reports progress per batch and stops between batches when cancelled.
 */
public final class Simulator {
	private Simulator() {
	}

	public static SimulationResult run(SpikingNetwork network, Dataset data, SimulationConfig config, Progress progress) {
		return run(network, data, config, progress, 0);
	}

	/**
	 * Runs a shard of a test set: {@code data} holds its samples from index {@code firstSample} on. The shard's own
	 * results are indexed from 0 (see {@link SimulationResult#concat}), its Poisson input is drawn as in the whole run.
	 */
	public static SimulationResult run(SpikingNetwork network, Dataset data, SimulationConfig config, Progress progress, long firstSample) {
		if (config.encoding() == Encoding.CONSTANT)
			checkConstantInput(network);
		if (config.encoding() == Encoding.SPIKES)
			checkSpikeTrains(network, data, config.steps());
		int threads = config.effectiveThreads();
		int[][][] recorded = config.recordedSamples() > 0 ? new int[Math.min(config.recordedSamples(), data.size())][][] : null;
		List<SampleRunner> runners = runners(network, config, threads, recorded);
		runners.forEach(r -> r.firstSample = firstSample);
		ExecutorService pool = daemons(threads, "volr-sim");
		boolean constant = config.encoding() == Encoding.CONSTANT;
		if (constant)
			org.volr.core.nd4j.Nd4jSupport.init(); // loading the native library is set-up, not simulation
		long start = System.nanoTime();
		progress.begin("Simulating " + config.steps() + " steps", data.size());
		long sampleIndex = 0;
		int[] outputCounts = new int[data.size() * network.outputs()];
		int[] predictions = new int[data.size()];
		runners.forEach(r -> r.predictions = predictions);
		// the next batch is read (and decompressed), and its constant input currents computed, while the current one is simulated
		ExecutorService reader = daemons(1, "volr-sim-reader");
		BatchIterator batches = data.batches(config.batch());
		Future<?> reading = null;
		// the input currents of the next batch are computed by nd4j on the reader thread, beside simulating threads that
		// keep every core busy: nd4j gets one thread until the finally below gives it back
		org.volr.core.nd4j.Nd4jSupport.Setting nd4jThreads = constant ? org.volr.core.nd4j.Nd4jSupport.oneThread() : null;
		try {
			java.util.concurrent.CompletableFuture<Prepared> pending = null;
			if (batches.hasNext()) {
				pending = new java.util.concurrent.CompletableFuture<>();
				// only the whole set's first batch has its currents computed in slices: a later shard's first batch is
				// computed whole, as in the run over the whole set, so that its currents are the same to the last bit
				reading = reader.submit(Prepared.task(batches, network, constant, firstSample == 0, pending));
			}
			while (pending != null) {
				progress.checkCancelled();
				Prepared next = join(pending);
				Batch batch = next.batch;
				pending = null;
				if (batches.hasNext()) { // queued behind the current batch's task on the one reader thread
					pending = new java.util.concurrent.CompletableFuture<>();
					reading = reader.submit(Prepared.task(batches, network, constant, false, pending));
				}
				int n = batch.size(), sampleSize = java.util.Arrays.stream(batch.sampleShape()).reduce(1, (a, b) -> a * b);
				// spike trains read from bytes come as each step's spikes (Batch.ofSpikes): no values to scan
				int[][][] stepSpikes = batch.stepSpikes();
				float[] features = stepSpikes == null ? batch.features() : null;
				List<Future<?>> work = new ArrayList<>();
				// the threads take the batch's samples a few at a time, so none waits idle for another at the batch's end
				java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();
				long base = sampleIndex;
				for (int k = 0; k < threads; k++) {
					SampleRunner runner = runners.get(k);
					work.add(pool.submit(() -> {
						long cpu = cpuNanos();
						for (int from = taken.getAndAdd(SAMPLES_PER_TAKE); from < n; from = taken.getAndAdd(SAMPLES_PER_TAKE))
							for (int s = from; s < Math.min(n, from + SAMPLES_PER_TAKE); s++) {
								next.awaitRow(s);
								runner.run(features, s * sampleSize, stepSpikes == null ? null : stepSpikes[s], batch.labels()[s], base + s, outputCounts,
										next.currents, s);
							}
						runner.cpuNanos += cpuNanos() - cpu;
						return null;
					}));
				}
				try {
					work.forEach(Simulator::join);
				} catch (SampleRunner.NotASpike e) {
					throw new org.volr.core.data.DataFormatException(data.name(), e.getMessage());
				}
				sampleIndex += n;
				progress.advance(n);
			}
		} finally {
			pool.shutdownNow();
			awaitQuietly(reading); // the iterator must not be closed while the reader is inside next()
			batches.close();
			reader.shutdownNow();
			if (nd4jThreads != null)
				nd4jThreads.close();
			progress.done();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		return SimulationResult.merge(network, config, runners, seconds, outputCounts, predictions).withRecorded(recorded);
	}

	/** Runs recorded event streams (DVS): each recording is binned into steps of config.microsPerStep(). */
	public static SimulationResult runEvents(SpikingNetwork network, EventDataset data, SimulationConfig config, Progress progress) {
		int expected = java.util.Arrays.stream(network.inputShape()).reduce(1, (a, b) -> a * b);
		int threads = config.effectiveThreads();
		int[][][] recorded = config.recordedSamples() > 0 ? new int[Math.min(config.recordedSamples(), data.size())][][] : null;
		List<SampleRunner> runners = runners(network, config, threads, recorded);
		int[] outputCounts = new int[data.size() * network.outputs()];
		int[] predictions = new int[data.size()];
		runners.forEach(r -> r.predictions = predictions);
		java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
		ExecutorService pool = daemons(threads, "volr-sim");
		long start = System.nanoTime();
		progress.begin("Simulating " + data.size() + " recordings", data.size());
		try {
			List<Future<?>> work = new ArrayList<>();
			for (SampleRunner runner : runners)
				work.add(pool.submit(() -> {
					long cpu = cpuNanos();
					for (int s = next.getAndIncrement(); s < data.size() && !progress.isCancelled(); s = next.getAndIncrement()) {
						EventStream events = data.recording(s);
						int inputs = 2 * events.width() * events.height();
						if (inputs != expected)
							throw new IllegalArgumentException("recording " + s + " has " + events.width() + " × " + events.height()
									+ " pixels × 2 polarities = " + inputs + " inputs, the network takes " + expected);
						int[][] steps = EventBinning.spikesPerStep(events, config.microsPerStep(), config.steps());
						runner.run(null, 0, steps, data.label(s), s, outputCounts);
						synchronized (progress) {
							progress.advance(1);
						}
					}
					runner.cpuNanos += cpuNanos() - cpu;
					return null;
				}));
			work.forEach(Simulator::join);
			progress.checkCancelled();
		} finally {
			pool.shutdownNow();
			progress.done();
		}
		return SimulationResult.merge(network, config, runners, (System.nanoTime() - start) / 1e9, outputCounts, predictions)
				.withRecorded(recorded);
	}

	private static List<SampleRunner> runners(SpikingNetwork network, SimulationConfig config, int threads, int[][][] recorded) {
		List<SampleRunner> runners = new ArrayList<>();
		ConductanceSynapses synapses = ConductanceSynapses.of(network, config);
		for (int i = 0; i < threads; i++)
			runners.add(new SampleRunner(network, config, synapses, recorded));
		return runners;
	}

	/**
	 * A batch read, with its input currents when the input is constant (else null), computed as far as
	 * {@link #awaitRow} tells. The first batch is handed over when its first rows are ready and the rest follows
	 * slice by slice, so that the simulating threads need not wait for a whole batch before they start.
	 */
	private static final class Prepared {
		final Batch batch;
		final float[][] currents;
		/** Rows (samples) whose currents are computed. */
		private volatile int ready;
		private volatile RuntimeException failed;

		private Prepared(Batch batch, float[][] currents) {
			this.batch = batch;
			this.currents = currents;
		}

		/**
		 * The reader's work for one batch: read it, compute its currents, and complete {@code handOver} with it, at
		 * once after the first slice if {@code early}, else when all is done.
		 */
		static java.util.concurrent.Callable<Void> task(BatchIterator batches, SpikingNetwork network, boolean constant, boolean early,
				java.util.concurrent.CompletableFuture<Prepared> handOver) {
			return () -> {
				Prepared p = null;
				try {
					Batch batch = batches.next();
					int n = batch.size();
					p = new Prepared(batch, constant ? allocateCurrents(network, n) : null);
					int slice = early ? FIRST_BATCH_SLICE : n;
					for (int from = 0, to; from < n; from = to) {
						to = sliceEnd(from, slice, n);
						if (constant)
							computeCurrents(network, batch.features(), n, from, to, p.currents);
						p.rowsReady(to);
						if (from == 0)
							handOver.complete(p);
					}
					handOver.complete(p); // an empty batch
				} catch (RuntimeException | Error e) {
					if (!handOver.completeExceptionally(e) && p != null)
						p.fail(e instanceof RuntimeException r ? r : new IllegalStateException(e));
					throw e;
				}
				return null;
			};
		}

		/** Waits until the currents of {@code row} are computed (at once but for the first batch's first moments). */
		void awaitRow(int row) throws InterruptedException {
			if (ready > row)
				return;
			synchronized (this) {
				while (ready <= row && failed == null)
					wait();
			}
			if (failed != null)
				throw failed;
		}

		private synchronized void rowsReady(int rows) {
			ready = rows;
			notifyAll();
		}

		private synchronized void fail(RuntimeException e) {
			failed = e;
			notifyAll();
		}
	}

	/** The first batch's currents are computed in slices of this many samples (see Prepared). */
	private static final int FIRST_BATCH_SLICE = 64;

	/**
	 * The constant input currents W·x + b of every layer that reads only the input, for a whole batch, by nd4j (one
	 * matrix product or convolution op per layer, in slices of at most {@link #CURRENT_SLICE} values so that a
	 * large first convolution does not need the whole batch's output at once in native memory).
	 */
	static float[][] inputCurrents(SpikingNetwork network, float[] features, int samples) {
		float[][] currents = allocateCurrents(network, samples);
		computeCurrents(network, features, samples, 0, samples, currents);
		return currents;
	}

	/** Room for the batch's currents of the layers that read only the input (null for the others, see computeCurrents). */
	private static float[][] allocateCurrents(SpikingNetwork network, int samples) {
		float[][] currents = new float[network.layers().size()][];
		for (int l = 0; l < currents.length; l++) {
			LayerPlan plan = network.layers().get(l);
			if (network.readsOnlyInput(l) && (long) samples * plan.outSize() <= BATCH_CURRENTS_LIMIT)
				currents[l] = new float[samples * plan.outSize()];
			// else too large for the whole batch at once (a big first convolution): each sample computes its own
		}
		return currents;
	}

	/** The currents of samples [from, to) of a batch of {@code samples}, into the arrays of allocateCurrents. */
	private static void computeCurrents(SpikingNetwork network, float[] features, int samples, int from, int to, float[][] currents) {
		int inSize = network.inputSize();
		for (int l = 0; l < currents.length; l++) {
			if (currents[l] == null)
				continue;
			LayerPlan plan = network.layers().get(l);
			int slice = Math.max(1, CURRENT_SLICE / Math.max(plan.outSize(), inSize));
			if (from == 0 && to == samples && slice >= samples) { // the whole batch in one product, written in place
				plan.forwardBatch(features, samples, currents[l]);
				continue;
			}
			float[] part = new float[Math.min(slice + 1, to - from) * plan.outSize()];
			for (int at = from, end; at < to; at = end) {
				end = sliceEnd(at, slice, to);
				int k = end - at;
				plan.forwardBatch(java.util.Arrays.copyOfRange(features, at * inSize, (at + k) * inSize), k, part);
				System.arraycopy(part, 0, currents[l], at * plan.outSize(), k * plan.outSize());
			}
		}
	}

	/**
	 * The end of the slice of at most {@code slice} rows from {@code from} in rows up to {@code end}, but one more when a
	 * single row would be left over: OpenBLAS computes a product of one row by its matrix-vector kernel, which sums in
	 * another order than its matrix product, where a row's result does not depend on the other rows of the product
	 * (LayerPlanBatchTest). So the first batch's slices give the currents of the whole batch's one product, which a
	 * shard starting at that batch computes; a slice of one row is made only for a batch of one.
	 */
	private static int sliceEnd(int from, int slice, int end) {
		int to = Math.min(end, from + slice);
		return end - to == 1 ? end : to;
	}

	/** At most this many input-current values are kept for a batch (256 MB of floats); beyond, one sample at a time. */
	private static final long BATCH_CURRENTS_LIMIT = 64L << 20;

	/** Samples a simulating thread takes at a time from its batch. */
	private static final int SAMPLES_PER_TAKE = 8;

	/** Values per nd4j call when computing input currents (16 MB of floats). */
	private static final int CURRENT_SLICE = 4 << 20;

	/** CPU time of the calling thread (0 where the JVM cannot measure it). */
	private static long cpuNanos() {
		java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
		return bean.isCurrentThreadCpuTimeSupported() ? bean.getCurrentThreadCpuTime() : 0;
	}

	/** Daemon threads, so that a simulation abandoned by its caller never keeps the program alive. */
	private static ExecutorService daemons(int threads, String name) {
		return Executors.newFixedThreadPool(threads, r -> {
			Thread t = new Thread(r, name);
			t.setDaemon(true);
			return t;
		});
	}

	/** The result of work done on another thread; what went wrong there is thrown here as it was. */
	private static <T> T join(Future<T> f) {
		try {
			return f.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("simulation interrupted", e);
		} catch (ExecutionException e) {
			throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
		}
	}

	private static void awaitQuietly(Future<?> f) {
		if (f == null)
			return;
		try {
			f.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} catch (ExecutionException | java.util.concurrent.CancellationException e) {
			// already reported, or the run failed for another reason being reported now
		}
	}

	/**
	 * Constant input is a current, not spikes: only layers with neurons that read the input and nothing else can
	 * take it (a max pooling or a layer that also reads other layers would need spikes).
	 */
	static void checkConstantInput(SpikingNetwork network) {
		for (int l = 0; l < network.layers().size(); l++) {
			LayerPlan plan = network.layers().get(l);
			boolean readsInput = java.util.Arrays.stream(network.sources(l)).anyMatch(s -> s.layer() == SpikingNetwork.INPUT);
			if (!readsInput)
				continue;
			if (!network.readsOnlyInput(l))
				throw new IllegalArgumentException("layer '" + plan.label() + "' reads the input together with other layers; with constant"
						+ " input only layers reading the input alone take it (as a current): use input poisson");
			if (!plan.hasNeurons())
				throw new IllegalArgumentException("with constant input the layers reading the input must have neurons, not max pooling ('"
						+ plan.label() + "')");
		}
	}

	/** Spike trains give each sample [steps, inputs...]: one step of the run's for every step, the network's inputs in each. */
	static void checkSpikeTrains(SpikingNetwork network, Dataset data, int steps) {
		int[] shape = data.sampleShape();
		long size = java.util.Arrays.stream(shape).asLongStream().reduce(1, (a, b) -> a * b);
		if (size != (long) steps * network.inputSize())
			throw new IllegalArgumentException(data.name() + ": spike trains of " + java.util.Arrays.toString(shape) + " per sample, the run needs "
					+ steps + " steps × " + network.inputSize() + " inputs");
	}

	/** Neurons per layer (0 for max pooling, which only routes spikes). */
	static long[] neurons(SpikingNetwork network) {
		List<LayerPlan> layers = network.layers();
		long[] n = new long[layers.size()];
		for (int l = 0; l < n.length; l++)
			n[l] = layers.get(l).hasNeurons() ? layers.get(l).outSize() : 0;
		return n;
	}
}
