package org.volr.scale;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.volr.core.data.Dataset;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.pipeline.ExperimentSetup;
import org.volr.pipeline.Pipeline;
import org.volr.sim.Encoding;
import org.volr.sim.SimulationConfig;
import org.volr.sim.SimulationResult;
import org.volr.sim.Simulator;
import org.volr.sim.SpikingNetwork;

/**
 * One grid point as one Spark task: the experiment with the point's values written in, its ANN weights (trained or
 * imported once, on the driver) converted as its convert block says, and simulated on its test data, all by the
 * pipeline's own code. A failure is this point's result, not the sweep's: the other points go on.
 */
final class PointTask {
	private PointTask() {
	}

	/** cancel: how a simulation in the driver's JVM (a sweep without Spark) learns of Ctrl-C; Progress.NONE in a task. */
	static PointResult run(String file, String experiment, Grid.Point point, byte[] annWeights, int limit, int threads, Progress cancel) {
		long start = System.nanoTime(), threadCpu = CpuTime.thread(), jvmCpu = CpuTime.jvm();
		Path scratch = null;
		try {
			ExperimentSetup setup = TaskSetup.load(file, experiment);
			for (int i = 0; i < point.names().size(); i++)
				SweepParameter.named(point.names().get(i), setup.experiment).apply(setup.experiment, point.values()[i]);
			Pipeline pipeline = new Pipeline(setup, new PrintStream(java.io.OutputStream.nullOutputStream()), Progress.NONE);
			Dataset test = pipeline.testData(limit);
			scratch = Files.createTempDirectory("volr-sweep-point");
			WeightStore converted = pipeline.convert(TaskSetup.weights(annWeights), scratch);
			SpikingNetwork snn = SpikingNetwork.lower(setup.network, converted);
			SimulationConfig config = setup.withNeuronParameters(setup.simulation(0, TaskSetup.defaults(threads)), converted);
			if (config.encoding() != Encoding.CONSTANT && config.encoding() != Encoding.POISSON)
				throw new IllegalArgumentException("volr sweep simulates constant and poisson input; this experiment's input is "
						+ config.encoding().name().toLowerCase(java.util.Locale.ROOT));
			SimulationResult r = Simulator.run(snn, test, config, cancel);
			return new PointResult(point, null, r.samples(), r.finalAccuracy(), r.accuracyPerStep(),
					r.synapticOps() / (double) Math.max(1, r.samples()), r.energy().snnMicrojoulePerSample(), seconds(start),
					(CpuTime.thread() - threadCpu) / 1e9 + r.cpuSeconds(), (CpuTime.jvm() - jvmCpu) / 1e9);
		} catch (Exception | LinkageError e) {
			String message = e.getMessage() == null ? e.toString() : e.getMessage();
			return PointResult.failed(point, message, seconds(start));
		} finally {
			deleteQuietly(scratch);
		}
	}

	private static double seconds(long start) {
		return (System.nanoTime() - start) / 1e9;
	}

	private static void deleteQuietly(Path dir) {
		if (dir == null)
			return;
		try (Stream<Path> walk = Files.walk(dir)) {
			walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
		} catch (IOException e) {
			// a temporary folder left behind is no reason to fail a point
		}
	}
}
