package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.volr.core.weights.WeightStore;

/**
 * {@code train { activation qcfs L }} through the commands: trained, its λ reported and used as the conversion's scale,
 * saved with the weights, fine-tuned from them ({@code from npz}); and what cannot take it refused by {@code volr check}.
 */
class QcfsRunTest {
	private static final String FASHION = "/usr/share/datasets/fashion-mnist";
	private static final String EXPERIMENT = """
			network mlp {
			    input [1, 28, 28]
			    flatten
			    h: dense 64 relu
			    out: dense 10 softmax
			}
			experiment e {
			    network mlp
			    data idx "%1$s" test limit 300
			    train { %2$s, epochs 1, batch 64, seed 1, data idx "%1$s" train limit 2000 }
			    convert { normalize percentile 99.9, samples 300 }
			    simulate { duration 8 steps, input constant, batch 100 }
			}
			""";

	@TempDir
	Path tmp;

	private Path write(String name, String train) throws IOException {
		Path file = tmp.resolve(name);
		Files.writeString(file, EXPERIMENT.formatted(FASHION, train));
		return file;
	}

	private static double number(String text, String regex) {
		Matcher m = Pattern.compile(regex).matcher(text);
		assertTrue(m.find(), "no match for " + regex + " in:\n" + text);
		return Double.parseDouble(m.group(1));
	}

	@Test
	void aQcfsRunReportsItsLambdaAndConvertsWithIt() throws IOException {
		Path file = write("qcfs.volr", "activation qcfs 4");
		Run check = volr("check", "--werror", file.toString());
		assertEquals(0, check.code(), check.out());
		Path results = tmp.resolve("results");
		Run run = volr("run", file.toString(), "-o", results.toString());
		assertEquals(0, run.code(), run.out() + run.err());
		String report = Files.readString(results.resolve("report.json"));
		double lambda = number(report, "\"ann_activation\": \\{\"hidden\": \"qcfs\", \"layers\": \\[\\{\"layer\": \"h\", \"lambda\": ([0-9.e+-]+),"
				+ " \"levels\": 4\\}\\]\\}");
		// the conversion's scale of h is the learnt λ, with nothing clipped; the output layer's is measured
		assertEquals(lambda, number(report, "\\{\"layer\": \"h\", \"lambda\": ([0-9.e+-]+), \"channelwise\": false, \"clipped\": 0.000000\\}"),
				1e-5 * lambda);
		assertTrue(number(run.out(), "ANN accuracy\\s+([0-9.]+) %") > 60, run.out());
		WeightStore converted = WeightStore.read(results.resolve("converted.npz"));
		assertArrayEquals(new float[] { 1f }, converted.get("h.clip").data(), 1e-6f);
	}

	@Test
	void aTrainedNetworkIsFineTunedFromItsWeights() throws IOException {
		Path relu = write("relu.volr", "activation relu");
		Path weights = tmp.resolve("relu.npz");
		Run train = volr("train", relu.toString(), "-o", weights.toString());
		assertEquals(0, train.code(), train.out() + train.err());
		double before = number(train.out(), "test accuracy ([0-9.]+) %");
		Path tune = write("tune.volr", "from npz \"relu.npz\", activation qcfs 8, learning_rate 0.0001");
		Path tuned = tmp.resolve("tuned.npz");
		Run fineTune = volr("train", tune.toString(), "-o", tuned.toString());
		assertEquals(0, fineTune.code(), fineTune.out() + fineTune.err());
		assertTrue(fineTune.err().contains("fine-tuning mlp from relu.npz on 2000 samples"), fineTune.err());
		double after = number(fineTune.out(), "test accuracy ([0-9.]+) %");
		assertTrue(after > before - 3, "fine-tuned " + after + " % against " + before + " %");
		WeightStore w = WeightStore.read(tuned);
		assertArrayEquals(new float[] { 8f }, w.get("h.levels").data(), 0f);
		assertTrue(w.get("h.clip").data()[0] > 0);
	}

	@Test
	void whatCannotTakeQcfsIsRefusedByTheChecker() throws IOException {
		Path file = tmp.resolve("bad.volr");
		Files.writeString(file, EXPERIMENT.formatted(FASHION, "activation qcfs 4").replace("h: dense 64 relu", "h: dense 64 linear\n    r: activation relu"));
		Run check = volr("check", file.toString());
		assertEquals(1, check.code(), check.out());
		assertTrue(check.out().contains("layer 'r' applies a relu of its own, which qcfs would leave unquantised"), check.out());
		Path missing = write("missing.volr", "activation qcfs");
		check = volr("check", missing.toString());
		assertEquals(1, check.code(), check.out());
		assertTrue(check.out().contains("qcfs needs its number of levels L"), check.out());
	}
}
