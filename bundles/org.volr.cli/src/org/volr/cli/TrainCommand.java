package org.volr.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.volr.pipeline.ExperimentSetup;
import org.volr.pipeline.Pipeline;
import org.volr.core.data.Dataset;
import org.volr.core.progress.ConsoleProgress;
import org.volr.core.weights.WeightStore;
import org.volr.model.Training;
import org.volr.pipeline.ExperimentSetup;
import org.volr.pipeline.Pipeline;

/** {@code volr train}: train an experiment's network as its train block says and write the weights. */
final class TrainCommand implements Command {
	@Override
	public String name() {
		return "train";
	}

	@Override
	public String summary() {
		return "train an experiment's network (its train block) and write the weights as .npz";
	}

	@Override
	public String usage() {
		return """
				usage: volr train FILE.volr [--experiment NAME] [-o OUT.npz]

				Trains the network of the experiment with its train block (optimizer, learning rate, epochs, batch,
				seed) on its training data (the train block's data, or the experiment's data with the train split),
				prints the accuracy on the experiment's test data and writes the weights, named by layer label
				(default OUT: EXPERIMENT-trained.npz beside FILE). The same seed gives the same weights.""";
	}

	@Override
	public int run(List<String> args, Console console) throws UsageException {
		Options o = Options.parse(args);
		ExperimentSetup setup = PipelineCommands.load(o.file, o.experiment, console);
		if (setup == null)
			return 1;
		if (!(setup.experiment.getWeights() instanceof Training))
			throw new UsageException("experiment '" + setup.experiment.getName() + "' has no train block to train with");
		Path out = o.output != null ? o.output
				: o.file.toAbsolutePath().getParent().resolve(setup.experiment.getName() + "-trained.npz");
		ConsoleProgress progress = ConsoleProgress.onStandardError();
		return PipelineCommands.guarded("train", setup, o.file, out.toString(), console, () -> {
			Pipeline pipeline = new Pipeline(setup, console.err(), progress);
			WeightStore weights = pipeline.weights();
			weights.write(out);
			if (setup.trainsSpiking()) {
				// no ANN to evaluate: the spiking network's test accuracy is what volr run simulates
				var trained = pipeline.spikingTraining();
				int last = trained.epochLosses().length - 1;
				console.out().printf(Locale.ROOT, "trained %s as a spiking network: training accuracy %.2f %% in the last epoch (volr run simulates"
						+ " the test data); weights in %s%n", setup.experiment.getNetwork().getName(), 100 * trained.epochAccuracies()[last], out);
				return 0;
			}
			Dataset test = pipeline.testData(-1);
			console.out().printf(Locale.ROOT, "trained %s: test accuracy %.2f %% on %d samples; weights in %s%n",
					setup.experiment.getNetwork().getName(), 100 * pipeline.annAccuracy(weights, test), test.size(), out);
			return 0;
		});
	}

	/** FILE [--experiment NAME] [-o PATH], shared by train and convert. */
	record Options(Path file, String experiment, Path output) {
		static Options parse(List<String> args) throws UsageException {
			Path file = null, output = null;
			String experiment = null;
			for (int i = 0; i < args.size(); i++) {
				String a = args.get(i);
				if (a.equals("--experiment") || a.equals("-o") || a.equals("--output")) {
					if (i + 1 >= args.size())
						throw new UsageException(a + " needs a value");
					String v = args.get(++i);
					if (a.equals("--experiment"))
						experiment = v;
					else
						output = Path.of(v);
				} else {
					file = VolrFiles.single(file, a);
				}
			}
			if (file == null)
				throw new UsageException("no .volr file given");
			return new Options(file, experiment, output);
		}
	}
}
