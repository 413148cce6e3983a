package org.volr.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.volr.convert.ImportException;
import org.volr.convert.ImportedModel;
import org.volr.convert.keras.KerasImporter;
import org.volr.convert.onnx.OnnxImporter;
import org.volr.core.weights.WeightStore;
import org.volr.gen.nir.NirReader;
import org.volr.gen.nir.NirTime;
import org.volr.model.NeuronModel;
import org.volr.model.Readout;
import org.volr.model.WeightFormat;

/**
 * The registry of weight sources, one entry per format of a {@code weights} clause: {@code volr import} picks one by
 * the file's extension, an experiment's {@code weights} clause by its format, so both read a file the same way.
 * Model files (Keras, ONNX, NIR) hold a network and its weights; an .npz holds weights only.
 */
public final class ModelImporters {
	/**
	 * What an importer gives: the network and its weights, and the neurons when the file says which (NIR), with the
	 * readout its output needs (membrane_max for NIR's LI output; null: spikes).
	 */
	public record Imported(ImportedModel model, NeuronModel neuron, Readout readout) {
		/** A model that says nothing of its neurons' readout: the experiment's default, spikes. */
		public Imported(ImportedModel model, NeuronModel neuron) {
			this(model, neuron, null);
		}
	}

	/** Reads a model file; time is the step a format that stores none (NIR) is read for, the others ignore it. */
	@FunctionalInterface
	interface ModelReader {
		Imported read(Path file, String networkName, NirTime time) throws ImportException;
	}

	/** One format: its name in {@code weights} clauses, how a user would call its files, their extensions. */
	public sealed interface Importer permits ModelImporter, WeightsOnly {
		WeightFormat format();

		String files();

		List<String> extensions();

		/**
		 * The weights the file holds, keyed as a network named {@code networkName} names them, for a run with the step
		 * {@code time} (a NIR graph's input gains depend on it).
		 */
		WeightStore weights(Path file, String networkName, NirTime time) throws ImportException;
	}

	/** A format whose files hold a network with its weights: what {@code volr import} reads. */
	public record ModelImporter(WeightFormat format, String files, List<String> extensions, ModelReader reader) implements Importer {
		public Imported read(Path file, String networkName, NirTime time) throws ImportException {
			return reader.read(file, networkName, time);
		}

		@Override
		public WeightStore weights(Path file, String networkName, NirTime time) throws ImportException {
			// a NIR graph's neuron parameters are the experiment's neuron clause's to set: only the weights are taken
			return read(file, networkName, time).model().weights();
		}
	}

	/** A format whose files hold weights only, named by layer: the network is written in .volr. */
	public record WeightsOnly(WeightFormat format, String files, List<String> extensions) implements Importer {
		@Override
		public WeightStore weights(Path file, String networkName, NirTime time) {
			return WeightStore.read(file);
		}
	}

	private static final List<Importer> ALL = List.of(
			new ModelImporter(WeightFormat.KERAS, "a Keras .h5 or .keras file", List.of(".h5", ".hdf5", ".keras"),
					(file, name, time) -> new Imported(lowerName(file).endsWith(".keras") ? KerasImporter.importKeras3(file, name)
							: KerasImporter.importHdf5(file, name), null)),
			new ModelImporter(WeightFormat.ONNX, "an .onnx file", List.of(".onnx"), (file, name, time) -> new Imported(OnnxImporter.importModel(file, name), null)),
			new ModelImporter(WeightFormat.NIR, "a .nir graph", List.of(".nir"), (file, name, time) -> {
				NirReader.Result r = NirReader.readWithNeuron(file, name, time);
				return new Imported(r.model(), r.neuronModel(), r.readout());
			}),
			new WeightsOnly(WeightFormat.NPZ, "an .npz of weights", List.of(".npz")));

	private ModelImporters() {
	}

	public static List<Importer> all() {
		return ALL;
	}

	/** The importer for a file by its extension, or null. */
	public static Importer forFile(Path file) {
		String name = lowerName(file);
		for (Importer i : ALL)
			for (String extension : i.extensions())
				if (name.endsWith(extension))
					return i;
		return null;
	}

	/** The importer of a {@code weights} clause's format, or null when none is registered for it. */
	public static Importer forFormat(WeightFormat format) {
		for (Importer i : ALL)
			if (i.format() == format)
				return i;
		return null;
	}

	/**
	 * "a Keras .h5 or .keras file, an .onnx file or a .nir graph": what {@code volr import} accepts (the formats that
	 * hold a network), for messages.
	 */
	public static String accepted() {
		List<String> files = ALL.stream().filter(ModelImporter.class::isInstance).map(Importer::files).toList();
		return String.join(", ", files.subList(0, files.size() - 1)) + " or " + files.get(files.size() - 1);
	}

	private static String lowerName(Path file) {
		return file.getFileName().toString().toLowerCase(Locale.ROOT);
	}
}
