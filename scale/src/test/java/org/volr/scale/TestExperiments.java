package org.volr.scale;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The experiments the tests run, on the repository's own data: the snn_toolbox's LeNet-5 (Keras, 98.96 %) on the first
 * MNIST test images (testdata/, found through the system property volr.thirdparty).
 */
final class TestExperiments {
	static final Path THIRD_PARTY = Path.of(System.getProperty("volr.thirdparty", "../testdata")).toAbsolutePath();

	private TestExperiments() {
	}

	/** LeNet-5 converted for {@code steps} steps on {@code samples} images, in batches of {@code batch}; input and neuron as given. */
	static Path lenet(Path dir, int samples, int batch, int steps, String input, String neuron) throws IOException {
		Path keras = THIRD_PARTY.resolve("keras/lenet5-98.96.h5"), mnist = THIRD_PARTY.resolve("mnist-npz");
		if (!Files.exists(keras) || !Files.exists(mnist))
			throw new IOException("test data missing: " + keras + ", " + mnist);
		return Files.writeString(dir.resolve("lenet.volr"), """
				network lenet {
				    input [1, 28, 28]
				    conv2d_1: conv2d(6, kernel: 5) relu
				    max_pooling2d_1: maxpool 2
				    conv2d_2: conv2d(16, kernel: 5) relu
				    max_pooling2d_2: maxpool 2
				    conv2d_3: conv2d(120, kernel: 5, padding: same) relu
				    flatten_1: flatten
				    dense_1: dense 84 relu
				    dense_2: dense 10 softmax
				}

				experiment lenet_run {
				    network lenet
				    weights keras "%s"
				    data npz "%s" test limit %d
				    convert { normalize percentile 99.9, samples %d }
				    neuron %s
				    simulate { duration %d steps, input %s, batch %d }
				    seed 5
				}
				""".formatted(keras, mnist, samples, samples, neuron, steps, input, batch));
	}
}
