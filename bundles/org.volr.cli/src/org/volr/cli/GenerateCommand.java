package org.volr.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.volr.core.progress.ConsoleProgress;
import org.volr.gen.TargetGenerator;
import org.volr.gen.TargetRegistry;
import org.volr.pipeline.ExperimentSetup;
import org.volr.pipeline.TargetGeneration;

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
		ExperimentSetup setup = PipelineCommands.load(o.file(), o.experiment(), console);
		if (setup == null)
			return 1;
		Map<String, Map<String, String>> wanted = new LinkedHashMap<>();
		if (only != null) {
			wanted.put(only, new LinkedHashMap<>(TargetGeneration.optionsOf(setup.experiment, only)));
		} else {
			wanted.putAll(TargetGeneration.targetsOf(setup.experiment));
			if (wanted.isEmpty())
				throw new UsageException("experiment '" + setup.experiment.getName() + "' lists no targets; give --target ("
						+ String.join(", ", TargetRegistry.ids()) + ")");
		}
		for (String id : wanted.keySet()) {
			if (TargetRegistry.find(id).isEmpty())
				throw new UsageException("no target '" + id + "'; installed: " + String.join(", ", TargetRegistry.ids()));
			wanted.get(id).putAll(extra);
		}
		ConsoleProgress progress = ConsoleProgress.onStandardError();
		return PipelineCommands.guarded("generate", setup, o.file(), "the generated files", console, () -> {
			Path root = o.output() != null ? o.output() : o.file().toAbsolutePath().getParent().resolve("src-gen");
			TargetGeneration.Outcome outcome = TargetGeneration.generate(setup, wanted, samples, root, o.output() != null, console.err(), progress);
			for (TargetGeneration.Refusal r : outcome.refusals())
				console.out().println(o.file() + ":" + setup.positionOfRefusal(r.target(), r.problem()) + ": error: " + r.target() + ": "
						+ r.problem());
			long failures = outcome.refusals().stream().map(TargetGeneration.Refusal::target).distinct().count();
			if (failures > 0)
				console.err().println("volr generate: " + failures + " of " + wanted.size() + " targets refused the model ("
						+ setup.experiment.getNetwork().getName() + ")");
			return failures > 0 ? 1 : 0;
		});
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
