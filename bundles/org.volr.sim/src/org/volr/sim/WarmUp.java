package org.volr.sim;

import org.volr.core.data.Batch;
import org.volr.core.data.BatchIterator;
import org.volr.core.data.Dataset;

/**
 * Simulates the first few samples of a dataset over and over on a thread of its own while the caller does other
 * set-up work (the pipeline evaluates the ANN meanwhile), and throws the results away.
 * <p>
 * Why: in a fresh JVM the simulator's loops first run interpreted, then on lightly optimised code, and reach
 * fully optimised code only after a few hundred milliseconds; with 10,000 MNIST-sized samples that is a quarter
 * of the simulation. Done beforehand, on a core the set-up leaves partly idle, the simulation itself starts at
 * full speed. Nothing of it reaches a result: it has its own runner, inputs and outputs, and it has stopped when
 * {@link #close()} returns, before the simulation starts.
 */
public final class WarmUp implements AutoCloseable {
	/** Samples taken from the start of the dataset (repeated as long as the warm-up lasts). */
	static final int SAMPLES = 64;
	/** A warm-up never runs longer than this, however long the caller's own work takes. */
	static final long MAX_NANOS = 3_000_000_000L;

	private final Thread thread;
	private final SampleRunner runner;
	private volatile boolean stop;
	/** Samples simulated to the end (for tests). */
	private volatile int simulated;

	private WarmUp(SpikingNetwork network, SimulationConfig config, Batch batch) {
		// half of the samples recorded, half not, as in the simulation (which records its first few): the JVM compiles
		// code for the branches it has seen taken, and leaves a trap that throws the code away in the others
		int[][][] recorded = config.recordedSamples() > 0 && batch != null ? new int[Math.min(config.recordedSamples(), batch.size() / 2)][][] : null;
		runner = new SampleRunner(network, config, ConductanceSynapses.of(network, config), recorded);
		thread = new Thread(() -> simulate(network, config, batch), "volr-sim-warm-up");
		thread.setDaemon(true);
	}

	/**
	 * Starts warming up on the first samples of {@code data} (read here, on the caller's thread). Close the result
	 * before the simulation starts.
	 */
	public static WarmUp start(SpikingNetwork network, Dataset data, SimulationConfig config) {
		Batch batch;
		try (BatchIterator batches = data.batches(Math.min(SAMPLES, Math.max(1, data.size())))) {
			batch = batches.hasNext() ? batches.next() : null;
		} catch (Exception e) {
			batch = null; // the simulation will open the dataset again and report what is wrong with it
		}
		WarmUp warmUp = new WarmUp(network, config, batch);
		if (batch != null && batch.size() > 0)
			warmUp.thread.start();
		return warmUp;
	}

	private void simulate(SpikingNetwork network, SimulationConfig config, Batch batch) {
		long end = System.nanoTime() + MAX_NANOS;
		int n = batch.size(), sampleSize = java.util.Arrays.stream(batch.sampleShape()).reduce(1, (a, b) -> a * b);
		int[][][] stepSpikes = batch.stepSpikes(); // as the simulation reads the batch (see Simulator.run)
		float[] features = stepSpikes == null ? batch.features() : null;
		try {
			boolean constant = config.encoding() == Encoding.CONSTANT;
			// the currents as the simulation computes them (nd4j, for the whole batch), so that the same code paths warm up
			float[][] currents = constant ? Simulator.inputCurrents(network, features, n) : null;
			int[] outputCounts = new int[n * network.outputs()];
			runner.predictions = new int[n];
			for (int s = 0; !stop && System.nanoTime() < end; s = (s + 1) % n) {
				runner.run(features, s * sampleSize, stepSpikes == null ? null : stepSpikes[s], batch.labels()[s], s, outputCounts, currents, s);
				if (!stop)
					simulated++;
			}
		} catch (RuntimeException | LinkageError e) {
			// a warm-up only speeds things up: whatever is wrong, the simulation itself meets it and reports it
		}
	}

	/** Samples the warm-up has simulated so far. */
	public int simulated() {
		return simulated;
	}

	/** Stops the warm-up (within a step) and waits until its thread has ended. */
	@Override
	public void close() {
		stop = true;
		runner.abandon();
		try {
			thread.join();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
