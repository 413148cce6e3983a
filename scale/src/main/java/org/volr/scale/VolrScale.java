package org.volr.scale;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.volr.core.progress.CancelledException;
import org.volr.core.progress.ConsoleProgress;
import org.volr.lang.api.IoMessages;
import org.volr.pipeline.ExperimentChoiceException;
import org.volr.pipeline.ExperimentRun;
import org.volr.pipeline.ExperimentSetup;
import org.volr.pipeline.PipelineException;
import org.volr.pipeline.RunSummary;

/**
 * The {@code volr} commands that run on Spark, started by the volr script outside OSGi: {@code volr sweep} and
 * {@code volr run --master}. Exit codes as the other commands': 0 ok, 1 problems in the input, 2 wrong usage.
 */
public final class VolrScale {
	static final String SWEEP_USAGE = """
			usage: volr sweep FILE.volr [--experiment NAME] [--grid "percentile=99,99.9; steps=25,50; v_thresh=0.8,1"]
			                  [--master local[*]|spark://HOST:7077 | --sequential] [--limit N] [--out DIR]

			Trains or imports the experiment's ANN once, then converts and simulates every point of the grid as a Spark
			task (embedded local[*] unless --master says otherwise). The grid is the experiment's sweep { ... } clause
			(sweep { percentile 99, 99.9; steps 25, 50 }) unless --grid gives one. A grid names percentile (convert {
			normalize percentile P }), steps (simulate { duration N steps }) and the parameters of the experiment's neuron
			model (v_thresh, tau_refrac, ...), each with its values. Writes DIR (default: FILE's folder / EXPERIMENT-sweep/):
			sweep.csv and sweep.json (per point: ANN and SNN accuracy, accuracy after every step, synaptic operations,
			energy estimate, time, or the error of a failed point), the plots sweep-steps, sweep-heatmap (two parameters)
			and sweep-pareto (.png, .svg), and prints the best point with the clauses to paste. Ctrl-C cancels, writing nothing.
			--sequential runs the points one after another in this JVM without Spark, each on every core.""";
	static final String RUN_USAGE = """
			usage: volr run FILE.volr --master local[*]|spark://HOST:7077 [--shards N] [--experiment NAME] [--steps N] [--limit N] [-o DIR]

			volr run with the test set simulated in shards on Spark (default: as many shards as Spark has cores): the
			results folder is the same, bit for bit, as the run on one machine writes, but for the times.""";

	private final PrintStream out, err;
	private final java.util.function.Supplier<SweepProgress> progress;

	/** A command printing to out and err, its sweep's progress by points only (no bar). */
	VolrScale(PrintStream out, PrintStream err) {
		this(out, err, SweepProgress::quiet);
	}

	VolrScale(PrintStream out, PrintStream err, java.util.function.Supplier<SweepProgress> progress) {
		this.out = out;
		this.err = err;
		this.progress = progress;
	}

	public static void main(String[] args) {
		int code = new VolrScale(System.out, System.err, () -> SweepProgress.on(System.err)).run(args);
		System.out.flush();
		System.err.flush();
		System.exit(code);
	}

	int run(String... args) {
		Options o;
		try {
			o = Options.parse(List.of(args));
		} catch (Options.UsageException e) {
			err.println("volr " + (args.length > 0 ? args[0] : "") + ": " + e.getMessage());
			err.println(e.usage);
			return 2;
		}
		if (o.help()) {
			out.println(o.usage());
			return 0;
		}
		ExperimentSetup setup;
		try {
			setup = ExperimentSetup.load(o.file(), o.experiment(), out::println);
		} catch (ExperimentChoiceException e) {
			err.println("volr " + o.command() + ": " + e.getMessage());
			return 2;
		}
		if (setup == null)
			return 1;
		Grid grid = null;
		if (o.command().equals("sweep")) {
			// --grid overrides the experiment's sweep { ... } clause
			try {
				grid = o.grid() != null ? Grid.parse(o.grid(), setup.experiment) : Grid.of(setup.experiment);
			} catch (Grid.GridException e) {
				err.println("volr sweep: " + e.getMessage());
				return 2;
			}
			if (grid == null) {
				err.println("volr sweep: experiment " + setup.experiment.getName() + " has no sweep { ... } clause; write one, e.g. sweep { percentile 99, 99.9; steps 25, 50 },"
						+ " or give --grid \"percentile=99,99.9; steps=25,50\"");
				err.println(SWEEP_USAGE);
				return 2;
			}
		}
		long sparkStart = System.nanoTime();
		JavaSparkContext sc = o.sequential() ? null : SparkJobs.start(o.master(), "volr " + o.command() + " " + setup.experiment.getName());
		if (sc != null && grid != null) // a figure of the scaling benchmark (bench/sweep-scaling.sh)
			err.printf(java.util.Locale.ROOT, "Spark started in %.1f s%n", (System.nanoTime() - sparkStart) / 1e9);
		SweepProgress progress = this.progress.get();
		progress.cancels(sc);
		// a sweep stops cleanly on Ctrl-C; a sharded run (whose files the run writes as the plain run does) just ends
		Interruption interruption = grid != null ? Interruption.install(progress) : null;
		try {
			if (grid != null) {
				Path dir = o.out() != null ? o.out() : o.file().toAbsolutePath().getParent().resolve(setup.experiment.getName() + "-sweep");
				Sweep.Outcome outcome = Sweep.run(sc, setup, grid, o.limit(), dir, err, progress);
				outcome.table().printBest(out, setup.experiment);
				out.println("table in " + dir.resolve("sweep.csv") + " and sweep.json; plots " + String.join(", ", SweepPlots.names(outcome.table()))
						+ " (.png, .svg)");
				return outcome.points().stream().anyMatch(PointResult::ok) ? 0 : 1;
			}
			Path dir = o.out() != null ? o.out() : o.file().toAbsolutePath().getParent().resolve(setup.experiment.getName() + "-results");
			int shards = o.shards() > 0 ? o.shards() : sc.defaultParallelism();
			ExperimentRun.Outcome outcome = ExperimentRun.run(setup, setup.simulation(o.steps()), o.limit(), dir, err, ConsoleProgress.onStandardError(),
					new ShardedSimulation(sc, setup, o.steps(), o.limit(), shards));
			RunSummary.print(out, setup, outcome, dir);
			return 0;
		} catch (IOException e) {
			err.println("volr " + o.command() + ": cannot write results: " + IoMessages.describe(e));
			return 1;
		} catch (InterruptedException | CancelledException e) {
			err.println("volr " + o.command() + ": cancelled; nothing written");
			return 1;
		} catch (PipelineException | org.volr.sim.LoweringException | IllegalArgumentException | java.io.UncheckedIOException
				| org.volr.ann.AnnException | org.volr.convert.ConversionException | org.volr.core.data.DataFormatException e) {
			String message = e instanceof java.io.UncheckedIOException ? IoMessages.describe(e) : e.getMessage();
			out.println(o.file() + ":" + setup.positionOf(e) + ": error: " + message);
			return 1;
		} finally {
			if (sc != null)
				sc.close();
			if (interruption != null)
				interruption.finished();
		}
	}

	/**
	 * Ctrl-C (or a kill) while the command runs: a shutdown hook cancels the sweep's jobs and waits, up to a minute, until
	 * the command has stopped them and closed Spark, so that the JVM does not end halfway through a write. Removed
	 * again when the command ends by itself.
	 */
	private static final class Interruption {
		private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
		private Thread hook;

		static Interruption install(SweepProgress progress) {
			Interruption i = new Interruption();
			i.hook = new Thread(() -> {
				progress.cancel();
				try {
					i.done.await(60, java.util.concurrent.TimeUnit.SECONDS);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
				}
			}, "volr-cancel");
			Runtime.getRuntime().addShutdownHook(i.hook);
			return i;
		}

		void finished() {
			done.countDown();
			try {
				Runtime.getRuntime().removeShutdownHook(hook);
			} catch (IllegalStateException e) {
				// the JVM is shutting down (Ctrl-C): the hook is running and has just been released
			}
		}
	}
}
