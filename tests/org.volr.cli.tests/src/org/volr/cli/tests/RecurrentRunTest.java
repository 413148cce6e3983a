package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.cli.tests.Run.volr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.core.weights.WeightStore;

/**
 * A recurrent network runs end to end with weights from a file (SEMANTICS.md, "Recurrent layers"): with recurrent
 * weights of zero it spikes exactly as the same network without recurrence, with lateral inhibition in the output
 * layer it fires less; the report says why it has no ANN accuracy; `volr check` refuses what cannot compute a
 * recurrent network (training, normalising), the targets that do not write recurrence refuse it by name and NIR
 * writes it.
 */
class RecurrentRunTest {
	@TempDir
	static Path tmp;
	/** Weights of a feed-forward MLP trained and converted once by Volr, the start of every recurrent experiment. */
	static Path trained;

	private static final String NETWORK = """
			network mlp {
			    input [1, 28, 28]
			    flatten
			    fc1: dense 64 relu%s
			    out: dense 10 softmax%s
			}
			""";

	private static final String EXPERIMENT = """
			experiment e {
			    network mlp
			    data idx "/usr/share/datasets/fashion-mnist" test limit 200
			    weights npz "%s"
			    convert { normalize none }
			    simulate { duration 60 steps, input constant, batch 50 }
			    seed 1
			}
			""";

	@BeforeAll
	static void trainTheFeedForwardNetwork() throws IOException {
		Path file = Files.writeString(tmp.resolve("ff.volr"), NETWORK.formatted("", "") + """
				experiment e {
				    network mlp
				    data idx "/usr/share/datasets/fashion-mnist" test limit 200
				    train { epochs 1, batch 64, optimizer adam 0.002, seed 3, data idx "/usr/share/datasets/fashion-mnist" train limit 3000 }
				    convert { normalize percentile 99.9, reset subtract, samples 500 }
				    simulate { duration 60 steps, input constant, batch 50 }
				    seed 1
				}
				""");
		Path out = tmp.resolve("ff");
		Run r = volr("run", file.toString(), "-o", out.toString());
		assertEquals(0, r.code(), r.out() + r.err());
		trained = out.resolve("converted.npz");
	}

	/** The converted weights with recurrent weights added: fc1's all {@code fc1}, out's {@code out} off the diagonal (0 on it). */
	private static Path weights(String name, float fc1, float out) throws IOException {
		WeightStore w = WeightStore.read(trained);
		w.put("fc1.weight_rec", new int[] { 64, 64 }, filled(64, fc1, fc1));
		w.put("out.weight_rec", new int[] { 10, 10 }, filled(10, out, 0f));
		Path file = tmp.resolve(name + ".npz");
		w.write(file);
		return file;
	}

	private static float[] filled(int n, float off, float diagonal) {
		float[] a = new float[n * n];
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++)
				a[i * n + j] = i == j ? diagonal : off;
		return a;
	}

	private static Path run(String name, String recurrent, Path weights) throws IOException {
		Path file = Files.writeString(tmp.resolve(name + ".volr"),
				NETWORK.formatted(recurrent, recurrent) + EXPERIMENT.formatted(weights.toString().replace("\\", "/")));
		Path out = tmp.resolve(name);
		Run r = volr("run", file.toString(), "-o", out.toString());
		assertEquals(0, r.code(), r.out() + r.err());
		return out;
	}

	private static long outputSpikes(Path out) throws IOException {
		return Files.readAllLines(out.resolve("spike-counts.csv")).stream().skip(1).filter(l -> l.split(",")[1].equals("out"))
				.mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(',') + 1))).sum();
	}

	private static double snnAccuracy(Path out) throws IOException {
		Matcher m = Pattern.compile("\"snn_accuracy\": ([0-9.]+)").matcher(Files.readString(out.resolve("report.json")));
		assertTrue(m.find(), "report.json has the SNN's accuracy");
		return Double.parseDouble(m.group(1));
	}

	@Test
	void zeroRecurrentWeightsSpikeAsTheFeedForwardNetworkAndLateralInhibitionFiresLess() throws IOException {
		Path feedForward = run("plain", "", trained);
		Path zero = run("zero", " recurrent", weights("zero", 0f, 0f));
		assertEquals(Files.readString(feedForward.resolve("predictions.csv")), Files.readString(zero.resolve("predictions.csv")));
		assertEquals(Files.readString(feedForward.resolve("spike-counts.csv")), Files.readString(zero.resolve("spike-counts.csv")));
		String report = Files.readString(zero.resolve("report.json"));
		assertTrue(report.contains("\"ann_accuracy\": null"), report);
		assertTrue(report.contains("recurrent layer 'fc1': no ANN accuracy"), report);

		Path inhibited = run("inhibited", " recurrent", weights("inhibited", 0f, -0.5f));
		long before = outputSpikes(feedForward), after = outputSpikes(inhibited);
		assertTrue(after < before, "each output spike inhibits the other outputs: " + after + " against " + before);
		System.out.printf("recurrent MLP on 200 Fashion-MNIST test images: SNN accuracy %.4f feed-forward, %.4f with lateral inhibition"
				+ " (-0.5) in the output layer; output spikes of the recorded samples %d against %d%n", snnAccuracy(feedForward),
				snnAccuracy(inhibited), before, after);
		assertTrue(snnAccuracy(inhibited) >= 0.5, "still classifies: " + snnAccuracy(inhibited));
	}

	@Test
	void checkRefusesTrainingAndNormalisingARecurrentNetwork() throws IOException {
		Path file = Files.writeString(tmp.resolve("train.volr"), NETWORK.formatted(" recurrent", "") + """
				experiment e {
				    network mlp
				    data idx "/usr/share/datasets/fashion-mnist" test limit 200
				    train { epochs 1 }
				}
				""");
		Run r = volr("check", file.toString());
		assertNotEquals(0, r.code(), r.out() + r.err());
		String said = r.out() + r.err();
		assertTrue(said.contains("recurrent layer 'fc1': training computes the ANN, which has no recurrent layers; write 'weights npz"),
				said);
		assertTrue(said.contains("(fc1.weight, out.weight, fc1.weight_rec)"), said);
		assertTrue(said.contains("recurrent layer 'fc1': the conversion normalises on the ANN's activations, which a recurrent network has"
				+ " none of; add 'convert { normalize none }'"), said);
		assertTrue(said.contains("train.volr:"), "names the file and line: " + said);
	}

	@Test
	void targetsThatDoNotWriteRecurrenceRefuseItByNameAndNirWritesIt() throws IOException {
		Path file = Files.writeString(tmp.resolve("targets.volr"), NETWORK.formatted(" recurrent", "")
				+ EXPERIMENT.formatted(weights("targets", 0.01f, 0f).toString().replace("\\", "/")).replace("seed 1", "targets lava, nir")
						.replace("normalize none", "normalize none, reset zero")); // NIR's neurons reset to a value
		Path out = tmp.resolve("generated");
		Run r = volr("generate", file.toString(), "-o", out.toString());
		String said = r.out() + r.err();
		assertNotEquals(0, r.code(), said);
		for (String target : new String[] { "Loihi (netx)" }) // PyNN and Brian2 write it: RecurrentScriptTest (gen.tests)
			assertTrue(said.contains("recurrent layer 'fc1': its own spikes of the step before (weight_rec) are simulated by Volr but not"
					+ " generated for " + target + " yet"), target + ": " + said);
		assertTrue(Files.exists(out.resolve("nir").resolve("mlp.nir")), said);
		try (var files = Files.walk(out)) {
			assertEquals(List.of(), files.filter(f -> f.toString().matches(".*\\.(py|net)$")).toList(), "no script half-written");
		}
	}
}
