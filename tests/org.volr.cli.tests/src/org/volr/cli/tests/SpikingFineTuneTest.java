package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.cli.tests.Run.volr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.ann.InMemory;
import org.volr.core.data.ArrayDataset;
import org.volr.core.data.Dataset;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.pipeline.ExperimentSetup;
import org.volr.pipeline.Pipeline;
import org.volr.sim.Simulator;
import org.volr.sim.SpikingNetwork;

/**
 * Fine-tuning after conversion (train { spiking, from npz "ann.npz" } beside a convert block): an ANN trained on the
 * first 3,000 MNIST test images of the repository (testdata/mnist-npz) is converted to IF neurons (percentile 99.9,
 * reset by subtraction) for T = 2 steps, and the converted network trained further as a spiking network at those 2
 * steps (counts loss, one epoch) on the same 3,000 images. On the 5,000 held-out images 5,000–9,999 the fine-tuned
 * network is at least 10 points more accurate than the converted one at the same T (measured 84.44 % against 70.78 %;
 * at T = 4, where the conversion loses little, one epoch did not help: 87.56 % against 87.90 %).
 */
class SpikingFineTuneTest {
	private static final Path MNIST = Path.of(System.getProperty("volr.thirdparty", "../../testdata")).resolve("mnist-npz").toAbsolutePath();
	private static final String NETWORK = """
			network mlp {
			    input [784]
			    h: dense 64 relu
			    out: dense 10 linear
			}
			""";
	private static final String SPIKING = """
			experiment e {
			    network mlp
			    %2$s
			    data npz "%1$s" test
			    neuron IF { v_thresh 1.0 }
			    convert { normalize percentile 99.9, samples 500, reset subtract%3$s }
			    simulate { duration 2 steps, input constant, batch 500 }
			}
			""";

	@TempDir
	Path tmp;

	@Test
	void aConvertedNetworkFineTunedAtTwoStepsBeatsItOnHeldOutImages() throws Exception {
		Path ann = tmp.resolve("ann.volr");
		Files.writeString(ann, NETWORK + """
				experiment a {
				    network mlp
				    train { epochs 4, batch 200, optimizer adam 0.005, seed 1, data npz "%1$s" test limit 3000 }
				    data npz "%1$s" test limit 100
				}
				""".formatted(MNIST));
		Run trainAnn = volr("train", ann.toString(), "-o", tmp.resolve("ann.npz").toString());
		assertEquals(0, trainAnn.code(), trainAnn.out() + trainAnn.err());

		Path converted = write("converted.volr", "weights npz \"ann.npz\"", "");
		Path fineTuned = write("fine-tuned.volr", "train { spiking, from npz \"ann.npz\", surrogate fast_sigmoid 5, loss counts, epochs 1, batch 32,"
				+ " optimizer adam 0.0002, seed 1, data npz \"" + MNIST + "\" test limit 3000 }", "");
		Run check = volr("check", "--werror", fineTuned.toString());
		assertEquals(0, check.code(), check.out() + check.err());
		Run train = volr("train", fineTuned.toString(), "-o", tmp.resolve("fine-tuned.npz").toString());
		assertEquals(0, train.code(), train.out() + train.err());
		assertTrue(train.err().contains("fine-tuning mlp as a spiking network from ann.npz (converted) on 3000 samples"), train.err());

		ExperimentSetup setup = load(converted);
		Pipeline pipeline = new Pipeline(setup, System.err, Progress.NONE);
		WeightStore start = pipeline.convert(pipeline.weights(), tmp.resolve("converted"));
		WeightStore tuned = WeightStore.read(tmp.resolve("fine-tuned.npz"));
		Dataset heldOut = heldOut(pipeline.testData(-1), 5000, 10000);
		double before = accuracy(setup, start, heldOut), after = accuracy(load(fineTuned), tuned, heldOut);
		System.out.printf(Locale.ROOT, "held-out accuracy at T = 2: converted %.2f %%, fine-tuned %.2f %%%n", 100 * before, 100 * after);
		// measured: converted 70.78 %, fine-tuned 84.44 % (one epoch); at least 10 points better
		assertTrue(after >= before + 0.10, String.format(Locale.ROOT, "converted %.4f, fine-tuned %.4f", before, after));
	}

	@Test
	void whatTheFineTuneCannotFollowIsRefusedByName() throws Exception {
		String from = "train { spiking, from npz \"ann.npz\", epochs 1 }";
		assertRefused(write("half.volr", from, ", init half"), "spiking training starts every membrane at zero, not at half the threshold");
		assertRefused(write("calibrated.volr", from, ", calibrate for 4 steps"), "spiking training does not follow a calibration for few steps yet");
		assertRefused(write("random.volr", "train { spiking, epochs 1 }", ""),
				"a network trained as a spiking network from random weights has no ANN to convert");
	}

	private Path write(String name, String weights, String convert) throws Exception {
		return Files.writeString(tmp.resolve(name), NETWORK + SPIKING.formatted(MNIST, weights, convert));
	}

	private static void assertRefused(Path file, String expected) {
		Run check = volr("check", file.toString());
		assertEquals(1, check.code(), file.getFileName() + ":\n" + check.out() + check.err());
		assertTrue((check.out() + check.err()).contains(expected), "expected '" + expected + "' in:\n" + check.out() + check.err());
	}

	private static ExperimentSetup load(Path file) throws Exception {
		return ExperimentSetup.load(file, null, d -> {
			throw new AssertionError(d.toString());
		});
	}

	/** Samples [from, to) of the data, in memory. */
	private static Dataset heldOut(Dataset data, int from, int to) {
		InMemory all = InMemory.load(data, Progress.NONE);
		int size = all.sampleSize();
		return new ArrayDataset(data.name() + " [" + from + ", " + to + ")", all.sampleShape(), all.classes(),
				Arrays.copyOfRange(all.features(), from * size, to * size), Arrays.copyOfRange(all.labels(), from, to));
	}

	/** The simulator's accuracy of the network with these weights, under the experiment's neurons and steps. */
	private static double accuracy(ExperimentSetup setup, WeightStore weights, Dataset data) throws Exception {
		return Simulator.run(SpikingNetwork.lower(setup.network, weights), data, setup.withNeuronParameters(setup.simulation(0), weights),
				Progress.NONE).finalAccuracy();
	}
}
