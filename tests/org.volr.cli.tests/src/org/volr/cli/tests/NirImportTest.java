package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.cli.tests.Run.volr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code volr import} on every NIR graph of the NIR paper (testdata/nir): all six import and pass {@code volr check
 * --werror} (the Braille RNNs as recurrent layers with their CubaLIF gain folded into the weights, the two differing
 * LIF neurons as a layer's own neuron, Sinabs' CNN with its neuron-less sum pools folded into the layers after them),
 * and the CNN simulates N-MNIST events.
 */
class NirImportTest {
	private static final Path NIR = Path.of(System.getProperty("volr.thirdparty", "../../testdata")).resolve("nir");

	@TempDir
	Path tmp;

	@Test
	void everyNirPaperGraphImportsAndChecks() throws IOException {
		List<String> files;
		try (var s = Files.list(NIR)) {
			files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".nir")).sorted().toList();
		}
		assertEquals(6, files.size(), files.toString());
		for (String f : files) {
			Path model = NIR.resolve(f), out = tmp.resolve(f.replace(".nir", ".volr"));
			Run r = volr("import", model.toString(), "-o", out.toString(), "--name", "imported");
			assertFalse((r.out() + r.err()).contains("Exception") || (r.out() + r.err()).contains("\tat "), f + ": " + r.out() + r.err());
			assertEquals(0, r.code(), f + ": " + r.out() + r.err());
			Run check = volr("check", "--werror", out.toString());
			assertEquals(0, check.code(), f + ": " + check.out() + check.err() + Files.readString(out));
			String text = Files.readString(out);
			if (f.contains("braille")) {
				// the recurrent layer runs its weights as trained: nothing to normalise on (SEMANTICS.md, "Recurrent layers")
				assertTrue(text.contains("fc1: dense") && text.contains("recurrent") && text.contains("normalize none"), text);
				assertTrue(text.contains("fc2: dense 7 neuron CubaLIF {"), text); // lif2's time constants are not lif1's
			}
			if (f.contains("sinabs")) // the header says how each pool was folded
				assertTrue(text.contains("// - node '4' (SumPool2d, 2×2) has no neurons after it: folded into '5' (Conv2d)")
						&& text.contains("// - node '7' (SumPool2d, 2×2) has no neurons after it: folded into '9' (Affine)"), text);
		}
	}

	/**
	 * Sinabs' CNN (input [2, 34, 34], as N-MNIST) runs on N-MNIST recordings written here event by event: every layer
	 * fires, the output included, and the run ends with its accuracy.
	 */
	@Test
	void sinabsCnnSimulatesNMnistEvents() throws IOException {
		Path volrFile = tmp.resolve("cnn.volr");
		Run r = volr("import", NIR.resolve("paper_02_cnn_cnn_sinabs.nir").toString(), "-o", volrFile.toString(), "--name", "cnn");
		assertEquals(0, r.code(), r.out() + r.err());
		Random random = new Random(5);
		for (int label = 0; label < 3; label++) {
			Path dir = Files.createDirectories(tmp.resolve("events/Test/" + label));
			Files.write(dir.resolve("00000.bin"), recording(random, 1500, 30_000));
		}
		String text = Files.readString(volrFile);
		// the import's simulate clause names the step it read the graph for; IF's gain does not depend on it (k = r)
		assertTrue(text.contains("simulate { dt 0.1 ms, discretisation euler }"), text);
		text = text.replace("simulate { dt 0.1 ms, discretisation euler }", "simulate { duration 30 steps, dt 1 ms, input events }");
		int end = text.lastIndexOf('}');
		Files.writeString(volrFile, text.substring(0, end) + """
				    data nmnist "events" test
				    convert { normalize none }
				}
				""");
		Run check = volr("check", "--werror", volrFile.toString());
		assertEquals(0, check.code(), check.out() + check.err() + Files.readString(volrFile));
		Path out = tmp.resolve("out");
		Run run = volr("run", volrFile.toString(), "-o", out.toString());
		assertEquals(0, run.code(), run.out() + run.err());
		assertTrue(run.out().contains("3 samples, 30 steps"), run.out());
		assertTrue(run.out().contains("SNN accuracy"), run.out());
		List<String> raster = Files.readAllLines(out.resolve("spike-raster.csv"));
		assertTrue(raster.size() > 1, "the first recording's spikes were recorded");
		assertTrue(raster.stream().skip(1).anyMatch(l -> l.contains("n11")), "the output layer fires: " + raster.subList(0, 3));
	}

	/** One N-MNIST recording: n events of random pixels and polarities over the given microseconds (5 bytes each). */
	private static byte[] recording(Random random, int n, int micros) {
		long[] times = new long[n];
		for (int i = 0; i < n; i++)
			times[i] = random.nextInt(micros);
		Arrays.sort(times);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (long t : times) {
			out.write(random.nextInt(34));
			out.write(random.nextInt(34));
			out.write((int) (random.nextInt(2) << 7 | (t >>> 16) & 0x7F));
			out.write((int) (t >>> 8) & 0xFF);
			out.write((int) t & 0xFF);
		}
		return out.toByteArray();
	}
}
