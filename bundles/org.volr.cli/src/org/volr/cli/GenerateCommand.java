package org.volr.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.volr.core.data.Batch;
import org.volr.core.data.BatchIterator;
import org.volr.core.data.Dataset;
import org.volr.core.progress.ConsoleProgress;
import org.volr.core.weights.WeightStore;
import org.volr.gen.GeneratedFiles;
import org.volr.gen.GenerationInput;
import org.volr.gen.SampleSet;
import org.volr.gen.TargetGenerator;
import org.volr.gen.TargetRegistry;
import org.volr.model.Simulation;
import org.volr.model.Target;
import org.volr.model.TargetOption;
import org.volr.model.units.Units;
import org.volr.sim.SimulationConfig;

/** {@code volr generate}: the converted network written for other simulators and chips, through the installed targets. */
final class GenerateCommand implements Command {
	@Override
	public String name() {
		return "generate";
	}

	@Override
	public String summary() {
		return "write an experiment's converted network for a target (" + String.join(", ", TargetRegistry.ids()) + ")";
	}

	@Override
	public String usage() {
		StringBuilder targets = new StringBuilder();
		for (TargetGenerator t : TargetRegistry.all())
			targets.append(String.format("  %-10s %s%n", t.id(), t.summary()));
		return """
				usage: volr generate [--target T] FILE.volr [--experiment NAME] [-o DIR] [--samples N] [--option KEY=VALUE]...

				Converts the experiment's network as 'volr convert' does and writes it for each target: the one given
				with --target, else those of the experiment's 'targets' clause (whose options apply; --option adds or
				overrides). Scripts ship the first N samples of the experiment's data (default 100) to run on.
				Each target first checks the model and refuses what it cannot do, naming the layer or setting.
				Default DIR: src-gen/TARGET beside FILE.
				Targets:
				""" + targets.toString().stripTrailing();
	}

	@Override
	public int run(List<String> args, Console console) throws UsageException {
		String only = take(args, "--target");
		String samplesArg = take(args, "--samples");
		Map<String, String> extra = new LinkedHashMap<>();
		for (String o; (o = take(args, "--option")) != null;) {
			int eq = o.indexOf('=');
			if (eq <= 0)
				throw new UsageException("--option takes KEY=VALUE, got '" + o + "'");
			extra.put(o.substring(0, eq), o.substring(eq + 1));
		}
		int samples;
		try {
			samples = samplesArg == null ? 100 : Integer.parseInt(samplesArg);
		} catch (NumberFormatException e) {
			throw new UsageException("--samples takes a number, got '" + samplesArg + "'");
		}
		TrainCommand.Options o = TrainCommand.Options.parse(args);
		ExperimentSetup setup = ExperimentSetup.load(o.file(), o.experiment(), console);
		if (setup == null)
			return 1;
		Map<String, Map<String, String>> wanted = new LinkedHashMap<>();
		if (only != null) {
			wanted.put(only, new LinkedHashMap<>(options(setup, only)));
		} else {
			for (Target t : setup.experiment.getTargets())
				wanted.put(t.getName(), new LinkedHashMap<>(options(setup, t.getName())));
			if (wanted.isEmpty())
				throw new UsageException("experiment '" + setup.experiment.getName() + "' lists no targets; give --target ("
						+ String.join(", ", TargetRegistry.ids()) + ")");
		}
		List<TargetGenerator> generators = new ArrayList<>();
		for (String id : wanted.keySet()) {
			TargetGenerator g = TargetRegistry.find(id).orElse(null);
			if (g == null)
				throw new UsageException("no target '" + id + "'; installed: " + String.join(", ", TargetRegistry.ids()));
			wanted.get(id).putAll(extra);
			generators.add(g);
		}
		ConsoleProgress progress = ConsoleProgress.onStandardError();
		return Pipeline.guarded("generate", o.file(), "the generated files", console, () -> {
			Pipeline pipeline = new Pipeline(setup, console, progress);
			String network = setup.experiment.getNetwork().getName();
			Path base = o.file().toAbsolutePath().getParent();
			Path root = o.output() != null ? o.output() : base.resolve("src-gen");
			WeightStore converted = pipeline.convert(pipeline.weights(), root); // root/converted.npz, for the record
			SimulationConfig simulation = setup.simulation(0);
			SampleSet shipped = samples > 0 && setup.experiment.getData() != null ? samples(pipeline.testData(samples), samples) : null;
			int failures = 0;
			for (TargetGenerator g : generators) {
				GenerationInput input = new GenerationInput(o.file().toString(), setup.experiment.getName(), setup.experiment.getNetwork(),
						converted, simulation, dtMillis(setup.experiment.getSimulation()), wanted.get(g.id()), shipped);
				List<String> problems = g.validate(input);
				if (!problems.isEmpty()) {
					for (String p : problems)
						console.out().println(o.file() + ":1:1: error: " + g.id() + ": " + p);
					failures++;
					continue;
				}
				Path dir = o.output() != null ? (generators.size() == 1 ? o.output() : o.output().resolve(g.id()))
						: root.resolve(g.id());
				GeneratedFiles files = g.generate(input, dir);
				for (Path f : files.files())
					console.err().println("wrote " + f);
				for (String n : files.notes())
					console.err().println(g.id() + ": " + n);
			}
			if (failures > 0)
				console.err().println("volr generate: " + failures + " of " + generators.size() + " targets refused the model (" + network + ")");
			return failures > 0 ? 1 : 0;
		});
	}

	private static Map<String, String> options(ExperimentSetup setup, String target) {
		return setup.experiment.getTargets().stream().filter(t -> t.getName().equals(target)).flatMap(t -> t.getOptions().stream())
				.collect(Collectors.toMap(TargetOption::getKey, op -> op.getValue() == null ? "true" : op.getValue(), (a, b) -> b, LinkedHashMap::new));
	}

	private static double dtMillis(Simulation s) {
		return s != null && s.getDt() != null ? Units.toBase(s.getDt()) : 1.0;
	}

	private static SampleSet samples(Dataset data, int limit) {
		int n = Math.min(limit, data.size());
		int size = 1;
		for (int d : data.sampleShape())
			size *= d;
		float[] features = new float[n * size];
		int[] labels = new int[n];
		int filled = 0;
		try (BatchIterator it = data.batches(Math.max(1, Math.min(n, 256)))) {
			while (it.hasNext() && filled < n) {
				Batch b = it.next();
				int take = Math.min(b.size(), n - filled);
				System.arraycopy(b.features(), 0, features, filled * size, take * size);
				System.arraycopy(b.labels(), 0, labels, filled, take);
				filled += take;
			}
		} catch (Exception e) {
			throw new IllegalArgumentException("cannot read the samples to ship: " + e.getMessage(), e);
		}
		return new SampleSet(filled, data.sampleShape(), java.util.Arrays.copyOf(features, filled * size), java.util.Arrays.copyOf(labels, filled));
	}

	/** Removes "--name VALUE" from args and returns VALUE (null when absent). */
	private static String take(List<String> args, String name) throws UsageException {
		for (int i = 0; i < args.size(); i++)
			if (args.get(i).equals(name)) {
				if (i + 1 >= args.size())
					throw new UsageException(name + " needs a value");
				String v = args.get(i + 1);
				args.remove(i + 1);
				args.remove(i);
				return v;
			}
		return null;
	}
}
