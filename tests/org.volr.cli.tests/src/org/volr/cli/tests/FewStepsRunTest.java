package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.cli.tests.Run.volr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples converted for few steps ({@code examples/mnist-mlp/mnist-mlp-fast.volr}, {@code
 * examples/fmnist-cnn/fmnist-cnn-fast.volr}), trained as shipped, on the first 1,000 Fashion-MNIST test images: the
 * ANN − SNN margins the README states for this subset hold to {@value #TOLERANCE} points (training sums floats in
 * another order on another CPU's kernels; one image is 0.1 point), and without calibration the same weights are
 * clearly worse at T = 4. Each example is trained once ({@code volr train}) and run from its weights. The MLP trained
 * with QCFS ({@code mnist-mlp-qcfs.volr}) and the imported Keras LeNets are held to the goals on all 10,000
 * test images.
 */
class FewStepsRunTest {
	static final double TOLERANCE = 0.5;
	/** ANN − SNN in points on the first 1,000 test images, as measured here and stated in the README. */
	static final double MLP_T4 = 0.40, CNN_T8 = 0.40, CNN_T4 = 3.70;
	private static final Path EXAMPLES = Path.of(System.getProperty("volr.examples", "../../examples"));

	@TempDir
	Path tmp;

	/** The example with its train block replaced by the trained weights and its data limited to 1,000 images. */
	private Path fromWeights(String example, String name) throws IOException {
		Path source = EXAMPLES.resolve(example);
		Path weights = tmp.resolve(name + ".npz");
		Run train = volr("train", source.toString(), "-o", weights.toString());
		assertEquals(0, train.code(), train.out() + train.err());
		String text = Files.readString(source).replaceAll("train \\{[^}]*\\}", "weights npz \"" + weights.getFileName() + "\"")
				.replace("fashion-mnist\" test", "fashion-mnist\" test limit 1000");
		return Files.writeString(tmp.resolve(name + ".volr"), text);
	}

	/** The run's printed accuracy against steps: the SNN's accuracy at T (in %), and the ANN's. */
	private record Table(String out, double ann) {
		double snn(int t) {
			Matcher steps = Pattern.compile("    T\\s+([0-9 ]+)\\n\\s+SNN %\\s+([0-9. ]+)\\n").matcher(out);
			assertTrue(steps.find(), out);
			String[] ts = steps.group(1).trim().split("\\s+"), as = steps.group(2).trim().split("\\s+");
			for (int i = 0; i < ts.length; i++)
				if (Integer.parseInt(ts[i]) == t)
					return Double.parseDouble(as[i]);
			throw new AssertionError("no T=" + t + " in\n" + out);
		}

		double gap(int t) {
			return ann - snn(t);
		}
	}

	private Table run(Path file, String name) {
		Run r = volr("run", file.toString(), "-o", tmp.resolve(name + "-results").toString());
		assertEquals(0, r.code(), r.out() + r.err());
		System.out.println(r.out()); // the figures, for the README
		Matcher ann = Pattern.compile("ANN accuracy\\s+([0-9.]+) %").matcher(r.out());
		assertTrue(ann.find(), r.out());
		return new Table(r.out(), Double.parseDouble(ann.group(1)));
	}

	/** The same experiment without calibration (percentile thresholds for the whole layer), still from θ/2 and read as integrated. */
	private Path uncalibrated(Path file) throws IOException {
		String text = Files.readString(file).replace("channelwise, ", "").replace(", calibrate for 4 steps", "");
		return Files.writeString(file.resolveSibling("plain-" + file.getFileName()), text);
	}

	@Test
	void theMlpAnswersInFourStepsWithinItsMargin() throws IOException {
		Path file = fromWeights("mnist-mlp/mnist-mlp-fast.volr", "mlp");
		Table fast = run(file, "mlp");
		Table plain = run(uncalibrated(file), "mlp-plain");
		assertTrue(fast.gap(4) <= MLP_T4 + TOLERANCE, "MLP at T = 4: ANN − SNN " + fast.gap(4) + " points, the README states " + MLP_T4);
		assertTrue(fast.snn(4) >= plain.snn(4) + 0.3, "calibration helps at T = 4: " + fast.snn(4) + " against " + plain.snn(4));
		String report = Files.readString(tmp.resolve("mlp-results/report.json"));
		assertTrue(report.contains("\"initial_potential\": \"half\"") && report.contains("\"accuracy_against_steps\": {\"steps\": [1, 2, 4, 8, 16]")
				&& report.contains("\"calibrated_for_steps\": 4"), report);
		assertTrue(Files.readString(tmp.resolve("mlp-results/result.json")).contains("\"readout\": \"integrated\""));
	}

	/**
	 * The MLP trained with QCFS (4 levels) as shipped, on all 10,000 test images: within the 0.3 point of its ANN at
	 * T = 4 (measured 0.05, see the README), without calibration: the learnt λ is each hidden layer's threshold scale.
	 */
	@Test
	void theQcfsMlpAnswersInFourStepsOnAllTestImages() throws IOException {
		Table qcfs = run(EXAMPLES.resolve("mnist-mlp/mnist-mlp-qcfs.volr"), "mlp-qcfs");
		assertTrue(qcfs.out.contains("experiment fashion_mlp_qcfs: 10000 samples"), qcfs.out);
		assertTrue(qcfs.gap(4) <= 0.3, "QCFS MLP at T = 4: ANN − SNN " + qcfs.gap(4) + " points, the goal is 0.3");
		String report = Files.readString(tmp.resolve("mlp-qcfs-results/report.json"));
		assertTrue(report.contains("\"ann_activation\": {\"hidden\": \"qcfs\"") && report.contains("\"initial_potential\": \"half\""), report);
	}

	/**
	 * LeNet-5 trained with QCFS (4 levels) as shipped, on all 10,000 test images: within the 1.5 points of its ANN
	 * at T = 4 (measured 0.79, see the README) and its 0.5 point at T = 8 (measured −0.44).
	 */
	@Test
	void theQcfsLeNetAnswersInFourStepsOnAllTestImages() throws IOException {
		Table qcfs = run(EXAMPLES.resolve("fmnist-cnn/fmnist-cnn-qcfs.volr"), "cnn-qcfs");
		assertTrue(qcfs.out.contains("experiment fashion_cnn_qcfs: 10000 samples"), qcfs.out);
		assertTrue(qcfs.gap(4) <= 1.5, "QCFS LeNet-5 at T = 4: ANN − SNN " + qcfs.gap(4) + " points, the goal is 1.5");
		assertTrue(qcfs.gap(8) <= 0.5, "QCFS LeNet-5 at T = 8: ANN − SNN " + qcfs.gap(8) + " points, the goal is 0.5");
	}

	private static final Path THIRD_PARTY = Path.of(System.getProperty("volr.thirdparty", "../../testdata"));

	/** A Keras LeNet of the SNN Conversion Toolbox imported and given MNIST (10,000 test images) and a conversion for few steps. */
	private Path importedLeNet(String model, String convert) throws IOException {
		Path file = tmp.resolve(model.replace(".h5", ".volr"));
		Run imported = volr("import", THIRD_PARTY.resolve("keras").resolve(model).toString(), "-o", file.toString(), "--name", "lenet");
		assertEquals(0, imported.code(), imported.out() + imported.err());
		String text = Files.readString(file);
		int end = text.lastIndexOf('}');
		return Files.writeString(file, text.substring(0, end) + """
				    data npz "%s" test
				    convert { %s }
				    neuron IF { v_thresh 1.0 }
				    simulate { duration 16 steps, input constant, batch 500, readout integrated }
				}
				""".formatted(THIRD_PARTY.resolve("mnist-npz").toAbsolutePath(), convert));
	}

	/**
	 * The Keras LeNets of the SNN Conversion Toolbox (max pooling, trained on MNIST) on the 10,000 MNIST test images,
	 * converted with θ/2, channel-wise thresholds calibrated for 8 steps and the integrated readout: within the
	 * issue's 0.5 point of their ANN at T = 8 (measured 0.14 and −0.02, see the README). MNIST comes here as its test
	 * split only, so the calibration reads the first 1,000 test images (the pipeline says so in a warning).
	 */
	@Test
	void importedKerasLeNetsAnswerInEightSteps() throws IOException {
		for (String model : new String[] { "lenet5-98.96.h5", "lenet5-99.14.h5" }) {
			Table fast = run(importedLeNet(model, "normalize percentile 99.9, channelwise, reset subtract, samples 1000, init half, calibrate for 8 steps"),
					model);
			assertTrue(fast.out.contains("10000 samples"), fast.out);
			assertTrue(fast.gap(8) <= 0.5, model + " at T = 8: ANN − SNN " + fast.gap(8) + " points, the goal is 0.5");
		}
	}

	@Test
	void leNetAnswersInEightStepsWithinItsMargin() throws IOException {
		Table fast = run(fromWeights("fmnist-cnn/fmnist-cnn-fast.volr", "cnn"), "cnn");
		assertTrue(fast.gap(8) <= CNN_T8 + TOLERANCE, "LeNet-5 at T = 8: ANN − SNN " + fast.gap(8) + " points, the README states " + CNN_T8);
		assertTrue(fast.gap(4) <= CNN_T4 + TOLERANCE, "LeNet-5 at T = 4: ANN − SNN " + fast.gap(4) + " points, the README states " + CNN_T4);
	}
}
