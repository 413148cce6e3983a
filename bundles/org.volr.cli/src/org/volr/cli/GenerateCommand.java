package org.volr.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.volr.core.progress.ConsoleProgress;
import org.volr.core.weights.WeightStore;
import org.volr.gen.nir.NirNeuron;
import org.volr.gen.nir.NirWriter;
import org.volr.model.NeuronKind;
import org.volr.model.Parameter;
import org.volr.model.units.Units;

/** {@code volr generate}: the converted network written for another simulator or chip. */
final class GenerateCommand implements Command {
	/** The targets that exist so far; the others of the language (pynn, brian2, spinnaker, lava) are still to come. */
	private static final List<String> TARGETS = List.of("nir");

	@Override
	public String name() {
		return "generate";
	}

	@Override
	public String summary() {
		return "write an experiment's converted network for a target (so far: nir)";
	}

	@Override
	public String usage() {
		return """
				usage: volr generate --target nir FILE.volr [--experiment NAME] [-o OUT.nir]

				Converts the experiment's network as 'volr convert' does and writes it for the target:
				  nir  a NIR graph (HDF5, the layout nir.write produces): Affine/Linear/Conv2d/AvgPool2d/Flatten
				       nodes named after the layer labels, each followed by the experiment's IF or LIF neurons;
				       parallel branches (|) are lowered by splitting the next dense layer into column blocks.
				A network the target cannot express is refused with the layer named. Default OUT: NETWORK.nir
				beside FILE.""";
	}

	@Override
	public int run(List<String> args, Console console) throws UsageException {
		String target = null;
		for (int i = 0; i < args.size(); i++)
			if (args.get(i).equals("--target")) {
				if (i + 1 >= args.size())
					throw new UsageException("--target needs a name");
				target = args.get(i + 1);
				args.remove(i + 1);
				args.remove(i);
				break;
			}
		if (target == null)
			throw new UsageException("no --target given; targets: " + String.join(", ", TARGETS));
		if (!TARGETS.contains(target))
			throw new UsageException("target '" + target + "' is not generated yet; targets: " + String.join(", ", TARGETS));
		TrainCommand.Options o = TrainCommand.Options.parse(args);
		ExperimentSetup setup = ExperimentSetup.load(o.file(), o.experiment(), console);
		if (setup == null)
			return 1;
		String network = setup.experiment.getNetwork().getName();
		Path out = o.output() != null ? o.output() : o.file().toAbsolutePath().getParent().resolve(network + ".nir");
		ConsoleProgress progress = ConsoleProgress.onStandardError();
		return Pipeline.guarded("generate", o.file(), out.toString(), console, () -> {
			Pipeline pipeline = new Pipeline(setup, console, progress);
			WeightStore converted = pipeline.convert(pipeline.weights(), out.toAbsolutePath().getParent().resolve(network + "-converted"));
			NirWriter.write(setup.experiment.getNetwork(), converted, neuron(setup), out);
			console.err().println("wrote " + out);
			return 0;
		});
	}

	/** The experiment's neuron block in NIR's terms (SI seconds for tau). */
	private static NirNeuron neuron(ExperimentSetup setup) {
		var model = setup.experiment.getNeuron();
		Map<String, Double> values = new java.util.HashMap<>();
		if (model != null)
			for (Parameter p : model.getParams())
				values.put(p.getName(), Units.toBase(p.getValue()));
		float threshold = values.getOrDefault("v_thresh", 1.0).floatValue();
		if (model == null || model.getKind() == NeuronKind.IF)
			return NirNeuron.ifNeuron(threshold);
		if (model.getKind() == NeuronKind.LIF)
			return NirNeuron.lif((float) (values.getOrDefault("tau_m", 20.0) / 1000.0), threshold,
					values.getOrDefault("v_rest", 0.0).floatValue());
		throw new IllegalArgumentException("CubaLIF neurons are not written to NIR yet; use IF or LIF");
	}
}
