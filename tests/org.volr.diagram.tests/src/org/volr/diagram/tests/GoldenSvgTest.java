package org.volr.diagram.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.volr.diagram.Diagrams;

/**
 * The SVG of every example, compared as text with golden/<example>.svg. After an intended change, regenerate with
 * -Dvolr.updateGolden=true, look at the diff and check the files in.
 */
class GoldenSvgTest {
	private static final Path GOLDEN = Path.of(System.getProperty("volr.golden", "golden")).toAbsolutePath().normalize();
	private static final boolean UPDATE = Boolean.getBoolean("volr.updateGolden");

	static Stream<Path> examples() {
		return Examples.files();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void svgMatchesGoldenFile(Path file) throws IOException {
		String svg = Diagrams.svg(Examples.load(file));
		Path golden = GOLDEN.resolve(Examples.name(file) + ".svg");
		if (UPDATE) {
			Files.createDirectories(GOLDEN);
			Files.writeString(golden, svg, StandardCharsets.UTF_8);
			return;
		}
		assertTrue(Files.exists(golden), "missing " + golden + "; run once with -Dvolr.updateGolden=true");
		assertEquals(Files.readString(golden, StandardCharsets.UTF_8), svg, golden.toString());
	}
}
