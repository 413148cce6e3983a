package org.volr.scale;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.volr.core.data.Dataset;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.pipeline.ExperimentRun;
import org.volr.pipeline.ExperimentSetup;
import org.volr.pipeline.Pipeline;
import org.volr.sim.Encoding;
import org.volr.sim.SimulationConfig;
import org.volr.sim.SimulationResult;
import org.volr.sim.Simulator;
import org.volr.sim.SpikingNetwork;

/**
 * {@code volr run --master}: the test set simulated in shards, one Spark task each, and merged into the result one
 * run over the whole set gives, bit for bit (SimulationResult.concat). What makes that so: each shard starts on a
 * batch boundary (its batches, and the input currents nd4j computes per batch, are the whole run's), Poisson input is
 * seeded per sample by its index in the whole set, and every count is an integer summed in shard order.
 */
final class ShardedSimulation implements ExperimentRun.Simulation {
	/** One shard: samples from (inclusive) to. */
	record Shard(int from, int to) implements Serializable {
	}

	private final JavaSparkContext sc;
	private final String file, experiment;
	private final int stepsOverride, sampleLimit, shards;

	ShardedSimulation(JavaSparkContext sc, ExperimentSetup setup, int stepsOverride, int sampleLimit, int shards) {
		this.sc = sc;
		this.file = setup.file.toAbsolutePath().toString();
		this.experiment = setup.experiment.getName();
		this.stepsOverride = stepsOverride;
		this.sampleLimit = sampleLimit;
		this.shards = shards;
	}

	@Override
	public SimulationResult run(WeightStore converted, SpikingNetwork snn, Dataset test, SimulationConfig config, Progress progress) {
		if (config.encoding() != Encoding.CONSTANT && config.encoding() != Encoding.POISSON)
			throw new IllegalArgumentException("--master shards constant and poisson input; this experiment's input is "
					+ config.encoding().name().toLowerCase(Locale.ROOT) + " (run it without --master)");
		List<Shard> parts = split(test.size(), config.batch(), shards);
		Broadcast<byte[]> weights = sc.broadcast(TaskSetup.bytes(converted));
		String file = this.file, experiment = this.experiment;
		int steps = stepsOverride, limit = sampleLimit, recorded = config.recordedSamples(), threads = SparkJobs.threadsPerTask(sc);
		long start = System.nanoTime();
		progress.begin("Simulating " + config.steps() + " steps in " + parts.size() + " shards", parts.size());
		try {
			List<SimulationResult> results = sc.parallelize(parts, parts.size())
					.map(shard -> simulate(file, experiment, steps, limit, recorded, threads, shard, weights.value())).collect();
			return SimulationResult.concat(snn, config, results, (System.nanoTime() - start) / 1e9);
		} finally {
			progress.done();
			weights.destroy();
		}
	}

	/**
	 * At most {@code shards} runs of whole batches, as even as whole batches allow, in order; the last may end with
	 * the set's last, shorter batch.
	 */
	static List<Shard> split(int samples, int batch, int shards) {
		int batches = (samples + batch - 1) / batch;
		int n = Math.max(1, Math.min(shards, batches));
		List<Shard> parts = new ArrayList<>();
		for (int k = 0; k < n; k++) {
			int from = (int) ((long) batches * k / n) * batch, to = Math.min(samples, (int) ((long) batches * (k + 1) / n) * batch);
			parts.add(new Shard(from, to));
		}
		return parts;
	}

	/** One shard on an executor: the experiment and its test data loaded there, the converted weights from the driver. */
	static SimulationResult simulate(String file, String experiment, int stepsOverride, int limit, int recorded, int threads, Shard shard,
			byte[] converted) throws Exception {
		ExperimentSetup setup = TaskSetup.load(file, experiment);
		WeightStore weights = TaskSetup.weights(converted);
		Pipeline pipeline = new Pipeline(setup, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), Progress.NONE);
		// the shard's samples only, from the reader's offset: the batches before it are neither read into floats nor kept
		Dataset test = pipeline.testData(limit, shard.from(), shard.to());
		// the settings the driver's run has (ExperimentRun): the same steps, neurons, per-neuron parameters and recording
		SimulationConfig config = setup.withNeuronParameters(setup.simulation(stepsOverride, TaskSetup.defaults(threads)), weights)
				.withRecording(recorded);
		return Simulator.run(SpikingNetwork.lower(setup.network, weights), test, config, Progress.NONE, shard.from());
	}
}
