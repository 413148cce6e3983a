package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.cli.tests.Run.volr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.core.weights.WeightStore;
import org.volr.net.NetLayer;
import org.volr.pipeline.ExperimentSetup;

/**
 * Weights named in an experiment's {@code weights} clause are checked against its network before anything reads
 * them: a missing array or one of another shape is one error at the clause naming the layer, the array and both
 * shapes, not a failure deep inside training or the simulator. And {@code volr import} of an .npz says what to do
 * instead, since the file holds no network.
 */
class ImportedWeightsCheckTest {
	private static final Path EXAMPLES = Path.of(System.getProperty("volr.examples", "../../examples"));

	@TempDir
	Path tmp;

	/** The XOR example with its training replaced by weights read from w.npz. */
	private Path xorWithWeights() throws IOException {
		Files.copy(EXAMPLES.resolve("xor/xor.npz"), tmp.resolve("xor.npz"));
		String text = Files.readString(EXAMPLES.resolve("xor/xor.volr")).replaceFirst("train \\{[^}]*\\}", "weights npz \"w.npz\"");
		assertTrue(text.contains("weights npz \"w.npz\""), text);
		return Files.writeString(tmp.resolve("xor.volr"), text);
	}

	private static List<NetLayer> weighted(Path file) {
		ExperimentSetup setup = load(file);
		List<NetLayer> layers = setup.network.weighted();
		assertEquals(2, layers.size());
		return layers;
	}

	private static ExperimentSetup load(Path file) {
		try {
			return ExperimentSetup.load(file, null, d -> {
				throw new AssertionError(d.toString());
			});
		} catch (Exception e) {
			throw new AssertionError(e);
		}
	}

	private static void put(WeightStore store, NetLayer layer, int[] weightShape) {
		store.put(layer.weightKey(), weightShape, new float[Arrays.stream(weightShape).reduce(1, (a, b) -> a * b)]);
		store.put(layer.biasKey(), layer.biasShape(), new float[layer.biasShape()[0]]);
	}

	/** "LINE:COLUMN" of the weights clause in the file: where its source begins, at the format after 'weights'. */
	private static String weightsClause(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file);
		for (int i = 0; i < lines.size(); i++)
			if (lines.get(i).contains("weights npz"))
				return (i + 1) + ":" + (lines.get(i).indexOf("npz") + 1);
		throw new AssertionError("no weights clause in " + file);
	}

	@Test
	void aWrongShapedWeightIsRefusedAtTheWeightsClause() throws IOException {
		Path file = xorWithWeights();
		List<NetLayer> layers = weighted(file);
		NetLayer first = layers.get(0);
		int[] expected = first.weightShape(), transposed = { expected[1], expected[0] };
		WeightStore store = new WeightStore();
		put(store, first, transposed);
		put(store, layers.get(1), layers.get(1).weightShape());
		store.write(tmp.resolve("w.npz"));

		Run run = volr("run", file.toString(), "-o", tmp.resolve("out").toString());
		assertEquals(1, run.code(), run.out() + run.err());
		assertTrue(run.out().contains("xor.volr:" + weightsClause(file) + ": error: w.npz: " + first.describe() + " needs '"
				+ first.weightKey() + "' of shape " + Arrays.toString(expected) + ", the file's has shape " + Arrays.toString(transposed)),
				run.out());
		assertFalse((run.out() + run.err()).contains("Exception"), run.out() + run.err());
		assertFalse(Files.exists(tmp.resolve("out/converted.npz")), "refused before conversion");
	}

	@Test
	void aMissingWeightIsRefusedAtTheWeightsClause() throws IOException {
		Path file = xorWithWeights();
		List<NetLayer> layers = weighted(file);
		NetLayer second = layers.get(1);
		WeightStore store = new WeightStore();
		put(store, layers.get(0), layers.get(0).weightShape());
		store.write(tmp.resolve("w.npz"));

		Run run = volr("run", file.toString(), "-o", tmp.resolve("out").toString());
		assertEquals(1, run.code(), run.out() + run.err());
		assertTrue(run.out().contains("xor.volr:" + weightsClause(file) + ": error: w.npz: " + second.describe() + " needs '"
				+ second.weightKey() + "' of shape " + Arrays.toString(second.weightShape()) + ", which the file does not have"), run.out());
		assertFalse((run.out() + run.err()).contains("Exception"), run.out() + run.err());
	}

	@Test
	void importingAnNpzSaysToNameItInAWeightsClause() throws IOException {
		Path npz = tmp.resolve("trained.npz");
		new WeightStore().put("fc.weight", new int[] { 2, 2 }, new float[4]).write(npz);
		Run run = volr("import", npz.toString(), "-o", tmp.resolve("t.volr").toString());
		assertEquals(1, run.code(), run.out() + run.err());
		assertEquals(npz + ":1:1: error: trained.npz holds weights only, no network to import: write the network in a .volr file and"
				+ " name this file in its experiment's weights clause, weights npz \"trained.npz\"\n", run.out());
		assertEquals("", run.err());
		assertFalse(Files.exists(tmp.resolve("t.volr")));
	}
}
