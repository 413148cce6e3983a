package org.volr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.xtext.resource.XtextResource;
import org.volr.convert.ImportException;
import org.volr.convert.ImportedModel;
import org.volr.lang.api.Diagnostic;
import org.volr.lang.api.VolrLanguage;
import org.volr.gen.nir.NirTime;
import org.volr.model.Conversion;
import org.volr.model.DiscretisationKind;
import org.volr.model.Dense;
import org.volr.model.Experiment;
import org.volr.model.ImportedWeights;
import org.volr.model.Normalization;
import org.volr.model.Quantity;
import org.volr.model.Simulation;
import org.volr.model.VolrFactory;
import org.volr.model.VolrFile;
import org.volr.model.WeightFormat;
import org.volr.pipeline.ModelImporters;
import org.volr.pipeline.WeightsCheck;

/** {@code volr import}: a trained model becomes a .volr file plus a weights file, editable like any network. */
final class ImportCommand implements Command {
	@Override
	public String name() {
		return "import";
	}

	@Override
	public String summary() {
		return "import a trained model (Keras .h5/.keras, ONNX, NIR) as a .volr network plus an .npz weights file";
	}

	@Override
	public String usage() {
		return """
				usage: volr import MODEL [-o OUT.volr|DIR] [--name NAME] [--dt QUANTITY] [--discretisation euler|exact]

				Reads a Keras 2 HDF5 model (.h5), a Keras 3 model (.keras) or an ONNX model as PyTorch or tf2onnx
				exports it (.onnx) or a NIR graph (.nir: Affine/Linear/Conv2d/pooling with IF, LIF, CubaLIF or LI
				neurons, flat or nested, recurrent layers as snnTorch, Norse, Spyx and Rockpool write them). Keras:
				Sequential, or functional without branches; channels first or last; Theano- or TensorFlow-trained. Writes OUT.volr (the network and an experiment using it) and
				OUT.npz (the weights, named by layer label). Dropout is removed, batch normalisation folded exactly
				into a neighbouring layer, separate activations merged; each rewrite is listed as a comment at the
				top of OUT.volr. A layer that cannot be represented is an error naming it; nothing is dropped.
				Default OUT: the model's name in the current directory (or in DIR when -o names a directory). An .npz
				holds weights only, no network: write the network in .volr and name the file in the experiment's
				weights clause (weights npz "FILE.npz").

				NIR stores no time step: a graph is read for --dt (default 0.1 ms, the NIR paper's step) and
				--discretisation (default euler, how snnTorch, Norse and Lava-dl step it), a spike being the value 1
				during its step. The LIF, LI and CubaLIF nodes' input gains for that step are folded into the weights,
				and the experiment runs with simulate { dt 0.1 ms, discretisation euler } (SEMANTICS.md, "Time in NIR
				graphs"). Under euler, dt must be below every time constant of the graph.""";
	}

	@Override
	public int run(List<String> args, Console console) throws UsageException {
		Path out = null;
		String name = null;
		Path model = null;
		double dtMillis = NirTime.PAPER.dtMillis();
		DiscretisationKind discretisation = NirTime.PAPER.discretisation();
		boolean timeGiven = false;
		for (int i = 0; i < args.size(); i++) {
			String a = args.get(i);
			if (a.equals("--dt")) {
				if (++i >= args.size())
					throw new UsageException("--dt needs a time step, e.g. --dt 0.1ms");
				dtMillis = millis(args.get(i));
				timeGiven = true;
			} else if (a.equals("--discretisation")) {
				if (++i >= args.size())
					throw new UsageException("--discretisation needs euler or exact");
				discretisation = DiscretisationKind.get(args.get(i));
				if (discretisation == null)
					throw new UsageException("--discretisation is euler or exact, got '" + args.get(i) + "'");
				timeGiven = true;
			} else if (a.equals("-o") || a.equals("--output")) {
				if (++i >= args.size())
					throw new UsageException(a + " needs a file name");
				out = Path.of(args.get(i));
			} else if (a.equals("--name")) {
				if (++i >= args.size())
					throw new UsageException("--name needs a name");
				name = args.get(i);
			} else if (a.startsWith("-")) {
				throw new UsageException("unknown option '" + a + "'");
			} else if (model == null) {
				model = Path.of(a);
			} else {
				throw new UsageException("one model at a time; got " + model + " and " + a);
			}
		}
		if (model == null)
			throw new UsageException("no model file given");
		String base = model.getFileName().toString().replaceFirst("\\.(h5|hdf5|keras|onnx|nir)$", "");
		if (name == null)
			name = identifier(base);
		else if (!name.matches("[A-Za-z_][A-Za-z0-9_]*"))
			throw new UsageException("--name must be an identifier (letters, digits, _), got '" + name + "'");
		if (out == null)
			out = Path.of(base + ".volr");
		else if (Files.isDirectory(out))
			out = out.resolve(base + ".volr"); // a directory takes the default name
		if (!Files.isRegularFile(model)) {
			console.out().println(model + ":1:1: error: no such file");
			return 1;
		}
		ImportedModel imported;
		org.volr.model.NeuronModel neuron = null; // a NIR graph says which neurons it has; Keras and ONNX do not
		org.volr.model.Readout readout = null; // and whether its output is read by its membrane
		try {
			ModelImporters.Importer importer = ModelImporters.forFile(model);
			if (importer == null) {
				console.out().println(model + ":1:1: error: unknown model format; expected " + ModelImporters.accepted());
				return 1;
			}
			if (!(importer instanceof ModelImporters.ModelImporter modelImporter)) {
				console.out().println(model + ":1:1: error: " + model.getFileName() + " holds weights only, no network to import: write the"
						+ " network in a .volr file and name this file in its experiment's weights clause, weights "
						+ importer.format().getLiteral() + " \"" + model.getFileName() + "\"");
				return 1;
			}
			if (timeGiven && modelImporter.format() != WeightFormat.NIR)
				throw new UsageException("--dt and --discretisation are for NIR graphs (which store no time step); "
						+ model.getFileName() + " is " + modelImporter.files());
			ModelImporters.Imported read = modelImporter.read(model, name, new NirTime(dtMillis / 1000.0, discretisation));
			imported = read.model();
			neuron = read.neuron();
			readout = read.readout();
		} catch (ImportException e) {
			console.out().println(model + ":1:1: error: " + e.getMessage());
			return 1;
		}
		String problem = WeightsCheck.problem(imported);
		if (problem != null) {
			console.out().println(model + ":1:1: error: " + model.getFileName() + ": the imported network does not match its own weights ("
					+ problem + "); a bug of volr import, nothing was written");
			return 1;
		}
		Path weightsFile = out.resolveSibling(out.getFileName().toString().replaceFirst("\\.volr$", "") + ".npz");
		VolrFile file = VolrFactory.eINSTANCE.createVolrFile();
		file.getElements().add(imported.network());
		Experiment experiment = VolrFactory.eINSTANCE.createExperiment();
		experiment.setName(name + "_run");
		experiment.setNetwork(imported.network());
		ImportedWeights w = VolrFactory.eINSTANCE.createImportedWeights();
		w.setFormat(WeightFormat.NPZ);
		w.setPath(weightsFile.getFileName().toString());
		experiment.setWeights(w);
		if (neuron != null)
			experiment.setNeuron(neuron);
		boolean nir = ModelImporters.forFile(model).format() == WeightFormat.NIR;
		if (readout != null || nir) {
			Simulation simulation = VolrFactory.eINSTANCE.createSimulation();
			if (readout != null)
				simulation.setReadout(readout);
			if (nir) { // the weights hold for this step only (the input gains folded into them)
				Quantity dt = VolrFactory.eINSTANCE.createQuantity();
				dt.setValue(dtMillis);
				dt.setUnit("ms");
				simulation.setDt(dt);
				simulation.setDiscretisation(discretisation);
			}
			experiment.setSimulation(simulation);
		}
		if (recurrent(imported.network())) {
			// the ANN has no recurrent layers, so there is nothing to normalise on: the weights run as trained (SEMANTICS.md)
			Conversion conversion = VolrFactory.eINSTANCE.createConversion();
			conversion.setNormalization(Normalization.NONE);
			experiment.setConversion(conversion);
		}
		file.getElements().add(experiment);

		VolrLanguage lang = VolrLanguage.create();
		String text = lang.serializeDetached(file);
		VolrLanguage.Workspace ws = lang.workspace();
		XtextResource resource = ws.add(out.toAbsolutePath(), text);
		String formatted = resource == null ? null : lang.format(resource);
		if (formatted == null) {
			console.err().println("volr import: the network imported from " + model.getFileName() + " does not read back as .volr text"
					+ " (a bug of volr import; nothing was written). The text was:\n" + text);
			return 1;
		}
		StringBuilder header = new StringBuilder("// Imported from ").append(model.getFileName()).append(" by volr import.\n");
		for (String note : imported.notes())
			header.append("// - ").append(note).append('\n');
		// both files or neither: the weights wait beside their place until the .volr file that names them is written
		Path pendingWeights = weightsFile.resolveSibling("." + weightsFile.getFileName() + ".pending");
		try {
			imported.weights().write(pendingWeights);
			org.volr.core.io.AtomicFiles.writeString(out, header + "\n" + formatted);
			java.nio.file.Files.move(pendingWeights, weightsFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
					java.nio.file.StandardCopyOption.ATOMIC_MOVE);
		} catch (IOException e) {
			console.err().println("volr import: cannot write " + out + ": " + org.volr.lang.api.IoMessages.describe(e));
			return 1;
		} finally {
			try {
				java.nio.file.Files.deleteIfExists(pendingWeights);
			} catch (IOException ignored) {
				// a leftover hidden file is all that remains of a failed write
			}
		}
		List<Diagnostic> problems = lang.check(List.of(out));
		problems.forEach(console.out()::println);
		console.err().println("wrote " + out + " (network '" + name + "', " + imported.network().eContents().size() + " parts) and "
				+ weightsFile + " (" + imported.weights().size() + " arrays)");
		return problems.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR) ? 1 : 0;
	}

	/** A time step as written on the command line, "0.1ms", "0.1 ms", "100us" or "1e-4s", in ms. */
	static double millis(String text) throws UsageException {
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*(s|ms|us)\\s*").matcher(text);
		if (!m.matches())
			throw new UsageException("--dt needs a time with its unit (s, ms or us), e.g. --dt 0.1ms; got '" + text + "'");
		double value = Double.parseDouble(m.group(1)) * switch (m.group(2)) {
		case "s" -> 1000.0;
		case "us" -> 0.001;
		default -> 1.0;
		};
		if (!(value > 0) || !Double.isFinite(value))
			throw new UsageException("--dt must be a positive time, got '" + text + "'");
		return value;
	}

	private static boolean recurrent(org.volr.model.Network network) {
		for (var it = network.eAllContents(); it.hasNext();)
			if (it.next() instanceof Dense d && d.isRecurrent())
				return true;
		return false;
	}

	/** A file name as a Volr identifier: "lenet5-98.96" → "lenet5_98_96". */
	static String identifier(String base) {
		String id = base.replaceAll("[^A-Za-z0-9_]", "_");
		return Character.isDigit(id.isEmpty() ? '0' : id.charAt(0)) ? "m_" + id : id;
	}
}
