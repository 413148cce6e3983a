package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.cli.tests.Run.volr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The thesis' calculus with {@code let} and references runs like the block form: the references are written out
 * once (NetworkInliner) and training, conversion, simulation and code generation read the result. XOR written
 * with two let bindings trains to the same weights and predicts the same classes as the example written plainly.
 */
class ThesisProgramsTest {
	private static final Path EXAMPLES = Path.of(System.getProperty("volr.examples", "../../examples"));

	@TempDir
	Path tmp;

	private Path xor(String name, String network) throws IOException {
		String example = Files.readString(EXAMPLES.resolve("xor/xor.volr"));
		String text = example.replace("network xor = dense 2 4 ⦶ dense 4 2 linear", network)
				.replace("data npz \"xor.npz\" test", "data npz \"" + EXAMPLES.resolve("xor/xor.npz").toAbsolutePath() + "\" test")
				.replace("targets pynn(backend: neuron), brian2, nir, spinnaker, lava", "targets nir, brian2");
		assertTrue(text.contains(network), "the example's network line changed");
		return Files.writeString(tmp.resolve(name + ".volr"), text);
	}

	@Test
	void letBoundXorRunsAsTheWrittenOutOne() throws IOException {
		Path plain = xor("plain", "network xor = dense 2 4 ⦶ dense 4 2 linear");
		Path let = xor("let", "network xor = let h = dense 2 4 in let o = dense 4 2 linear in h ⦶ o");
		assertEquals(0, volr("check", "--werror", let.toString()).code());
		Run a = volr("run", plain.toString(), "-o", tmp.resolve("plain-out").toString());
		assertEquals(0, a.code(), a.out() + a.err());
		Run b = volr("run", let.toString(), "-o", tmp.resolve("let-out").toString());
		assertEquals(0, b.code(), b.out() + b.err());
		assertEquals(Files.readString(tmp.resolve("plain-out/predictions.csv")), Files.readString(tmp.resolve("let-out/predictions.csv")));
		assertEquals(Files.readString(tmp.resolve("plain-out/accuracy.csv")), Files.readString(tmp.resolve("let-out/accuracy.csv")));
		Run gen = volr("generate", let.toString(), "-o", tmp.resolve("gen").toString());
		assertEquals(0, gen.code(), gen.out() + gen.err());
		assertTrue(Files.size(tmp.resolve("gen/nir/xor.nir")) > 0);
		assertTrue(Files.size(tmp.resolve("gen/brian2/xor_brian2.py")) > 0);
	}

	/** A network referenced twice is two layers with weights of their own, as the calculus' substitution says. */
	@Test
	void aReferenceUsedTwiceIsTwoLayers() throws IOException {
		Path file = xor("twice", "network hidden = dense 2 4\nnetwork xor = (hidden ⊖ hidden) ⦶ dense 8 2 linear");
		Run check = volr("check", "--werror", file.toString());
		assertEquals(0, check.code(), check.out());
		Run show = volr("run", file.toString(), "-o", tmp.resolve("out").toString());
		assertEquals(0, show.code(), show.out() + show.err());
		String report = Files.readString(tmp.resolve("out/report.json"));
		for (String layer : new String[] { "layer1", "layer2", "layer3" })
			assertTrue(report.contains("\"layer\": \"" + layer + "\""), layer + " in " + report);
	}
}
