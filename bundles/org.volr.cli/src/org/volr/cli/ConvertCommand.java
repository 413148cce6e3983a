package org.volr.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.volr.pipeline.ExperimentSetup;
import org.volr.pipeline.Pipeline;
import org.volr.core.data.Dataset;
import org.volr.core.progress.ConsoleProgress;
import org.volr.core.weights.WeightStore;
import org.volr.pipeline.ExperimentSetup;
import org.volr.pipeline.Pipeline;

/** {@code volr convert}: normalise an experiment's ANN for spiking neurons and write the converted weights. */
final class ConvertCommand implements Command {
	@Override
	public String name() {
		return "convert";
	}

	@Override
	public String summary() {
		return "convert an experiment's ANN to spiking weights (normalisation) and report λ per layer";
	}

	@Override
	public String usage() {
		return """
				usage: volr convert FILE.volr [--experiment NAME] [-o DIR]

				Takes the experiment's weights (imported or trained), measures the ANN's accuracy, normalises every
				layer as its convert block says (percentile of the activations on 'samples' training samples, layer-
				or channel-wise) and writes DIR/converted.npz and DIR/report.json (λ and the clipped fraction of
				every layer). Default DIR: EXPERIMENT-results beside FILE.""";
	}

	@Override
	public int run(List<String> args, Console console) throws UsageException {
		TrainCommand.Options o = TrainCommand.Options.parse(args);
		ExperimentSetup setup = PipelineCommands.load(o.file(), o.experiment(), console);
		if (setup == null)
			return 1;
		Path out = o.output() != null ? o.output()
				: o.file().toAbsolutePath().getParent().resolve(setup.experiment.getName() + "-results");
		ConsoleProgress progress = ConsoleProgress.onStandardError();
		return PipelineCommands.guarded("convert", setup, o.file(), out.toString(), console, () -> {
			Pipeline pipeline = new Pipeline(setup, console.err(), progress);
			Dataset test = pipeline.testData(-1);
			WeightStore weights = pipeline.weights();
			double accuracy = pipeline.annAccuracyIfComputable(weights, test);
			pipeline.convert(weights, out);
			pipeline.writeReport(out, null, accuracy);
			console.out().printf(Locale.ROOT, "converted %s (%s)%n", setup.experiment.getNetwork().getName(), Double.isNaN(accuracy)
					? "no ANN accuracy: the network is recurrent" : String.format(Locale.ROOT, "ANN accuracy %.2f %%", 100 * accuracy));
			console.out().print(Files.readString(out.resolve("report.json")));
			return 0;
		});
	}
}
