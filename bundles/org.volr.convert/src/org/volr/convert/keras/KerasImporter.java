package org.volr.convert.keras;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.eclipse.emf.ecore.util.EcoreUtil;
import org.volr.convert.ImportException;
import org.volr.convert.ImportedModel;
import org.volr.convert.Labels;
import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;
import org.volr.model.Activation;
import org.volr.model.ActivationLayer;
import org.volr.model.Block;
import org.volr.model.Conv;
import org.volr.model.ConvKind;
import org.volr.model.Dense;
import org.volr.model.Flatten;
import org.volr.model.Fork;
import org.volr.model.GlobalPool;
import org.volr.model.Layer;
import org.volr.model.Network;
import org.volr.model.Padding;
import org.volr.model.Pool;
import org.volr.model.PoolKind;
import org.volr.model.PoolOp;
import org.volr.model.Sequence;
import org.volr.model.Shape;
import org.volr.model.VolrFactory;
import org.volr.model.shapes.NetType;
import org.volr.model.shapes.ShapeInference;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

/**
 * Imports a Keras 2 HDF5 model (the {@code model_config} JSON plus the {@code model_weights} group) or a Keras 3
 * {@code .keras} archive ({@code config.json} plus {@code model.weights.h5}, see {@link Keras3Weights}) into the
 * metamodel. Both formats share the layer mapping below; they differ only in how the layer list is found and in
 * the {@link WeightLookup} that fetches a layer's weights. A functional model's branches merged by Concatenate or
 * Add become | and + blocks (see {@link KerasGraph} for the graphs that can be nested so). Every layer is either
 * represented, rewritten with a note (dropout removed, batch norm folded, activation merged) or refused with an
 * error naming it: nothing is dropped silently.
 */
public final class KerasImporter {
	private static final VolrFactory F = VolrFactory.eINSTANCE;

	private final Path file;
	private final List<String> notes = new ArrayList<>();
	private final Labels labels = new Labels();
	private boolean theano;
	/** The input shape the model records outside its layers (Keras 3), used when no layer declares one. */
	private JsonArray declaredInputShape;

	private KerasImporter(Path file) {
		this.file = file;
	}

	public static ImportedModel importHdf5(Path file, String networkName) throws ImportException {
		return new KerasImporter(file).run(networkName);
	}

	/**
	 * Imports a Keras 3 {@code .keras} archive: a zip with {@code config.json} (the serialized Sequential or
	 * Functional model), {@code metadata.json} and {@code model.weights.h5}. The same layers are supported, with
	 * the same notes and errors, as by {@link #importHdf5(Path, String)}.
	 */
	public static ImportedModel importKeras3(Path file, String networkName) throws ImportException {
		return new KerasImporter(file).runKeras3(networkName);
	}

	/** Fetches one kind of weight ({@code kernel}, {@code bias}, {@code gamma}, ...) of a layer, or fails naming it. */
	@FunctionalInterface
	interface WeightLookup {
		FloatTensor read(KerasLayerConfig layer, String kind) throws ImportException;
	}

	// ------------------------------------------------------------------------------------------------ reading

	/** A step that reads the model's JSON configuration, which a damaged file may give any structure. */
	@FunctionalInterface
	private interface ConfigStep<T> {
		T read() throws ImportException;
	}

	/** Runs a step on the configuration; a missing or mistyped entry fails as an error naming where it was read. */
	private <T> T fromConfig(String where, ConfigStep<T> step) throws ImportException {
		try {
			return step.read();
		} catch (RuntimeException e) { // Gson reports missing or mistyped entries with unchecked exceptions
			throw ImportException.damaged(file, where + " is not the configuration of a Keras model as expected"
					+ " ({\"class_name\": ..., \"config\": {\"layers\": [...]}})", e);
		}
	}

	private JsonObject parseJson(String text, String where) throws ImportException {
		try {
			JsonElement e = JsonParser.parseString(text);
			if (!e.isJsonObject())
				throw new ImportException(file, where + " is not a JSON object; expected the configuration of a Keras model");
			return e.getAsJsonObject();
		} catch (JsonParseException | StackOverflowError e) {
			throw ImportException.damaged(file, where + " is not valid JSON", e);
		}
	}

	private ImportedModel run(String networkName) throws ImportException {
		try (HdfFile hdf = new HdfFile(file)) {
			String config = stringAttribute(hdf, "model_config");
			if (config == null)
				throw new ImportException(file, "no 'model_config' attribute: not a Keras 2 HDF5 model"
						+ " (a file saved by model.save(\"...h5\") has one; weights-only files do not)");
			String backend = stringAttribute(hdf, "backend");
			theano = "theano".equals(backend);
			if (theano)
				notes.add("trained with the Theano backend: convolution kernels flipped to cross-correlation");
			JsonObject model = parseJson(config, "'model_config'");
			List<KerasLayerConfig> layers = fromConfig("'model_config'", () -> layerList(model));
			refuseUnsupported(layers);
			List<KerasGraph.Part> structure = fromConfig("'model_config'", () -> structure(model, layers));
			Node weights = hdf.getChild("model_weights");
			if (!(weights instanceof Group weightGroup))
				throw new ImportException(file, "no 'model_weights' group: the file holds no trained weights");
			return build(networkName, layers, structure, (k, kind) -> keras2Weight(weightGroup, k, kind));
		} catch (ImportException e) {
			throw e;
		} catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
			// jhdf signals damaged files with unchecked exceptions, and a damaged file can break any assumption here
			throw ImportException.damaged(file, "cannot read as a Keras HDF5 model", e);
		}
	}

	private ImportedModel runKeras3(String networkName) throws ImportException {
		Keras3Weights.Archive archive = Keras3Weights.Archive.read(file);
		JsonObject model = parseJson(archive.config(), "config.json");
		List<KerasLayerConfig> layers = fromConfig("config.json", () -> layerList(model));
		refuseUnsupported(layers);
		declaredInputShape = fromConfig("config.json", () -> keras3InputShape(model));
		List<KerasGraph.Part> structure = fromConfig("config.json", () -> structure(model, layers));
		boolean sequential = fromConfig("config.json", () -> "Sequential".equals(model.get("class_name").getAsString()));
		try (HdfFile hdf = HdfFile.fromBytes(archive.weights())) {
			Keras3Weights weights = new Keras3Weights(file, hdf, layers, sequential);
			return build(networkName, layers, structure, weights::read);
		} catch (ImportException e) {
			throw e;
		} catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
			throw ImportException.damaged(file, "model.weights.h5 in the archive cannot be read as a Keras model's weights", e);
		}
	}

	private static final Set<String> SUPPORTED_LAYERS = Set.of("InputLayer", "Dropout", "SpatialDropout1D", "SpatialDropout2D",
			"GaussianDropout", "GaussianNoise", "AlphaDropout", "Dense", "Conv1D", "Conv2D", "DepthwiseConv2D", "MaxPooling1D",
			"MaxPooling2D", "AveragePooling1D", "AveragePooling2D", "GlobalAveragePooling1D", "GlobalAveragePooling2D",
			"GlobalMaxPooling1D", "GlobalMaxPooling2D", "Flatten", "Activation", "ReLU", "Softmax", "BatchNormalization",
			"Concatenate", "Add");
	private static final String SUPPORTED = "supported are Dense, Conv1D, Conv2D, DepthwiseConv2D, Max/AveragePooling1D/2D,"
			+ " GlobalAverage/MaxPooling1D/2D, Flatten, Activation, ReLU, Softmax, BatchNormalization, Dropout, and in"
			+ " functional models Concatenate (written |) and Add (written +)";

	/** Every layer of a class that is not imported, in one error, so that one run tells everything to change. */
	private void refuseUnsupported(List<KerasLayerConfig> layers) throws ImportException {
		List<String> refused = new ArrayList<>();
		for (KerasLayerConfig k : layers) {
			if (SUPPORTED_LAYERS.contains(k.className()))
				continue;
			String how = KerasGraph.refusedMerge(k.className());
			refused.add("layer " + k.position() + " '" + k.name() + "' (" + k.className() + ")"
					+ (how == null ? " is not supported" : " merges its inputs by " + how));
		}
		if (refused.size() == 1)
			throw new ImportException(file, refused.get(0) + "; " + SUPPORTED);
		if (!refused.isEmpty())
			throw new ImportException(file, refused.size() + " layers are not supported: " + String.join("; ", refused) + ". "
					+ SUPPORTED.substring(0, 1).toUpperCase(Locale.ROOT) + SUPPORTED.substring(1));
	}

	/** A Keras 3 model without an InputLayer records its input in build_config / build_input_shape. */
	private static JsonArray keras3InputShape(JsonObject model) {
		JsonObject cfg = model.has("config") && model.get("config").isJsonObject() ? model.getAsJsonObject("config") : null;
		if (cfg != null && cfg.has("build_input_shape") && cfg.get("build_input_shape").isJsonArray())
			return cfg.getAsJsonArray("build_input_shape");
		if (model.has("build_config") && model.get("build_config").isJsonObject()) {
			JsonElement s = model.getAsJsonObject("build_config").get("input_shape");
			if (s != null && s.isJsonArray())
				return s.getAsJsonArray();
		}
		return null;
	}

	private static String stringAttribute(Node node, String name) {
		Attribute a = node.getAttribute(name);
		if (a == null)
			return null;
		Object data = a.getData();
		if (data instanceof String s)
			return s;
		if (data instanceof String[] arr && arr.length == 1)
			return arr[0];
		return String.valueOf(data);
	}

	record KerasLayerConfig(int position, String className, String name, JsonObject config) {
	}

	private List<KerasLayerConfig> layerList(JsonObject model) throws ImportException {
		String cls = model.has("class_name") ? model.get("class_name").getAsString() : "?";
		JsonElement cfg = model.get("config");
		JsonArray arr;
		if (cls.equals("Sequential")) {
			arr = cfg.isJsonArray() ? cfg.getAsJsonArray() : cfg.getAsJsonObject().getAsJsonArray("layers");
		} else if (cls.equals("Model") || cls.equals("Functional")) {
			arr = cfg.getAsJsonObject().getAsJsonArray("layers");
		} else {
			throw new ImportException(file, "model class '" + cls + "' is not supported; expected Sequential or a functional Model");
		}
		List<KerasLayerConfig> out = new ArrayList<>();
		for (int i = 0; i < arr.size(); i++) {
			JsonObject l = arr.get(i).getAsJsonObject();
			JsonObject c = l.getAsJsonObject("config");
			String name = c != null && c.has("name") ? c.get("name").getAsString() : "layer_" + (i + 1);
			out.add(new KerasLayerConfig(i + 1, l.get("class_name").getAsString(), name, c == null ? new JsonObject() : c));
		}
		return out;
	}

	/** A Sequential model is one chain; a functional model's graph is nested into chains and blocks. */
	private List<KerasGraph.Part> structure(JsonObject model, List<KerasLayerConfig> layers) throws ImportException {
		String cls = model.has("class_name") ? model.get("class_name").getAsString() : "?";
		if (cls.equals("Sequential"))
			return KerasGraph.chain(layers);
		JsonObject cfg = model.getAsJsonObject("config");
		return KerasGraph.nest(file, cfg.getAsJsonArray("layers"), layers, cfg);
	}

	// ------------------------------------------------------------------------------------------------ building

	/** One imported step before the rewrites: a metamodel layer with weights, or a batch norm still to fold. */
	static final class Step {
		final KerasLayerConfig keras;
		Layer layer;
		FloatTensor weight, bias;
		float[] bnScale, bnShift; // batch norm as y = scale·x + shift per channel

		Step(KerasLayerConfig keras) {
			this.keras = keras;
		}

		boolean isBatchNorm() {
			return bnScale != null;
		}

		String describe() {
			return "layer " + keras.position() + " '" + keras.name() + "' (" + keras.className() + ")";
		}
	}

	private ImportedModel build(String networkName, List<KerasLayerConfig> layers, List<KerasGraph.Part> structure,
			WeightLookup weights) throws ImportException {
		Network network = F.createNetwork();
		network.setName(networkName);
		Block block = F.createBlock();
		network.setBody(block);
		boolean channelsLast = modelIsChannelsLast(layers);
		network.setInput(inputShape(layers, channelsLast));
		ChainBuilder builder = new ChainBuilder(network, weights, channelsLast);
		builder.chain(structure, block, null);
		WeightStore store = new WeightStore();
		for (Step s : builder.all) {
			if (s.layer == null)
				continue;
			if (s.weight != null)
				store.put(s.layer.getLabel() + ".weight", s.weight);
			if (s.bias != null)
				store.put(s.layer.getLabel() + ".bias", s.bias);
		}
		return new ImportedModel(network, store, notes);
	}

	/** Builds the chains of the network, depth first, remembering every step for the weight store. */
	private final class ChainBuilder {
		final Network network;
		final WeightLookup weights;
		final boolean channelsLast;
		final List<Step> all = new ArrayList<>();

		ChainBuilder(Network network, WeightLookup weights, boolean channelsLast) {
			this.network = network;
			this.weights = weights;
			this.channelsLast = channelsLast;
		}

		/**
		 * Appends the parts to {@code target}, then folds its batch norms and merges its activations (within this
		 * chain only: a block boundary is never crossed).
		 *
		 * @param flattenedChannelsLast the [c, h, w] map a channels-last Flatten read, until a Dense consumes it
		 * @return that map if no Dense consumed it in this chain
		 */
		int[] chain(List<KerasGraph.Part> parts, Sequence target, int[] flattenedChannelsLast) throws ImportException {
			List<Step> steps = new ArrayList<>();
			for (KerasGraph.Part part : parts) {
				Step step;
				if (part instanceof KerasGraph.ForkPart fork) {
					step = fork(fork, target, flattenedChannelsLast);
					flattenedChannelsLast = null;
				} else {
					KerasLayerConfig k = ((KerasGraph.LayerPart) part).layer();
					step = new Step(k);
					if (!layer(step, flattenedChannelsLast))
						continue;
					if (step.layer instanceof Dense)
						flattenedChannelsLast = null;
					if (step.layer != null) {
						step.layer.setLabel(label(k));
						target.getSteps().add(step.layer);
						NetType t = ShapeInference.of(network).typeOf(step.layer);
						if (t == null)
							throw new ImportException(file, step.describe() + " does not fit the shape of its input: "
									+ shapeProblem(network));
						// Keras 2.2+ Flatten layers carry a data_format and always flatten in h-w-c order (a
						// channels_first map is moved to channels_last first, so that weights port between formats);
						// older ones flatten the tensor as it lies in memory.
						if (step.layer instanceof Flatten && (k.config().has("data_format") || channelsLast)
								&& t.in().rank() > 1)
							flattenedChannelsLast = t.in().dims();
					}
				}
				steps.add(step);
				all.add(step);
			}
			new BatchNormFolding(file, notes).fold(steps, network);
			mergeActivations(steps, target);
			return flattenedChannelsLast;
		}

		/** A Concatenate becomes | and an Add +; each branch is a block of its own, or identity for a skip connection. */
		private Step fork(KerasGraph.ForkPart part, Sequence target, int[] flattenedChannelsLast) throws ImportException {
			Step step = new Step(part.merge());
			boolean add = part.merge().className().equals("Add");
			Fork fork = add ? F.createAdd() : F.createParallel();
			target.getSteps().add(fork);
			for (List<KerasGraph.Part> branch : part.branches()) {
				Block b = F.createBlock();
				fork.getBranches().add(b);
				int[] left = chain(branch, b, flattenedChannelsLast);
				if (left != null)
					throw new ImportException(file, step.describe() + " merges a channels_last Flatten's output before a"
							+ " Dense reads it; the feature order cannot be carried through the merge (put the Flatten after it)");
				if (b.getSteps().isEmpty()) // nothing left (a skip connection, or only dropout): the input passes unchanged
					EcoreUtil.replace(b, F.createIdentity());
			}
			NetType t = ShapeInference.of(network).typeOf(fork);
			if (t == null)
				throw new ImportException(file, step.describe() + " cannot merge its inputs: " + shapeProblem(network));
			if (!add)
				checkConcatAxis(step, t.out().rank());
			return step;
		}

		/**
		 * Keras concatenates on any axis; a .volr | joins channels (the last axis of a channels_last tensor, axis 1
		 * of a channels_first one; both are our axis 0, so the channel order carries over unchanged).
		 */
		private void checkConcatAxis(Step merge, int rank) throws ImportException {
			JsonElement a = merge.keras.config().get("axis");
			int axis = a == null || a.isJsonNull() ? -1 : a.getAsInt();
			if (axis < 0)
				axis += rank + 1;
			int channelAxis = channelsLast ? rank : 1;
			if (axis != channelAxis)
				throw new ImportException(file, merge.describe() + " concatenates on axis " + (a == null ? -1 : a.getAsInt())
						+ " of its " + (rank + 1) + "-d inputs; only the channel axis (" + channelAxis + (channelsLast ? ", the last" : "")
						+ ") can be written with |");
		}

		/** Maps one Keras layer onto a metamodel layer (or a batch norm to fold); false for layers that are dropped. */
		private boolean layer(Step step, int[] flattenedChannelsLast) throws ImportException {
			KerasLayerConfig k = step.keras;
			JsonObject c = k.config();
			switch (k.className()) {
			case "InputLayer" -> {
				return false;
			}
			case "Dropout", "SpatialDropout1D", "SpatialDropout2D", "GaussianDropout", "GaussianNoise", "AlphaDropout" -> {
				notes.add("removed " + step.describe() + ": it does nothing at inference");
				return false;
			}
			case "Dense" -> {
				Dense d = F.createDense();
				d.setUnits(intOf(k, "units"));
				d.setActivation(activation(k, c));
				step.layer = d;
				FloatTensor kernel = readWeight(weights, k, "kernel", true);
				if (flattenedChannelsLast != null)
					kernel = KerasLayout.denseAfterChannelsLastFlatten(kernel, flattenedChannelsLast);
				step.weight = kernel;
				step.bias = readWeight(weights, k, "bias", bool(c, "use_bias", true));
			}
			case "Conv1D", "Conv2D", "DepthwiseConv2D" -> step.layer = conv(k, c, step, weights);
			case "MaxPooling1D", "MaxPooling2D", "AveragePooling1D", "AveragePooling2D" -> {
				Pool p = F.createPool();
				boolean max = k.className().startsWith("Max"), oneD = k.className().endsWith("1D");
				p.setKind(oneD ? (max ? PoolKind.MAX1D : PoolKind.AVG1D) : (max ? PoolKind.MAX2D : PoolKind.AVG2D));
				p.getSize().addAll(collapse(ints(k, c, "pool_size")));
				if (c.has("strides") && !c.get("strides").isJsonNull() && !ints(k, c, "strides").equals(ints(k, c, "pool_size")))
					p.getStride().addAll(collapse(ints(k, c, "strides")));
				p.setPadding(padding(k, c));
				step.layer = p;
			}
			case "GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalMaxPooling1D", "GlobalMaxPooling2D" -> {
				GlobalPool g = F.createGlobalPool();
				g.setOp(k.className().startsWith("GlobalMax") ? PoolOp.MAX : PoolOp.AVG);
				step.layer = g;
			}
			case "Flatten" -> step.layer = F.createFlatten();
			case "Activation", "ReLU", "Softmax" -> {
				ActivationLayer a = F.createActivationLayer();
				a.setActivation(k.className().equals("Activation") ? activation(k, c)
						: k.className().equals("Softmax") ? Activation.SOFTMAX : relu(k, c));
				step.layer = a;
			}
			case "BatchNormalization" -> batchNorm(k, c, step, weights, channelsLast);
			default -> throw new ImportException(file, "layer " + k.position() + " '" + k.name() + "' (" + k.className()
					+ ") is not supported here; " + SUPPORTED);
			}
			return true;
		}
	}

	/** The layer's name as its label; Keras allows names such as 'conv-1' or '0' that are no identifiers. */
	private String label(KerasLayerConfig k) {
		String label = labels.fresh(k.name());
		if (!label.equals(k.name()))
			notes.add("layer " + k.position() + " '" + k.name() + "' is labelled '" + label + "' (a label must be an identifier)");
		return label;
	}

	private static String shapeProblem(Network network) {
		var problems = ShapeInference.of(network).problems();
		return problems.isEmpty() ? "unknown shape" : problems.get(0).message();
	}

	private Conv conv(KerasLayerConfig k, JsonObject c, Step step, WeightLookup weights) throws ImportException {
		Conv conv = F.createConv();
		boolean depthwise = k.className().equals("DepthwiseConv2D");
		conv.setKind(depthwise ? ConvKind.DEPTHWISE2D : k.className().equals("Conv1D") ? ConvKind.CONV1D : ConvKind.CONV2D);
		if (depthwise) {
			int m = c.has("depth_multiplier") ? c.get("depth_multiplier").getAsInt() : 1;
			if (m != 1)
				conv.setMultiplier(m);
		} else {
			conv.setFilters(intOf(k, "filters"));
		}
		List<Integer> kernel = ints(k, c, "kernel_size");
		conv.getKernel().addAll(collapse(kernel));
		List<Integer> strides = ints(k, c, "strides");
		if (strides.stream().anyMatch(s -> s != 1))
			conv.getStride().addAll(collapse(strides));
		if (c.has("dilation_rate")) {
			List<Integer> dil = ints(k, c, "dilation_rate");
			if (dil.stream().anyMatch(d -> d != 1))
				conv.getDilation().addAll(collapse(dil));
		}
		conv.setPadding(padding(k, c));
		conv.setActivation(activation(k, c));
		FloatTensor kernelWeights = readWeight(weights, k, depthwise ? "depthwise_kernel" : "kernel", true);
		step.weight = depthwise ? KerasLayout.depthwiseKernel(kernelWeights, theano) : KerasLayout.convKernel(kernelWeights, theano);
		step.bias = readWeight(weights, k, "bias", bool(c, "use_bias", true));
		return conv;
	}

	private void batchNorm(KerasLayerConfig k, JsonObject c, Step step, WeightLookup weights, boolean channelsLast) throws ImportException {
		double eps = c.has("epsilon") ? c.get("epsilon").getAsDouble() : 1e-3;
		if (c.has("axis")) {
			JsonElement ax = c.get("axis");
			int axis = ax.isJsonArray() ? ax.getAsJsonArray().get(0).getAsInt() : ax.getAsInt();
			boolean channelAxis = channelsLast ? (axis == -1 || axis == 3 || axis == 2) : axis == 1;
			if (!channelAxis && !(axis == -1 || axis == 1))
				throw new ImportException(file, step.describe() + " normalises axis " + axis + ", not the channel axis;"
						+ " only per-channel batch normalisation can be folded");
		}
		FloatTensor mean = readWeight(weights, k, "moving_mean", true);
		FloatTensor var = readWeight(weights, k, "moving_variance", true);
		FloatTensor gamma = readWeight(weights, k, "gamma", bool(c, "scale", true));
		FloatTensor beta = readWeight(weights, k, "beta", bool(c, "center", true));
		int n = mean.data().length;
		step.bnScale = new float[n];
		step.bnShift = new float[n];
		for (int i = 0; i < n; i++) {
			double g = gamma == null ? 1 : gamma.data()[i], b = beta == null ? 0 : beta.data()[i];
			double s = g / Math.sqrt(var.data()[i] + eps);
			step.bnScale[i] = (float) s;
			step.bnShift[i] = (float) (b - mean.data()[i] * s);
		}
	}

	/** conv(linear) followed by Activation(f) becomes conv(f): one layer, one spiking population. */
	private void mergeActivations(List<Step> steps, Sequence chain) {
		Step previous = null;
		for (Step s : new ArrayList<>(steps)) {
			if (s.layer == null) { // a block: an activation after its merge acts on the merged tensor
				previous = null;
				continue;
			}
			if (s.layer instanceof ActivationLayer a && previous != null && (previous.layer instanceof Dense || previous.layer instanceof Conv)
					&& previous.layer.getActivation() == Activation.LINEAR) {
				previous.layer.setActivation(a.getActivation());
				chain.getSteps().remove(a);
				steps.remove(s);
				notes.add("merged " + s.describe() + " into '" + previous.keras.name() + "'");
				continue;
			}
			previous = s;
		}
	}

	// ------------------------------------------------------------------------------------------------ helpers

	private boolean modelIsChannelsLast(List<KerasLayerConfig> layers) {
		for (KerasLayerConfig k : layers)
			if (k.config().has("data_format"))
				return k.config().get("data_format").getAsString().equals("channels_last");
		return true; // Keras' default
	}

	private Shape inputShape(List<KerasLayerConfig> layers, boolean channelsLast) throws ImportException {
		for (KerasLayerConfig k : layers) {
			JsonObject c = k.config();
			JsonArray dims = c.has("batch_input_shape") ? c.getAsJsonArray("batch_input_shape")
					: c.has("batch_shape") ? c.getAsJsonArray("batch_shape") : null;
			if (dims == null)
				continue;
			return shapeFrom(k, dims, channelsLast);
		}
		if (declaredInputShape != null && !layers.isEmpty())
			return shapeFrom(layers.get(0), declaredInputShape, channelsLast);
		throw new ImportException(file, "no layer declares the input shape (batch_input_shape)");
	}

	private Shape shapeFrom(KerasLayerConfig k, JsonArray dims, boolean channelsLast) throws ImportException {
		List<Integer> d = new ArrayList<>();
		for (int i = 1; i < dims.size(); i++) {
			if (dims.get(i).isJsonNull())
				throw new ImportException(file, "layer " + k.position() + " '" + k.name() + "' has an input of unknown size "
						+ dims + "; Volr networks need fixed input shapes");
			d.add(dims.get(i).getAsInt());
		}
		if (channelsLast && d.size() > 1)
			d.add(0, d.remove(d.size() - 1)); // [h, w, c] → [c, h, w]
		Shape s = F.createShape();
		s.getDims().addAll(d);
		return s;
	}

	private static FloatTensor readWeight(WeightLookup weights, KerasLayerConfig k, String kind, boolean required) throws ImportException {
		return required ? weights.read(k, kind) : null;
	}

	private FloatTensor keras2Weight(Group weights, KerasLayerConfig k, String kind) throws ImportException {
		Node layerGroup = weights.getChild(k.name());
		if (!(layerGroup instanceof Group g))
			throw new ImportException(file, "model_weights has no group for " + "layer " + k.position() + " '" + k.name() + "'");
		Attribute names = g.getAttribute("weight_names");
		if (names != null && names.getData() instanceof String[] list) {
			for (String path : list) {
				String leaf = path.substring(path.lastIndexOf('/') + 1);
				if (leaf.equals(kind) || leaf.equals(kind + ":0"))
					return tensor(file, g.getByPath(path), "model_weights/" + k.name() + "/" + path);
			}
		}
		throw new ImportException(file, "layer " + k.position() + " '" + k.name() + "' (" + k.className() + ") has no '"
				+ kind + "' weights in model_weights/" + k.name());
	}

	static FloatTensor tensor(Path file, Node node, String where) throws ImportException {
		if (!(node instanceof Dataset ds))
			throw new ImportException(file, where + " is not a dataset");
		Object flat = ds.getDataFlat();
		float[] data;
		if (flat instanceof float[] f)
			data = f;
		else if (flat instanceof double[] d) {
			data = new float[d.length];
			for (int i = 0; i < d.length; i++)
				data[i] = (float) d[i];
		} else
			throw new ImportException(file, where + " holds " + ds.getJavaType()
					+ ", expected float32 or float64");
		return new FloatTensor(ds.getDimensions(), data);
	}

	private Activation activation(KerasLayerConfig k, JsonObject c) throws ImportException {
		String a = activationName(c.get("activation"));
		return switch (a) {
		case "relu" -> Activation.RELU;
		case "linear" -> Activation.LINEAR;
		case "softmax" -> Activation.SOFTMAX;
		case "sigmoid" -> Activation.SIGMOID;
		case "tanh" -> Activation.TANH;
		default -> throw new ImportException(file, "layer " + k.position() + " '" + k.name() + "' uses activation '" + a
				+ "'; supported are relu, linear and softmax (sigmoid and tanh import but cannot be converted to spikes)");
		};
	}

	/**
	 * Keras 2 and Keras 3 write built-in activations as their name; Keras 3 writes other callables as
	 * {"module": ..., "class_name": ..., "config": ...} (a function's config is its name).
	 */
	private static String activationName(JsonElement e) {
		if (e == null || e.isJsonNull())
			return "linear";
		if (e.isJsonPrimitive())
			return e.getAsString();
		if (e.isJsonObject()) {
			JsonObject o = e.getAsJsonObject();
			if (o.has("config") && o.get("config").isJsonPrimitive())
				return o.get("config").getAsString();
			if (o.has("class_name"))
				return o.get("class_name").getAsString();
		}
		return e.toString();
	}

	private Activation relu(KerasLayerConfig k, JsonObject c) throws ImportException {
		boolean plain = (!c.has("max_value") || c.get("max_value").isJsonNull())
				&& (!c.has("negative_slope") || c.get("negative_slope").getAsDouble() == 0)
				&& (!c.has("threshold") || c.get("threshold").getAsDouble() == 0);
		if (!plain)
			throw new ImportException(file, "layer " + k.position() + " '" + k.name() + "' is a ReLU with max_value,"
					+ " negative_slope or threshold; only the plain ReLU is supported");
		return Activation.RELU;
	}

	private Padding padding(KerasLayerConfig k, JsonObject c) throws ImportException {
		String p = c.has("padding") ? c.get("padding").getAsString() : "valid";
		return switch (p) {
		case "valid" -> Padding.VALID;
		case "same" -> Padding.SAME;
		default -> throw new ImportException(file, "layer " + k.position() + " '" + k.name() + "' uses padding '" + p
				+ "'; supported are valid and same");
		};
	}

	private int intOf(KerasLayerConfig k, String key) throws ImportException {
		if (!k.config().has(key))
			throw new ImportException(file, "layer " + k.position() + " '" + k.name() + "' has no '" + key + "'");
		return k.config().get(key).getAsInt();
	}

	private List<Integer> ints(KerasLayerConfig k, JsonObject c, String key) throws ImportException {
		if (!c.has(key) || c.get(key).isJsonNull())
			throw new ImportException(file, "layer " + k.position() + " '" + k.name() + "' has no '" + key + "'");
		JsonElement e = c.get(key);
		List<Integer> out = new ArrayList<>();
		if (e.isJsonArray())
			e.getAsJsonArray().forEach(x -> out.add(x.getAsInt()));
		else
			out.add(e.getAsInt());
		return out;
	}

	private static List<Integer> collapse(List<Integer> values) {
		return values.stream().distinct().count() == 1 ? List.of(values.get(0)) : values;
	}

	private static boolean bool(JsonObject c, String key, boolean fallback) {
		return c.has(key) && !c.get(key).isJsonNull() ? c.get(key).getAsBoolean() : fallback;
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "KerasImporter[%s]", file);
	}
}
