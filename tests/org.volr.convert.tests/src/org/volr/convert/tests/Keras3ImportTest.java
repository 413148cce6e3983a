package org.volr.convert.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.convert.ImportException;
import org.volr.convert.ImportedModel;
import org.volr.convert.keras.KerasImporter;
import org.volr.model.Activation;
import org.volr.model.Block;
import org.volr.model.Dense;
import org.volr.model.Layer;
import org.volr.model.shapes.ShapeInference;

/**
 * Imports the Keras 3 {@code .keras} archives under data/keras3, written by make_keras3.py in Keras 3's layout,
 * and compares the imported networks' outputs with the script's numpy forward pass.
 */
class Keras3ImportTest {
	private static final Path DATA = Path.of(System.getProperty("volr.testdata", "data"), "keras3");

	@TempDir
	Path tmp;

	private static Path model(String name) {
		Path p = DATA.resolve(name);
		assertTrue(Files.exists(p), "test model missing (run data/keras3/make_keras3.py): " + p);
		return p;
	}

	private static void assertOutputs(ImportedModel m, String expectedFile) throws IOException {
		ReferenceOutputs.largestDifference(m, model(expectedFile));
	}

	@Test
	void sequentialCnnMatchesKeras() throws Exception {
		ImportedModel m = KerasImporter.importKeras3(model("cnn.keras"), "cnn");
		assertEquals("net [2, 10, 10] 10", ShapeInference.of(m.network()).typeOf(m.network()).toString());
		Block block = (Block) m.network().getBody();
		assertEquals(4, block.getSteps().size());
		assertEquals(Activation.SOFTMAX, ((Dense) block.getSteps().get(3)).getActivation());
		assertArrayEquals(new int[] { 4, 2, 3, 3 }, m.weights().get("conv2d.weight").shape());
		assertArrayEquals(new int[] { 10 }, m.weights().get("dense.bias").shape());
		ImportedText.typeChecked(m);
		assertOutputs(m, "cnn_expected.txt");
	}

	@Test
	void functionalMlpWithBatchNormMatchesKeras() throws Exception {
		ImportedModel m = KerasImporter.importKeras3(model("mlp_bn.keras"), "mlp");
		assertEquals("net 12 10", ShapeInference.of(m.network()).typeOf(m.network()).toString());
		Block block = (Block) m.network().getBody();
		// hidden(+bn_hidden, +act), features, logits(+bn_features folded forward)
		assertEquals(3, block.getSteps().size(), m.notes().toString());
		assertEquals(Activation.RELU, ((Dense) block.getSteps().get(0)).getActivation());
		assertTrue(m.notes().stream().anyMatch(n -> n.contains("bn_hidden")), m.notes().toString());
		assertTrue(m.notes().stream().anyMatch(n -> n.contains("bn_features")), m.notes().toString());
		// layer names come from config.json, although the weights file keys them by class (dense, dense_1, ...)
		assertEquals(List.of("hidden.weight", "hidden.bias", "features.weight", "features.bias", "logits.weight",
				"logits.bias"), List.copyOf(m.weights().names()));
		ImportedText.typeChecked(m);
		assertOutputs(m, "mlp_bn_expected.txt");
	}

	// ------------------------------------------------------------------------------------------------ errors

	/** A copy of an archive with some entries dropped or replaced. */
	private Path rewrite(String source, String target, String drop, String replace, byte[] with) throws IOException {
		Path out = tmp.resolve(target);
		try (ZipFile in = new ZipFile(model(source).toFile()); OutputStream os = Files.newOutputStream(out);
				ZipOutputStream zos = new ZipOutputStream(os)) {
			for (ZipEntry e : in.stream().toList()) {
				if (e.getName().equals(drop))
					continue;
				zos.putNextEntry(new ZipEntry(e.getName()));
				zos.write(e.getName().equals(replace) ? with : in.getInputStream(e).readAllBytes());
				zos.closeEntry();
			}
		}
		return out;
	}

	@Test
	void damagedArchiveNamesTheFile() throws IOException {
		byte[] bytes = Files.readAllBytes(model("cnn.keras"));
		Path cut = tmp.resolve("cut.keras");
		Files.write(cut, Arrays.copyOf(bytes, bytes.length / 3));
		ImportException e = assertThrows(ImportException.class, () -> KerasImporter.importKeras3(cut, "n"));
		assertTrue(e.getMessage().startsWith("cut.keras: ") && e.getMessage().contains("zip"), e.getMessage());

		Path text = tmp.resolve("text.keras");
		Files.writeString(text, "not a zip");
		e = assertThrows(ImportException.class, () -> KerasImporter.importKeras3(text, "n"));
		assertTrue(e.getMessage().startsWith("text.keras: "), e.getMessage());
	}

	@Test
	void missingConfigOrWeightsAreNamed() throws IOException {
		Path noConfig = rewrite("cnn.keras", "noconfig.keras", "config.json", null, null);
		ImportException e = assertThrows(ImportException.class, () -> KerasImporter.importKeras3(noConfig, "n"));
		assertTrue(e.getMessage().startsWith("noconfig.keras: ") && e.getMessage().contains("config.json"), e.getMessage());

		Path noWeights = rewrite("cnn.keras", "noweights.keras", "model.weights.h5", null, null);
		e = assertThrows(ImportException.class, () -> KerasImporter.importKeras3(noWeights, "n"));
		assertTrue(e.getMessage().startsWith("noweights.keras: ") && e.getMessage().contains("model.weights.h5"),
				e.getMessage());

		Path badWeights = rewrite("cnn.keras", "badweights.keras", null, "model.weights.h5", new byte[] { 1, 2, 3 });
		e = assertThrows(ImportException.class, () -> KerasImporter.importKeras3(badWeights, "n"));
		assertTrue(e.getMessage().startsWith("badweights.keras: ") && e.getMessage().contains("model.weights.h5"),
				e.getMessage());

		Path badJson = rewrite("cnn.keras", "badjson.keras", null, "config.json", "{\"class_name\": ".getBytes());
		e = assertThrows(ImportException.class, () -> KerasImporter.importKeras3(badJson, "n"));
		assertTrue(e.getMessage().startsWith("badjson.keras: ") && e.getMessage().contains("config.json"), e.getMessage());
	}

	@Test
	void unsupportedLayerIsNamedWithItsPosition() throws IOException {
		String config;
		try (ZipFile z = new ZipFile(model("cnn.keras").toFile())) {
			config = new String(z.getInputStream(z.getEntry("config.json")).readAllBytes());
		}
		// MaxPooling2D is the third layer (after InputLayer and Conv2D) in config.json
		Path lstm = rewrite("cnn.keras", "lstm.keras", null, "config.json",
				config.replace("\"class_name\": \"MaxPooling2D\"", "\"class_name\": \"LSTM\"").getBytes());
		ImportException e = assertThrows(ImportException.class, () -> KerasImporter.importKeras3(lstm, "n"));
		assertTrue(e.getMessage().contains("layer 3 'max_pooling2d' (LSTM) is not supported"), e.getMessage());
	}

	/** Keras allows layer names that are no identifiers: the labels become identifiers, the weights follow them. */
	@Test
	void layerNamesThatAreNoIdentifiersBecomeLabels() throws IOException, ImportException {
		String config;
		try (ZipFile z = new ZipFile(model("cnn.keras").toFile())) {
			config = new String(z.getInputStream(z.getEntry("config.json")).readAllBytes());
		}
		Path renamed = rewrite("cnn.keras", "renamed.keras", null, "config.json",
				config.replace("\"name\": \"conv2d\"", "\"name\": \"1st-conv\"").replace("\"name\": \"dense\"", "\"name\": \"head.out\"")
						.getBytes());
		ImportedModel m = KerasImporter.importKeras3(renamed, "n");
		Block block = (Block) m.network().getBody();
		assertEquals("n1st_conv", ((Layer) block.getSteps().get(0)).getLabel());
		assertEquals("head_out", ((Layer) block.getSteps().get(block.getSteps().size() - 1)).getLabel());
		assertEquals(List.of("n1st_conv.weight", "n1st_conv.bias", "head_out.weight", "head_out.bias"), List.copyOf(m.weights().names()));
		assertTrue(m.notes().contains("layer 2 '1st-conv' is labelled 'n1st_conv' (a label must be an identifier)"), m.notes().toString());
		ImportedText.typeChecked(m);
	}

	/** Two unsupported layers and a refused merge: all named in one error, not only the first. */
	@Test
	void everyUnsupportedLayerIsNamedInOneError() throws IOException {
		String config;
		try (ZipFile z = new ZipFile(model("cnn.keras").toFile())) {
			config = new String(z.getInputStream(z.getEntry("config.json")).readAllBytes());
		}
		Path three = rewrite("cnn.keras", "three.keras", null, "config.json",
				config.replace("\"class_name\": \"MaxPooling2D\"", "\"class_name\": \"LSTM\"")
						.replace("\"class_name\": \"Flatten\"", "\"class_name\": \"Multiply\"")
						.replace("\"class_name\": \"Dense\"", "\"class_name\": \"PReLU\"").getBytes());
		ImportException e = assertThrows(ImportException.class, () -> KerasImporter.importKeras3(three, "n"));
		String m = e.getMessage();
		assertTrue(m.startsWith("three.keras: 3 layers are not supported: "), m);
		for (String layer : List.of("layer 3 'max_pooling2d' (LSTM) is not supported", "(Multiply) merges its inputs by multiplication",
				"(PReLU) is not supported"))
			assertTrue(m.contains(layer), layer + " in " + m);
	}
}
