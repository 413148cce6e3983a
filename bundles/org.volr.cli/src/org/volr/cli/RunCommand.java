package org.volr.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.volr.core.data.Dataset;
import org.volr.core.progress.ConsoleProgress;
import org.volr.core.weights.WeightStore;
import org.volr.model.Network;
import org.volr.sim.SimulationConfig;
import org.volr.sim.SimulationResult;
import org.volr.sim.Simulator;
import org.volr.sim.SpikingNetwork;
import org.volr.sim.report.ResultPlots;

/**
 * {@code volr run} (alias {@code simulate}): the whole pipeline of an experiment: weights (imported or trained),
 * the ANN's accuracy, conversion, simulation, and the results folder with JSON, CSV and plots.
 */
final class RunCommand implements Command {
	private final String name;

	RunCommand(String name) {
		this.name = name;
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public String summary() {
		return name.equals("run") ? "run an experiment: weights (import or train), convert, simulate, write results"
				: "the same as run (simulate the experiment's converted network)";
	}

	@Override
	public String usage() {
		return "usage: volr " + name + """
				 FILE.volr [--experiment NAME] [--steps N] [--limit N] [-o DIR]

				Runs the experiment declared in FILE (or the one named): takes its weights (imported, or trained by
				its train block), measures the ANN's accuracy on the data, converts the network (normalisation as
				in its convert block), simulates it (simulate block: duration, dt, input encoding, batch; neuron
				block; seed) and writes DIR (default: FILE's folder / EXPERIMENT-results/): result.json,
				accuracy.csv, predictions.csv (class and output spike counts per sample), report.json, converted.npz and the plots accuracy, rates and ann-vs-snn (.png/.svg).
				--steps and --limit override the duration and the number of test samples.""";
	}

	@Override
	public int run(List<String> args, Console console) throws UsageException {
		String experimentName = null;
		Path out = null, file = null;
		int steps = -1, limit = -1;
		for (int i = 0; i < args.size(); i++) {
			String a = args.get(i);
			switch (a) {
			case "--experiment" -> experimentName = value(args, ++i, a);
			case "-o", "--output" -> out = Path.of(value(args, ++i, a));
			case "--steps" -> steps = positive(value(args, ++i, a), a);
			case "--limit" -> limit = positive(value(args, ++i, a), a);
			default -> {
				if (a.startsWith("-"))
					throw new UsageException("unknown option '" + a + "'");
				if (file != null)
					throw new UsageException("one .volr file at a time");
				file = Path.of(a);
			}
			}
		}
		if (file == null)
			throw new UsageException("no .volr file given");
		ExperimentSetup setup = ExperimentSetup.load(file, experimentName, console);
		if (setup == null)
			return 1;
		if (out == null)
			out = file.toAbsolutePath().getParent().resolve(setup.experiment.getName() + "-results");
		ConsoleProgress progress = ConsoleProgress.onStandardError();
		Path results = out;
		int stepsOverride = steps, sampleLimit = limit;
		return Pipeline.guarded(name, file, "results", console, () -> {
			Pipeline pipeline = new Pipeline(setup, console, progress);
			Network network = setup.experiment.getNetwork();
			Dataset test = pipeline.testData(sampleLimit);
			WeightStore weights = pipeline.weights();
			double annAccuracy = pipeline.annAccuracy(weights, test);
			WeightStore converted = pipeline.convert(weights, results);
			SimulationConfig config = setup.simulation(stepsOverride).withRecording(200);
			SpikingNetwork snn = SpikingNetwork.lower(network, converted);
			SimulationResult result = Simulator.run(snn, test, config, progress);
			result.write(results);
			RateComparison rates = RateComparison.of(network, converted, test, result);
			pipeline.setCorrelationJson(rates.toJson());
			pipeline.writeReport(results, result, annAccuracy);
			ResultPlots.writeAll(result, annAccuracy, results);
			if (!rates.points.isEmpty())
				ResultPlots.write(ResultPlots.annVersusSnn(rates.points), results, "ann-vs-snn");
			printSummary(console, setup, result, annAccuracy, results, rates);
			return 0;
		});
	}

	private static void printSummary(Console console, ExperimentSetup setup, SimulationResult r, double ann, Path out,
			RateComparison rates) {
		var o = console.out();
		o.printf(Locale.ROOT, "experiment %s: %d samples, %d steps%n", setup.experiment.getName(), r.samples(), r.steps());
		if (!Double.isNaN(ann))
			o.printf(Locale.ROOT, "  ANN accuracy  %6.2f %%%n", 100 * ann);
		double[] acc = r.accuracyPerStep();
		StringBuilder curve = new StringBuilder();
		for (int t : new int[] { 10, 25, 50, 100, 200, 500 })
			if (t <= acc.length)
				curve.append(String.format(Locale.ROOT, "  T=%d %.2f", t, 100 * acc[t - 1]));
		o.printf(Locale.ROOT, "  SNN accuracy  %6.2f %% at T=%d   (%s )%n", 100 * r.finalAccuracy(), r.steps(), curve.toString().trim());
		for (int l = 0; l < r.layers().size(); l++) {
			if (r.neuronsPerLayer()[l] == 0)
				continue;
			String label = r.layers().get(l);
			String corr = rates.correlations.stream().filter(c -> c.layer().equals(label)).findFirst()
					.map(c -> String.format(Locale.ROOT, "  ANN/SNN correlation %.4f", c.pearson())).orElse("");
			o.printf(Locale.ROOT, "  layer %-12s %7d neurons  rate %.4f spikes/step%s%n", label, r.neuronsPerLayer()[l], r.rate(l), corr);
		}
		o.printf(Locale.ROOT, "  synaptic operations %,.0f per sample; first output spike at step %.1f on average%n",
				r.synapticOps() / (double) Math.max(1, r.samples()), r.meanFirstOutputSpike());
		o.printf(Locale.ROOT, "  energy estimate %.2f µJ per sample (ANN %.2f µJ: %,d MACs; 45 nm arithmetic only)%n",
				r.energy().snnMicrojoulePerSample(), r.energy().annMicrojoulePerSample(), r.energy().annMacsPerSample());
		o.printf(Locale.ROOT, "  simulated in %.2f s: %,.0f sample-steps/s%n", r.seconds(), r.sampleStepsPerSecond());
		o.println("  results in " + out);
	}

	private static String value(List<String> args, int i, String option) throws UsageException {
		if (i >= args.size())
			throw new UsageException(option + " needs a value");
		return args.get(i);
	}

	private static int positive(String v, String option) throws UsageException {
		try {
			int n = Integer.parseInt(v);
			if (n > 0)
				return n;
		} catch (NumberFormatException e) {
			// reported below
		}
		throw new UsageException(option + " needs a positive number, got '" + v + "'");
	}
}
