package org.volr.convert.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.volr.ann.AnnModel;
import org.volr.ann.LayerActivation;
import org.volr.convert.ImportedModel;
import org.volr.convert.keras.KerasImporter;
import org.volr.core.nd4j.Nd4jSupport;

/**
 * The CIFAR-10 model (Keras 2.0.4, Theano, channels_first, four batch norms and separate activations) imported
 * with its batch norms folded computes what the original computes: data/cifar-reference/make_reference.py runs
 * the unfolded model in numpy on eight fixed images and wrote its logits and probabilities.
 */
class CifarReferenceTest {
	private static final Path MODEL = Path.of(System.getProperty("volr.thirdparty", "../../testdata"), "keras",
			"cifar10-bn-81.45.h5");
	private static final Path DATA = Path.of(System.getProperty("volr.testdata", "data"), "cifar-reference");

	@Test
	void foldedImportMatchesTheOriginalModel() throws Exception {
		assertTrue(Files.exists(MODEL), "third-party model missing (testdata/keras of the repository): " + MODEL);
		Nd4jSupport.init();
		ImportedModel m = KerasImporter.importHdf5(MODEL, "cifar");
		assertEquals(4, m.notes().stream().filter(n -> n.startsWith("folded")).count(), m.notes().toString());

		byte[] bytes = Files.readAllBytes(DATA.resolve("inputs.u8"));
		float[] pixels = new float[bytes.length];
		for (int i = 0; i < bytes.length; i++)
			pixels[i] = (bytes[i] & 0xff) / 255f;
		INDArray x = Nd4j.create(pixels, new long[] { bytes.length / (3 * 32 * 32), 3, 32, 32 }, 'c');
		INDArray[] expected = ReferenceOutputs.read(DATA.resolve("expected.txt"));
		INDArray logits = expected[0], probabilities = expected[1];

		AnnModel ann = AnnModel.of(Resolved.of(m.network()), m.weights());
		List<LayerActivation> layers = ann.activations(x);
		INDArray ourLogits = layers.get(layers.size() - 1).preActivation();
		INDArray ours = ann.predict(x);
		assertArrayEquals(logits.shape(), ourLogits.shape());
		assertArrayEquals(probabilities.shape(), ours.shape());

		double scale = logits.amaxNumber().doubleValue(); // amax: the largest absolute value
		double logitError = ourLogits.castTo(logits.dataType()).sub(logits).amaxNumber().doubleValue() / scale;
		double probabilityError = ours.castTo(probabilities.dataType()).sub(probabilities).amaxNumber().doubleValue();
		System.out.println("cifar10-bn-81.45: largest logit difference " + logitError + " of the largest logit " + scale
				+ ", largest probability difference " + probabilityError);
		assertTrue(logitError < 1e-4, "logits differ by " + logitError + " (relative)\n" + ourLogits + "\n" + logits);
		assertTrue(probabilityError < 1e-4, "probabilities differ by " + probabilityError + "\n" + ours + "\n" + probabilities);
		assertArrayEquals(probabilities.argMax(1).toLongVector(), ours.argMax(1).toLongVector());
	}
}
