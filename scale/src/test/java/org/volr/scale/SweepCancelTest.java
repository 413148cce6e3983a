package org.volr.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during a sweep: the command (a JVM of its own, as the volr script starts it) gets SIGINT once its first point
 * is in; it stops its Spark jobs, says so, and leaves the previous sweep's table as it was, nothing half-written.
 */
class SweepCancelTest {
	@TempDir
	Path tmp;

	@Test
	void ctrlCStopsTheSweepAndWritesNothing() throws Exception {
		Path file = TestExperiments.lenet(tmp, 200, 50, 60, "poisson 500 Hz", "IF { v_thresh 1.0 }");
		Path out = Files.createDirectories(tmp.resolve("sweep"));
		Files.writeString(out.resolve("sweep.csv"), "the previous sweep's table\n");
		Path log = tmp.resolve("log");
		// env restores Ctrl-C's default action: a build started in the background (cmd &) passes SIGINT on ignored, and a
		// JVM that starts with SIGINT ignored never runs its shutdown hooks on it, as a terminal's volr would
		Process p = new ProcessBuilder("env", "--default-signal=INT", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + System.getProperty("volr.scale.jvmargs"),
				"-cp", System.getProperty("java.class.path"), VolrScale.class.getName(), "sweep", file.toString(), "--master", "local[1]", "--grid",
				"v_thresh=0.5,0.6,0.7,0.8,0.9,1,1.1,1.2", "--out", out.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
			while (!Files.readString(log).contains("[1/8]")) {
				assertTrue(p.isAlive(), Files.readString(log));
				assertTrue(System.nanoTime() < deadline, "no point in 3 minutes: " + Files.readString(log));
				Thread.sleep(200);
			}
			// SIGINT, as Ctrl-C in a terminal sends it
			assertEquals(0, new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor());
			assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stopped within a minute of Ctrl-C: " + Files.readString(log));
		} finally {
			p.destroyForcibly();
		}
		String printed = Files.readString(log);
		assertNotEquals(0, p.exitValue(), printed);
		assertTrue(printed.contains("volr sweep: cancelled; nothing written"), printed);
		assertTrue(!printed.contains("[8/8]") && !printed.contains("best:"), printed);
		assertTrue(!printed.contains("Exception"), "no stack trace: " + printed);
		// the previous table untouched, no plot, no temporary file left
		assertEquals("the previous sweep's table\n", Files.readString(out.resolve("sweep.csv")));
		try (Stream<Path> files = Files.list(out)) {
			assertEquals(List.of("sweep.csv"), files.map(f -> f.getFileName().toString()).toList());
		}
	}
}
