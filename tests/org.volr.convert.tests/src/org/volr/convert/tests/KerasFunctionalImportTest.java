package org.volr.convert.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.convert.ImportException;
import org.volr.convert.ImportedModel;
import org.volr.convert.keras.KerasImporter;
import org.volr.model.Add;
import org.volr.model.Block;
import org.volr.model.Identity;
import org.volr.model.Parallel;
import org.volr.model.shapes.ShapeInference;

/**
 * Imports the functional Keras 2 models with branches under data/keras-functional (written by make_models.py) and
 * compares what Volr's ANN computes with the script's numpy forward pass of the original models.
 */
class KerasFunctionalImportTest {
	private static final Path DATA = Path.of(System.getProperty("volr.testdata", "data"), "keras-functional");

	@TempDir
	Path tmp;

	private static Path data(String name) {
		Path p = DATA.resolve(name);
		assertTrue(Files.exists(p), "test model missing (run data/keras-functional/make_models.py): " + p);
		return p;
	}

	private static void compare(ImportedModel m, String expected) throws Exception {
		double diff = ReferenceOutputs.largestDifference(m, data(expected));
		System.out.println(expected + ": largest difference from numpy " + diff);
	}

	@Test
	void denseBranchesConcatenated() throws Exception {
		ImportedModel m = KerasImporter.importHdf5(data("mlp_concat.h5"), "mlp");
		assertEquals("net 12 4", ShapeInference.of(m.network()).typeOf(m.network()).toString());
		Block body = (Block) m.network().getBody();
		Parallel fork = assertInstanceOf(Parallel.class, body.getSteps().get(1));
		assertEquals(2, fork.getBranches().size());
		// the dropout in the second branch is gone, with a note
		assertEquals(2, ((Block) fork.getBranches().get(1)).getSteps().size());
		assertTrue(m.notes().stream().anyMatch(n -> n.contains("dropout_1")), m.notes().toString());
		String text = ImportedText.typeChecked(m);
		assertTrue(text.contains("    { dense_2: dense 8 relu } | {\n        dense_3: dense 6 relu\n        dense_4: dense 5 relu\n"
				+ "    }\n    dense_5: dense 4 softmax"), text);
		compare(m, "mlp_concat_expected.txt");
	}

	@Test
	void keras3LayoutOfTheSameModel() throws Exception {
		ImportedModel m = KerasImporter.importKeras3(data("mlp_concat.keras"), "mlp");
		assertInstanceOf(Parallel.class, ((Block) m.network().getBody()).getSteps().get(1));
		assertTrue(ImportedText.typeChecked(m).contains("{ dense_2: dense 8 relu } | {"));
		compare(m, "mlp_concat_expected.txt");
	}

	@Test
	void inceptionBlockConcatenatedOnChannels() throws Exception {
		ImportedModel m = KerasImporter.importHdf5(data("cnn_inception.h5"), "inception");
		assertEquals("net [2, 10, 10] 10", ShapeInference.of(m.network()).typeOf(m.network()).toString());
		Block body = (Block) m.network().getBody();
		Parallel fork = assertInstanceOf(Parallel.class, body.getSteps().get(1));
		assertEquals(3, fork.getBranches().size());
		String text = ImportedText.typeChecked(m);
		// Keras concatenates the channels_last maps on their last axis: the same channel order as our axis 0
		assertTrue(text.contains("    { conv2d_2: conv2d(3, kernel: 1) relu } | { conv2d_3: conv2d(5, kernel: 3, padding: same) relu }"
				+ " | { max_pooling2d_1: maxpool(3, stride: 1, padding: same) }\n"), text);
		compare(m, "cnn_inception_expected.txt");
	}

	@Test
	void residualBlocksWithBatchNormAndNestedBlocks() throws Exception {
		ImportedModel m = KerasImporter.importHdf5(data("cnn_residual.h5"), "residual");
		assertEquals("net [3, 8, 8] 10", ShapeInference.of(m.network()).typeOf(m.network()).toString());
		Block body = (Block) m.network().getBody();
		Add add = assertInstanceOf(Add.class, body.getSteps().get(1));
		assertInstanceOf(Identity.class, add.getBranches().get(1));
		assertEquals(2, m.notes().stream().filter(n -> n.startsWith("folded")).count(), m.notes().toString());
		String text = ImportedText.typeChecked(m);
		// batch_normalization_1/2 folded into conv2d_2/3 and activation_1 merged, inside the branch
		assertTrue(text.contains("    {\n        conv2d_2: conv2d(4, kernel: 3, padding: same) relu\n"
				+ "        conv2d_3: conv2d(4, kernel: 3, padding: same) linear\n    } + identity\n"
				+ "    activation_2: activation relu\n"), text);
		// an inner block whose branches read the outer block's input (Inception-ResNet: x + conv(a | b))
		assertTrue(text.contains("    identity + {\n        { conv2d_4: conv2d(2, kernel: 1) relu } | {\n"
				+ "            conv2d_5: conv2d(4, kernel: 1) relu\n            identity + { conv2d_6: conv2d(4, kernel: 1) linear }\n"
				+ "        }\n        conv2d_7: conv2d(4, kernel: 1) linear\n    }\n    max_pooling2d_1"), text);
		compare(m, "cnn_residual_expected.txt");
	}

	@Test
	void multiplyIsRefusedByName() {
		ImportException e = assertThrows(ImportException.class, () -> KerasImporter.importHdf5(data("mlp_multiply.h5"), "m"));
		assertTrue(e.getMessage().startsWith("mlp_multiply.h5: layer 4 'multiply_1' (Multiply) merges its inputs by"
				+ " multiplication"), e.getMessage());
	}

	@Test
	void concatenationOnAnotherAxisIsRefused() {
		ImportException e = assertThrows(ImportException.class,
				() -> KerasImporter.importHdf5(data("cnn_concat_height.h5"), "m"));
		assertTrue(e.getMessage().contains("layer 4 'concatenate_1' (Concatenate) concatenates on axis 1"), e.getMessage());
	}

	/** mlp_concat.keras with one piece of its config.json replaced: the same layers and weights, wired otherwise. */
	private Path rewired(String target, String from, String to) throws IOException {
		Path out = tmp.resolve(target);
		try (ZipFile in = new ZipFile(data("mlp_concat.keras").toFile()); OutputStream os = Files.newOutputStream(out);
				ZipOutputStream zos = new ZipOutputStream(os)) {
			for (ZipEntry e : in.stream().toList()) {
				byte[] bytes = in.getInputStream(e).readAllBytes();
				if (e.getName().equals("config.json")) {
					String config = new String(bytes, StandardCharsets.UTF_8);
					assertTrue(config.contains(from), from);
					bytes = config.replace(from, to).getBytes(StandardCharsets.UTF_8);
				}
				zos.putNextEntry(new ZipEntry(e.getName()));
				zos.write(bytes);
				zos.closeEntry();
			}
		}
		return out;
	}

	@Test
	void branchThatIsNeverMergedIsRefused() throws IOException {
		// dense_5 reads dense_3 instead of the concatenation: dense_3's output is used outside the block
		Path file = rewired("unmerged.keras", "\"keras_history\": [\"concatenate_1\", 0, 0]", "\"keras_history\": [\"dense_3\", 0, 0]");
		ImportException e = assertThrows(ImportException.class, () -> KerasImporter.importKeras3(file, "m"));
		assertEquals("unmerged.keras: the output of layer 4 'dense_3' (Dense) forks, and the branch through 'dense_5' ends at"
				+ " 'dense_5' without being merged: only models with one output are imported", e.getMessage());
	}

	@Test
	void severalOutputsAreRefused() throws IOException {
		Path file = rewired("outputs.keras", "\"output_layers\": [[\"dense_5\", 0, 0]]",
				"\"output_layers\": [[\"dense_5\", 0, 0], [\"dense_2\", 0, 0]]");
		ImportException e = assertThrows(ImportException.class, () -> KerasImporter.importKeras3(file, "m"));
		assertTrue(e.getMessage().contains("the model has 2 outputs [dense_5, dense_2]; only models with one output"), e.getMessage());
	}
}
