package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * The adaptive LIF neuron, added as one class and its registration, runs end to end on Fashion-MNIST: with no rise
 * of the threshold it gives the LIF neuron's predictions and spikes exactly; with one, the network fires less; and
 * every target, none of which has an adaptive neuron, refuses it by name without having been edited for it.
 */
class AdaptiveLifRunTest {
	@TempDir
	Path tmp;

	private static final String EXPERIMENT = """
			network mlp {
			    input [1, 28, 28]
			    flatten
			    fc1: dense 64 relu
			    out: dense 10 softmax
			}

			experiment e {
			    network mlp
			    data idx "/usr/share/datasets/fashion-mnist" test limit 200
			    train { epochs 1, batch 64, optimizer adam 0.002, seed 3, data idx "/usr/share/datasets/fashion-mnist" train limit 3000 }
			    convert { normalize percentile 99.9, reset subtract, samples 500 }
			    neuron %s
			    simulate { duration 60 steps, input constant, batch 50 }
			    targets %s
			    seed 1
			}
			""";

	private Path run(String name, String neuron) throws IOException {
		Path file = Files.writeString(tmp.resolve(name + ".volr"), EXPERIMENT.formatted(neuron, "nir"));
		Path out = tmp.resolve(name);
		Run r = volr("run", file.toString(), "-o", out.toString());
		assertEquals(0, r.code(), r.out() + r.err());
		return out;
	}

	private static long totalSpikes(Path out) throws IOException {
		return Files.readAllLines(out.resolve("spike-counts.csv")).stream().skip(1).mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(',') + 1)))
				.sum();
	}

	private static double snnAccuracy(Path out) throws IOException {
		Matcher m = Pattern.compile("^  \"accuracy\": ([0-9.]+)", Pattern.MULTILINE).matcher(Files.readString(out.resolve("result.json")));
		assertTrue(m.find(), "result.json has the SNN's accuracy");
		return Double.parseDouble(m.group(1));
	}

	@Test
	void runsOnFashionMnistAndIsLifWithoutARise() throws IOException {
		Path lif = run("lif", "LIF { tau_m 50 ms }");
		Path same = run("alif0", "AdaptiveLIF { tau_m 50 ms, beta 0 }");
		Path adapting = run("alif", "AdaptiveLIF { tau_m 50 ms, tau_adapt 100 ms, beta 0.5 }");
		assertEquals(Files.readString(lif.resolve("predictions.csv")), Files.readString(same.resolve("predictions.csv")));
		assertEquals(Files.readString(lif.resolve("spike-counts.csv")), Files.readString(same.resolve("spike-counts.csv")));
		long lifSpikes = totalSpikes(lif), adaptingSpikes = totalSpikes(adapting);
		assertTrue(adaptingSpikes < lifSpikes, "a rising threshold means fewer spikes: " + adaptingSpikes + " against LIF's " + lifSpikes);
		assertNotEquals(Files.readString(lif.resolve("predictions.csv")), Files.readString(adapting.resolve("predictions.csv")));
		System.out.printf("AdaptiveLIF on 200 Fashion-MNIST test images: SNN accuracy LIF %.4f, AdaptiveLIF (beta 0.5) %.4f; spikes of"
				+ " the recorded samples %d against %d%n", snnAccuracy(lif), snnAccuracy(adapting), lifSpikes, adaptingSpikes);
		assertTrue(snnAccuracy(adapting) >= 0.5, "still classifies: " + snnAccuracy(adapting));
	}

	@Test
	void everyTargetRefusesItByName() throws IOException {
		Path file = Files.writeString(tmp.resolve("targets.volr"), EXPERIMENT.formatted("AdaptiveLIF { beta 0.5 }", "pynn, brian2, nir, lava"));
		Path out = tmp.resolve("generated");
		Run r = volr("generate", file.toString(), "-o", out.toString());
		assertNotEquals(0, r.code(), r.out() + r.err());
		assertNotEquals(3, r.code(), r.out() + r.err());
		for (String target : new String[] { "NIR", "PyNN", "Brian2", "Lava" })
			assertTrue((r.out() + r.err()).contains("AdaptiveLIF neurons have no " + target + " mapping"), target + ": " + r.out() + r.err());
		try (var files = Files.walk(out)) {
			assertEquals(java.util.List.of(), files.filter(f -> f.toString().matches(".*\\.(nir|py|net|npz)$") && !f.endsWith("converted.npz"))
					.toList(), "nothing generated, nothing half-written");
		}
	}
}
