package org.volr.cli;

import java.nio.file.Path;
import java.util.List;

import org.volr.core.progress.ConsoleProgress;
import org.volr.pipeline.ExperimentRun;
import org.volr.pipeline.ExperimentSetup;
import org.volr.pipeline.RunSummary;

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
				accuracy.csv, predictions.csv (class and output spike counts per sample), report.json, converted.npz, ann-vs-snn.csv
				(ANN activation and SNN rate per sampled neuron), spike-counts.csv (spikes per neuron of the first recorded
				samples) and the plots accuracy, rates and ann-vs-snn (.png/.svg).
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
			default -> file = VolrFiles.single(file, a);
			}
		}
		if (file == null)
			throw new UsageException("no .volr file given");
		ExperimentSetup setup = PipelineCommands.load(file, experimentName, console);
		if (setup == null)
			return 1;
		if (out == null)
			out = file.toAbsolutePath().getParent().resolve(setup.experiment.getName() + "-results");
		ConsoleProgress progress = ConsoleProgress.onStandardError();
		Path results = out;
		int stepsOverride = steps, sampleLimit = limit;
		return PipelineCommands.guarded(name, setup, file, "results", console, () -> {
			ExperimentRun.Outcome outcome = ExperimentRun.run(setup, setup.simulation(stepsOverride), sampleLimit, results, console.err(), progress);
			RunSummary.print(console.out(), setup, outcome, results);
			return 0;
		});
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
