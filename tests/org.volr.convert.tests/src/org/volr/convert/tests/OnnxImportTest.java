package org.volr.convert.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.volr.ann.AnnModel;
import org.volr.convert.ImportException;
import org.volr.convert.ImportedModel;
import org.volr.convert.onnx.OnnxImporter;
import org.volr.core.nd4j.Nd4jSupport;
import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;
import org.volr.model.Activation;
import org.volr.model.Block;
import org.volr.model.Conv;
import org.volr.model.ConvKind;
import org.volr.model.Dense;
import org.volr.model.shapes.ShapeInference;

/**
 * Imports the ONNX models made by data/onnx/make_models.py and compares their outputs with PyTorch's, and those
 * made by data/onnx-exports/make_models.py (shaped like tf2onnx's and old PyTorch exports) with a numpy pass.
 */
class OnnxImportTest {
	private static final Path ONNX = Path.of(System.getProperty("volr.testdata", "data"), "onnx");
	private static final Path EXPORTS = Path.of(System.getProperty("volr.testdata", "data"), "onnx-exports");

	@TempDir
	Path tmp;

	private static Path file(String name) {
		return file(ONNX, name);
	}

	private static Path file(Path dir, String name) {
		Path p = dir.resolve(name);
		assertTrue(Files.exists(p), "test model missing (run " + dir.resolve("make_models.py") + "): " + p);
		return p;
	}

	private static ImportedModel importAndCompare(String name) throws ImportException {
		return importAndCompare(ONNX, name);
	}

	/** Imports, type-checks and runs the model on the saved inputs; the outputs match the reference's to 1e-4. */
	private static ImportedModel importAndCompare(Path dir, String name) throws ImportException {
		ImportedModel m = OnnxImporter.importModel(file(dir, name + ".onnx"), name);
		assertTrue(ShapeInference.of(m.network()).problems().isEmpty(), ShapeInference.of(m.network()).problems().toString());
		Nd4jSupport.init();
		WeightStore io = WeightStore.read(file(dir, name + ".npz"));
		FloatTensor x = io.get("x"), y = io.get("y");
		INDArray out = AnnModel.of(Resolved.of(m.network()), m.weights()).predict(x.toINDArray());
		float[] got = out.dup('c').data().asFloat();
		assertArrayEquals(y.shape(), Arrays.stream(out.shape()).mapToInt(d -> (int) d).toArray());
		double worst = 0;
		for (int i = 0; i < got.length; i++)
			worst = Math.max(worst, Math.abs(got[i] - y.data()[i]));
		assertTrue(worst <= 1e-4, name + ": largest difference from PyTorch " + worst);
		ImportedText.typeChecked(m);
		return m;
	}

	@Test
	void mlp() throws ImportException {
		ImportedModel m = importAndCompare("mlp");
		Block block = (Block) m.network().getBody();
		assertEquals(2, block.getSteps().size());
		Dense first = (Dense) block.getSteps().get(0), last = (Dense) block.getSteps().get(1);
		assertEquals(Activation.RELU, first.getActivation());
		assertEquals(Activation.LINEAR, last.getActivation());
		assertArrayEquals(new int[] { 784, 64 }, m.weights().get(first.getLabel() + ".weight").shape());
		assertArrayEquals(new int[] { 10 }, m.weights().get(last.getLabel() + ".bias").shape());
		assertEquals("net 784 10", ShapeInference.of(m.network()).typeOf(m.network()).toString());
	}

	@Test
	void cnn() throws ImportException {
		ImportedModel m = importAndCompare("cnn");
		Block block = (Block) m.network().getBody();
		// conv, maxpool, conv, global pool, flatten, dense: both ReLUs merged into the convolutions
		assertEquals(6, block.getSteps().size(), block.getSteps().toString());
		Conv c1 = (Conv) block.getSteps().get(0);
		assertEquals(Activation.RELU, c1.getActivation());
		assertEquals(List.of(1), c1.getPadAmount());
		assertArrayEquals(new int[] { 4, 1, 3, 3 }, m.weights().get(c1.getLabel() + ".weight").shape());
		assertEquals("net [1, 28, 28] 10", ShapeInference.of(m.network()).typeOf(m.network()).toString());
	}

	@Test
	void batchNormsFoldedDepthwiseAndSoftmax() throws ImportException {
		ImportedModel m = importAndCompare("cnnbn");
		Block block = (Block) m.network().getBody();
		assertTrue(block.getSteps().stream().anyMatch(l -> l instanceof Conv c && c.getKind() == ConvKind.DEPTHWISE2D),
				block.getSteps().toString());
		assertTrue(m.notes().stream().anyMatch(n -> n.contains("folded") && n.contains("BatchNormalization")), m.notes().toString());
		Dense out = (Dense) block.getSteps().get(block.getSteps().size() - 1);
		assertEquals(Activation.SOFTMAX, out.getActivation());
	}

	@Test
	void unsupportedOpIsNamed() {
		ImportException e = assertThrows(ImportException.class, () -> OnnxImporter.importModel(file("tanh.onnx"), "t"));
		assertTrue(e.getMessage().contains("Tanh") && e.getMessage().contains("squash") && e.getMessage().contains("node 2"),
				e.getMessage());
	}

	@Test
	void truncatedFileNamesTheFile() throws IOException {
		byte[] bytes = Files.readAllBytes(file("cnn.onnx"));
		for (int cut : new int[] { 0, 1, 7, bytes.length / 3, bytes.length / 2, bytes.length - 1 }) {
			Path broken = tmp.resolve("broken.onnx");
			Files.write(broken, Arrays.copyOf(bytes, cut));
			ImportException e = assertThrows(ImportException.class, () -> OnnxImporter.importModel(broken, "b"),
					"cut at " + cut);
			assertTrue(e.getMessage().startsWith("broken.onnx: "), e.getMessage());
		}
	}

	@Test
	void matMulAddIdentityAndSoftmaxAtOpset11() throws ImportException {
		ImportedModel m = importAndCompare("matmul");
		Block block = (Block) m.network().getBody();
		assertEquals(2, block.getSteps().size(), block.getSteps().toString());
		assertEquals(List.of("l1.weight", "l1.bias", "l2.weight", "l2.bias"), List.copyOf(m.weights().names()));
		assertTrue(m.notes().stream().anyMatch(n -> n.contains("'id1' (Identity)")), m.notes().toString());
		assertEquals(Activation.SOFTMAX, ((Dense) block.getSteps().get(1)).getActivation());
	}

	/**
	 * tf2onnx's layout: Transpose NHWC → NCHW at the input, Conv, Relu, Transpose back, Reshape, MatMul + Add. The
	 * network reads channels-first input and the dense rows are re-ordered; a wrong order would not match numpy.
	 */
	@Test
	void tf2onnxTransposesAroundAConvNet() throws ImportException {
		ImportedModel m = importAndCompare(EXPORTS, "nhwc");
		assertEquals("net [2, 6, 6] 5", ShapeInference.of(m.network()).typeOf(m.network()).toString());
		Block block = (Block) m.network().getBody();
		assertEquals(3, block.getSteps().size(), block.getSteps().toString()); // conv relu, flatten, dense
		assertTrue(m.notes().stream().anyMatch(n -> n.contains("'transpose_in' (Transpose)") && n.contains("channels-first")),
				m.notes().toString());
		assertTrue(m.notes().stream().anyMatch(n -> n.contains("re-ordered the rows of node 6 'dense/MatMul'")), m.notes().toString());
	}

	/** Old PyTorch's BatchNorm1d (Unsqueeze, BatchNormalization, Squeeze) folded; Identity on weights and data. */
	@Test
	void batchNorm1dInsideUnsqueezeAndSqueezeAndIdentities() throws ImportException {
		ImportedModel m = importAndCompare(EXPORTS, "bn1d");
		Block block = (Block) m.network().getBody();
		assertEquals(2, block.getSteps().size(), block.getSteps().toString());
		assertEquals(Activation.RELU, ((Dense) block.getSteps().get(0)).getActivation());
		assertTrue(m.notes().stream().anyMatch(n -> n.contains("folded node 3 'BatchNormalization_2'")), m.notes().toString());
		assertTrue(m.notes().stream().anyMatch(n -> n.contains("'Unsqueeze_1'") && n.contains("'Squeeze_3'")), m.notes().toString());
	}

	/** Selu, Tanh and Elu: all three named in the one error, not only the first. */
	@Test
	void everyUnsupportedOperatorIsNamedInOneError() {
		ImportException e = assertThrows(ImportException.class, () -> OnnxImporter.importModel(file(EXPORTS, "several.onnx"), "s"));
		String m = e.getMessage();
		assertTrue(m.startsWith("several.onnx: 3 nodes are not supported: "), m);
		for (String node : List.of("node 2 'Selu_1' (Selu)", "node 4 'Tanh_3' (Tanh)", "node 6 'Elu_5' (Elu)"))
			assertTrue(m.contains(node), node + " in " + m);
	}

	/** A Transpose that is not one of the two layout changes would change what the layers compute: refused. */
	@Test
	void otherTransposesAreRefused() throws IOException {
		byte[] bytes = Files.readAllBytes(file(EXPORTS, "nhwc.onnx"));
		// the perm attribute [0, 2, 3, 1] of transpose_out as the wire format writes it (four unpacked ints, field 8)
		byte[] before = { 0x40, 0, 0x40, 2, 0x40, 3, 0x40, 1 }, after = { 0x40, 0, 0x40, 3, 0x40, 2, 0x40, 1 };
		int at = indexOf(bytes, before);
		assertTrue(at > 0 && indexOf(Arrays.copyOfRange(bytes, at + 1, bytes.length), before) < 0, "one perm [0, 2, 3, 1]");
		System.arraycopy(after, 0, bytes, at, after.length);
		Path p = tmp.resolve("perm.onnx");
		Files.write(p, bytes);
		ImportException e = assertThrows(ImportException.class, () -> OnnxImporter.importModel(p, "p"));
		assertTrue(e.getMessage().startsWith("perm.onnx: node 4 'transpose_out' (Transpose) permutes [0, 3, 2, 1]"), e.getMessage());
	}

	/** Where needle first stands in haystack, or -1 (Latin-1 decodes every byte to the char of the same value). */
	private static int indexOf(byte[] haystack, byte[] needle) {
		return new String(haystack, StandardCharsets.ISO_8859_1).indexOf(new String(needle, StandardCharsets.ISO_8859_1));
	}

	@Test
	void branchesAreRefused() {
		ImportException e = assertThrows(ImportException.class, () -> OnnxImporter.importModel(file("branch.onnx"), "b"));
		assertTrue(e.getMessage().contains("not a single chain") && e.getMessage().contains("'input' is read by 2 nodes"), e.getMessage());
	}

	@Test
	void garbageNamesTheFile() throws IOException {
		Path p = tmp.resolve("junk.onnx");
		Files.write(p, "this is not protobuf at all".getBytes());
		ImportException e = assertThrows(ImportException.class, () -> OnnxImporter.importModel(p, "j"));
		assertTrue(e.getMessage().startsWith("junk.onnx: "), e.getMessage());
	}
}
