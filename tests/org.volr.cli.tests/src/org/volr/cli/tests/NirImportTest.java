package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.cli.tests.Run.volr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code volr import} on every NIR graph of the NIR paper (testdata/nir): the five that Volr expresses (the Braille
 * RNNs as recurrent layers with their CubaLIF gain folded into the weights, the two differing LIF neurons as a
 * layer's own neuron) import and pass {@code volr check --werror}; Sinabs' CNN, whose pooling has no neurons, is one
 * error line naming the file and every node Volr cannot express yet, exit 1, no stack trace, nothing written.
 */
class NirImportTest {
	private static final Path NIR = Path.of(System.getProperty("volr.thirdparty", "../../testdata")).resolve("nir");

	@TempDir
	Path tmp;

	@Test
	void everyNirPaperGraphImportsOrIsOneErrorListingEverythingToChange() throws IOException {
		List<String> files;
		try (var s = Files.list(NIR)) {
			files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".nir")).sorted().toList();
		}
		assertEquals(6, files.size(), files.toString());
		for (String f : files) {
			Path model = NIR.resolve(f), out = tmp.resolve(f.replace(".nir", ".volr"));
			Run r = volr("import", model.toString(), "-o", out.toString(), "--name", "imported");
			assertFalse((r.out() + r.err()).contains("Exception") || (r.out() + r.err()).contains("\tat "), f + ": " + r.out() + r.err());
			if (!f.contains("sinabs")) {
				assertEquals(0, r.code(), f + ": " + r.out() + r.err());
				Run check = volr("check", "--werror", out.toString());
				assertEquals(0, check.code(), f + ": " + check.out() + check.err() + Files.readString(out));
				String text = Files.readString(out);
				if (f.contains("braille")) {
					// the recurrent layer runs its weights as trained: nothing to normalise on (SEMANTICS.md, "Recurrent layers")
					assertTrue(text.contains("fc1: dense") && text.contains("recurrent") && text.contains("normalize none"), text);
					assertTrue(text.contains("fc2: dense 7 neuron CubaLIF {"), text); // lif2's time constants are not lif1's
				}
				continue;
			}
			assertEquals(1, r.code(), f + ": " + r.out() + r.err());
			assertTrue(r.out().startsWith(model + ":1:1: error: " + f + ": "), r.out());
			assertEquals(1, r.out().lines().count(), r.out());
			assertFalse(Files.exists(out) || Files.exists(tmp.resolve(f.replace(".nir", ".npz"))), f + ": nothing written");
			if (f.contains("sinabs"))
				assertTrue(r.out().contains(": 2 problems: node '4' (SumPool2d) is followed by '5' (Conv2d)")
						&& r.out().contains("; node '7' (SumPool2d) is followed by '8' (Flatten)"), r.out());
		}
	}
}
