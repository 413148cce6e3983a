package org.volr.convert.keras;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.volr.convert.ImportException;
import org.volr.convert.keras.KerasImporter.KerasLayerConfig;
import org.volr.core.weights.FloatTensor;

import com.google.gson.JsonObject;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

/**
 * The weights of a Keras 3 {@code .keras} archive. Keras 3 ({@code saving_lib._save_state} with an
 * {@code H5IOStore}) writes every layer's variables to {@code layers/<key>/vars/0, 1, ...}, trainable variables
 * first, then non-trainable ones. The key is not the layer's name but its class in snake case, numbered on
 * repeats in the order of {@code model.layers} ({@code dense}, {@code dense_1}, ...); a Sequential's
 * {@code layers} omit its InputLayer, a Functional's include it. Files written by Keras 2.13 with the same
 * format use {@code _layer_checkpoint_dependencies} instead of {@code layers}.
 */
final class Keras3Weights {
	static final String CONFIG = "config.json";
	static final String WEIGHTS = "model.weights.h5";

	/** The two entries of the zip the importer needs, read into memory. */
	record Archive(String config, byte[] weights) {
		static Archive read(Path file) throws ImportException {
			if (!Files.isRegularFile(file))
				throw new ImportException(file, "no such file");
			try (ZipFile zip = new ZipFile(file.toFile())) {
				ZipEntry config = zip.getEntry(CONFIG);
				if (config == null)
					throw new ImportException(file, "the archive has no " + CONFIG + ": not a Keras 3 .keras model (found: "
							+ names(zip) + ")");
				ZipEntry weights = zip.getEntry(WEIGHTS);
				if (weights == null)
					throw new ImportException(file, "the archive has no " + WEIGHTS + ": the model's trained weights are missing"
							+ (zip.getEntry("model.weights.npz") != null
									? " (weights saved as model.weights.npz are not supported; save with the default h5 format)"
									: " (found: " + names(zip) + ")"));
				return new Archive(new String(readEntry(file, zip, config), java.nio.charset.StandardCharsets.UTF_8),
						readEntry(file, zip, weights));
			} catch (ZipException e) {
				throw new ImportException(file, "not a readable zip archive, so not a Keras 3 .keras model (" + e.getMessage()
						+ "); Keras 2 .h5 files are imported with importHdf5", e);
			} catch (NoSuchFileException e) {
				throw new ImportException(file, "no such file", e);
			} catch (IOException e) {
				throw new ImportException(file, "cannot read the archive (" + e.getMessage() + ")", e);
			}
		}

		private static byte[] readEntry(Path file, ZipFile zip, ZipEntry entry) throws ImportException {
			try (InputStream in = zip.getInputStream(entry)) {
				return in.readAllBytes();
			} catch (IOException e) {
				throw new ImportException(file, "the archive's " + entry.getName() + " is damaged (" + e.getMessage() + ")", e);
			}
		}

		private static String names(ZipFile zip) {
			List<String> names = new ArrayList<>();
			zip.stream().limit(10).forEach(e -> names.add(e.getName()));
			return names.isEmpty() ? "nothing" : String.join(", ", names);
		}
	}

	private final Path file;
	private final HdfFile hdf;
	private final Map<Integer, String> keys = new HashMap<>(); // layer position → key under layers/

	Keras3Weights(Path file, HdfFile hdf, List<KerasLayerConfig> layers, boolean sequential) {
		this.file = file;
		this.hdf = hdf;
		Map<String, Integer> used = new HashMap<>();
		for (KerasLayerConfig k : layers) {
			if (sequential && k.className().equals("InputLayer"))
				continue;
			String key = snakeCase(k.className());
			Integer n = used.get(key);
			used.put(key, n == null ? 0 : n + 1);
			keys.put(k.position(), n == null ? key : key + "_" + (n + 1));
		}
	}

	/** keras.src.utils.naming.to_snake_case. */
	static String snakeCase(String name) {
		String s = name.replaceAll("\\W+", "");
		s = s.replaceAll("(.)([A-Z][a-z]+)", "$1_$2");
		return s.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
	}

	FloatTensor read(KerasLayerConfig k, String kind) throws ImportException {
		String key = keys.get(k.position());
		List<String> order = variableOrder(k);
		int index = order.indexOf(kind);
		if (key == null || index < 0)
			throw new ImportException(file, "layer " + k.position() + " '" + k.name() + "' (" + k.className() + ") has no '"
					+ kind + "' variable in Keras 3's layout");
		Group vars = group("layers/" + key + "/vars");
		String where = "layers/" + key + "/vars";
		if (vars == null) {
			vars = group("_layer_checkpoint_dependencies/" + key + "/vars");
			where = "_layer_checkpoint_dependencies/" + key + "/vars";
		}
		if (vars == null)
			throw new ImportException(file, WEIGHTS + " has no group layers/" + key + "/vars for layer " + k.position() + " '"
					+ k.name() + "' (" + k.className() + ")");
		int count = vars.getChildren().size();
		if (count != order.size())
			throw new ImportException(file, "layer " + k.position() + " '" + k.name() + "' (" + k.className() + ") has " + count
					+ " variables in " + WEIGHTS + "/" + where + ", expected " + order.size() + " " + order
					+ (count > order.size() ? " (a quantized or otherwise extended layer is not supported)" : ""));
		Node node = vars.getChild(String.valueOf(index));
		if (node == null)
			throw new ImportException(file, "layer " + k.position() + " '" + k.name() + "' (" + k.className() + ") has no '"
					+ kind + "' weights at " + WEIGHTS + "/" + where + "/" + index);
		return KerasImporter.tensor(file, node, WEIGHTS + "/" + where + "/" + index + " ('" + kind + "' of layer "
				+ k.position() + " '" + k.name() + "')");
	}

	private Group group(String path) {
		try {
			return hdf.getByPath(path) instanceof Group g ? g : null;
		} catch (RuntimeException e) { // jhdf throws for a missing path
			return null;
		}
	}

	/** The order in which a layer's build() creates its variables (trainable first, then non-trainable). */
	private static List<String> variableOrder(KerasLayerConfig k) {
		JsonObject c = k.config();
		List<String> order = new ArrayList<>();
		switch (k.className()) {
		case "Dense", "Conv1D", "Conv2D" -> {
			order.add("kernel");
			if (bool(c, "use_bias", true))
				order.add("bias");
		}
		case "DepthwiseConv2D" -> {
			order.add("depthwise_kernel"); // Keras 3 calls it kernel; the shape is Keras 2's depthwise_kernel's
			if (bool(c, "use_bias", true))
				order.add("bias");
		}
		case "BatchNormalization" -> {
			if (bool(c, "scale", true))
				order.add("gamma");
			if (bool(c, "center", true))
				order.add("beta");
			order.add("moving_mean");
			order.add("moving_variance");
		}
		default -> {
		}
		}
		return order;
	}

	private static boolean bool(JsonObject c, String key, boolean fallback) {
		return c.has(key) && !c.get(key).isJsonNull() ? c.get(key).getAsBoolean() : fallback;
	}
}
