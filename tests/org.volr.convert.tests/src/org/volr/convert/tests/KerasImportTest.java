package org.volr.convert.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.convert.ImportException;
import org.volr.convert.ImportedModel;
import org.volr.core.weights.FloatTensor;
import org.volr.convert.keras.KerasImporter;
import org.volr.model.Activation;
import org.volr.model.Block;
import org.volr.model.Conv;
import org.volr.model.Dense;
import org.volr.model.shapes.ShapeInference;

/** Imports the real third-party Keras files under testdata/keras (see testdata/PROVENANCE.md). */
class KerasImportTest {
	private static final Path KERAS = Path.of(System.getProperty("volr.thirdparty", "../../testdata"), "keras");

	@TempDir
	Path tmp;

	private static Path model(String name) {
		Path p = KERAS.resolve(name);
		assertTrue(Files.exists(p), "third-party model missing (testdata/keras of the repository): " + p);
		return p;
	}

	@Test
	void lenetChannelsFirstTheano() throws ImportException {
		ImportedModel m = KerasImporter.importHdf5(model("lenet5-98.96.h5"), "lenet5");
		Block block = (Block) m.network().getBody();
		// conv, pool, conv, pool, conv, flatten, dense, dense: the dropout is gone, with a note
		assertEquals(8, block.getSteps().size());
		assertTrue(m.notes().stream().anyMatch(n -> n.contains("dropout_1")), m.notes().toString());
		assertTrue(m.notes().stream().anyMatch(n -> n.contains("Theano")), m.notes().toString());
		assertArrayEquals(new int[] { 6, 1, 5, 5 }, m.weights().get("conv2d_1.weight").shape());
		assertArrayEquals(new int[] { 84 }, m.weights().get("dense_1.bias").shape());
		ShapeInference inference = ShapeInference.of(m.network());
		assertEquals("net [1, 28, 28] 10", inference.typeOf(m.network()).toString());
		assertEquals(Activation.SOFTMAX, ((Dense) block.getSteps().get(7)).getActivation());
		String text = ImportedText.typeChecked(m);
		assertTrue(text.contains("conv2d_3: conv2d(120, kernel: 5, padding: same) relu"), text);
	}

	@Test
	void channelsLastModelIsTransposedToChannelsFirst() throws ImportException {
		ImportedModel m = KerasImporter.importHdf5(model("mnist-tiny-0.93.h5"), "tiny");
		ShapeInference inference = ShapeInference.of(m.network());
		assertEquals("net [1, 28, 28] 10", inference.typeOf(m.network()).toString());
		// no biases in this model (use_bias false): none invented
		assertEquals(List.of("conv2d_1.weight", "dense_1.weight"), List.copyOf(m.weights().names()));
		FloatTensor dense = m.weights().get("dense_1.weight");
		assertArrayEquals(new int[] { 6 * 6 * 6, 10 }, dense.shape());
		ImportedText.typeChecked(m);
	}

	@Test
	void batchNormBeforeActivationIsFoldedBackward() throws ImportException {
		ImportedModel m = KerasImporter.importHdf5(model("cifar10-bn-81.45.h5"), "cifar");
		long folded = m.notes().stream().filter(n -> n.startsWith("folded")).count();
		assertEquals(4, folded, m.notes().toString());
		Block block = (Block) m.network().getBody();
		Conv first = (Conv) block.getSteps().get(0);
		assertEquals(Activation.RELU, first.getActivation(), "the separate Activation layer merged into the conv");
		assertEquals(Activation.SOFTMAX, ((Dense) block.getSteps().get(block.getSteps().size() - 1)).getActivation());
		assertTrue(m.weights().contains("conv2d_1.bias"));
		ImportedText.typeChecked(m);
	}

	@Test
	void notAnHdf5FileIsAClearError() throws IOException {
		Path bogus = tmp.resolve("model.h5");
		Files.writeString(bogus, "this is not HDF5");
		ImportException e = assertThrows(ImportException.class, () -> KerasImporter.importHdf5(bogus, "x"));
		assertTrue(e.getMessage().startsWith("model.h5: "), e.getMessage());
	}
}
