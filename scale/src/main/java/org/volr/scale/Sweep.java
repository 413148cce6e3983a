package org.volr.scale;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.volr.core.data.Dataset;
import org.volr.core.progress.CancelledException;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.pipeline.ExperimentSetup;
import org.volr.pipeline.Pipeline;
import org.volr.pipeline.PipelineException;

/**
 * {@code volr sweep}: the ANN's weights trained or imported once, on the driver, and broadcast; every grid point
 * converted and simulated as a Spark task of its own (one job per point, all submitted at once, so that each is
 * reported as it finishes); the table written and the best point printed. Without a Spark context, the points run one
 * after another in this JVM, each on every core: the baseline the benchmark (bench/sweep.sh) compares Spark with.
 */
final class Sweep {
	private Sweep() {
	}

	/** The sweep's outcome: the table, the ANN's accuracy, every point. */
	record Outcome(SweepTable table, double annAccuracy, List<PointResult> points) {
	}

	/** sc null: the points one after another here, without Spark. */
	/**
	 * Runs the sweep and writes its table and plots; cancelled (progress.cancel(), Ctrl-C), it throws CancelledException
	 * and writes nothing (every file is written whole, through a temporary file, only once every point is in).
	 */
	static Outcome run(JavaSparkContext sc, ExperimentSetup setup, Grid grid, int limit, Path out, PrintStream progressOut, SweepProgress progress)
			throws PipelineException, java.io.IOException, InterruptedException {
		Pipeline pipeline = new Pipeline(setup, progressOut, progress.cancellationOnly());
		WeightStore weights = pipeline.weights();
		Dataset test = pipeline.testData(limit);
		double ann = pipeline.annAccuracyIfComputable(weights, test);
		if (!Double.isNaN(ann))
			progressOut.printf(Locale.ROOT, "ANN accuracy %.2f %% on %d samples%n", 100 * ann, test.size());
		String file = setup.file.toAbsolutePath().toString(), experiment = setup.experiment.getName();
		List<Grid.Point> points = grid.points();
		progressOut.printf(Locale.ROOT, "%d grid points %s%n", points.size(), sc == null ? "one after another in this JVM" : "on " + sc.master());
		long start = System.nanoTime();
		List<PointResult> results = new ArrayList<>();
		Consumer<PointResult> report = r -> {
			// a point that failed because the sweep was cancelled is no result: the sweep stops here, writing nothing
			progress.checkCancelled();
			results.add(r);
			progress.println(progressOut, String.format(Locale.ROOT, "[%d/%d] %s: %s", results.size(), points.size(), r.point().label(), r.ok()
					? String.format(Locale.ROOT, "SNN %.2f %%, %,.0f ops/sample, %.1f s (CPU %.1f s, JVM %.1f s)", 100 * r.snnAccuracy(),
							r.synapticOpsPerSample(), r.seconds(), r.cpuSeconds(), r.jvmCpuSeconds())
					: "failed: " + r.error()));
			progress.advance(1);
		};
		progress.begin("sweep", points.size());
		try {
			if (sc == null) {
				byte[] npz = TaskSetup.bytes(weights);
				for (Grid.Point point : points) // every core for each point in turn (threads 0: one per core)
					report.accept(PointTask.run(file, experiment, point, npz, limit, 0, progress.cancellationOnly()));
			} else {
				onSpark(sc, file, experiment, points, TaskSetup.bytes(weights), limit, report, progress);
			}
		} finally {
			progress.done();
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		progressOut.printf(Locale.ROOT, "%d points in %.1f s (%.3f points/s)%n", points.size(), seconds, points.size() / seconds);
		long merge = System.nanoTime();
		SweepTable table = new SweepTable(experiment, ann, results);
		table.write(out);
		SweepPlots.writeAll(table, out);
		progressOut.printf(Locale.ROOT, "table and plots written in %.2f s%n", (System.nanoTime() - merge) / 1e9);
		return new Outcome(table, ann, results);
	}

	/** Every point as a one-task job, all submitted at once: Spark runs as many at a time as it has cores, each reported when done. */
	private static void onSpark(JavaSparkContext sc, String file, String experiment, List<Grid.Point> points, byte[] weights, int limit,
			Consumer<PointResult> report, Progress progress) throws InterruptedException {
		Broadcast<byte[]> shared = sc.broadcast(weights);
		int threads = SparkJobs.threadsPerTask(sc);
		ExecutorService waiting = Executors.newFixedThreadPool(points.size(), r -> {
			Thread t = new Thread(r, "volr-sweep-job");
			t.setDaemon(true);
			return t;
		});
		CompletionService<PointResult> done = new ExecutorCompletionService<>(waiting);
		for (Grid.Point point : points)
			done.submit(() -> {
				try {
					return sc.parallelize(List.of(point), 1).map(p -> PointTask.run(file, experiment, p, shared.value(), limit, threads, Progress.NONE)).collect().get(0);
				} catch (Exception e) { // a SparkException, checked though Scala does not say so
					// cancelled, or Spark stopped (its own shutdown hook on Ctrl-C may get there before ours): the sweep stops, no point failed
					if (progress.isCancelled() || sc.sc().isStopped())
						throw new CancelledException("volr sweep");
					return PointResult.failed(point, "Spark: " + e.getMessage(), 0); // Spark itself failed (an executor lost for good): this point only
				}
			});
		try {
			for (int i = 0; i < points.size(); i++)
				report.accept(done.take().get());
		} catch (java.util.concurrent.ExecutionException e) {
			if (e.getCause() instanceof CancelledException c)
				throw c;
			throw new IllegalStateException(e.getCause());
		} finally {
			waiting.shutdownNow();
			shared.destroy();
		}
	}
}
