package org.volr.diagram.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.diagram.Diagrams;
import org.volr.diagram.LayerActivity;
import org.volr.diagram.ResultsOverlay;
import org.volr.model.VolrFile;

/**
 * The activity overlay on the results of a real run: examples/parallel-mnist's experiment, run by {@code volr run}
 * on the 10,000 Fashion-MNIST test images (its result.json and report.json are kept in results/).
 */
class ResultsOverlayTest {
	static final Path RUN = Path.of("results/fashion_parallel-results").toAbsolutePath();

	@Test
	void layersShowTheRateAndCorrelationOfTheLastRun(@TempDir Path dir) throws IOException {
		Path example = Examples.ROOT.resolve("parallel-mnist/parallel-mnist.volr");
		Path copy = dir.resolve("parallel-mnist.volr");
		Files.copy(example, copy);
		Path results = Files.createDirectories(dir.resolve("fashion_parallel-results"));
		for (String f : new String[] { "result.json", "report.json" })
			Files.copy(RUN.resolve(f), results.resolve(f));
		VolrFile model = Examples.load(copy);
		Map<String, Map<String, LayerActivity>> activity = ResultsOverlay.find(model, dir);
		assertEquals(java.util.Set.of("parallel_fashion"), activity.keySet(), "only the network the experiment ran");
		Map<String, LayerActivity> layers = activity.get("parallel_fashion");
		assertEquals(java.util.List.of("fc1", "left", "right", "out"), java.util.List.copyOf(layers.keySet()));
		assertEquals(0.05935, layers.get("fc1").rate(), 1e-6);
		assertEquals(0.9998, layers.get("fc1").correlation(), 1e-9);
		String svg = Diagrams.svg(model, activity);
		String plain = Diagrams.svg(model);
		assertTrue(svg.contains(">0.0594 /step · r 0.9998</text>"), "fc1's line");
		assertTrue(svg.contains(">0.0915 /step · r 0.9996</text>"), "the left branch's line");
		assertFalse(plain.contains("/step"), "no overlay without results");
		// the overlay adds one line to the four measured layers: their nodes grow, nothing else changes
		assertEquals(4, svg.split("class=\"activity\"", -1).length - 1);
		assertTrue(Diagrams.sprottyJson(model, activity).contains("0.1046 /step · r 0.9997"), "the web client gets the same line");
	}

	@Test
	void aResultsFolderThatIsNotOneIsNamedInTheError(@TempDir Path dir) throws IOException {
		Path results = Files.createDirectories(dir.resolve("broken-results"));
		Files.writeString(results.resolve("result.json"), "{\"samples\": 3, \"layers\": [ {\"label\": ");
		IOException e = assertThrows(IOException.class, () -> ResultsOverlay.read(results));
		assertTrue(e.getMessage().contains("result.json") && e.getMessage().contains("not a results file of volr run"), e.getMessage());
		Files.writeString(results.resolve("result.json"), "{\"samples\": 3}");
		e = assertThrows(IOException.class, () -> ResultsOverlay.read(results));
		assertTrue(e.getMessage().contains("no \"layers\" list"), e.getMessage());
	}
}
