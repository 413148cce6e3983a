package org.volr.diagram.web.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.volr.diagram.web.DiagramServer;

/**
 * Runs one of the Playwright scripts in browser/ (named by a system property the pom sets) against a served file:
 * {@code node SCRIPT URL FILE OUT_DIR}, with the client's node_modules and Debian's Chromium. Fails with the
 * script's output when it fails or takes more than three minutes.
 */
final class BrowserScript {
	private BrowserScript() {
	}

	static void run(String scriptProperty, Path file, Path out) throws IOException, InterruptedException {
		Path log = out.resolveSibling(out.getFileName() + ".log");
		try (DiagramServer server = DiagramServer.start(file, 0)) {
			ProcessBuilder pb = new ProcessBuilder("node", System.getProperty(scriptProperty), server.uri().toString(),
					file.toString(), out.toString());
			pb.environment().put("VOLR_CLIENT", System.getProperty("volr.web.client"));
			pb.environment().put("CHROMIUM", System.getProperty("volr.chromium", "/usr/bin/chromium"));
			pb.redirectErrorStream(true).redirectOutput(log.toFile());
			Process p = pb.start();
			boolean finished = p.waitFor(180, TimeUnit.SECONDS);
			if (!finished)
				p.destroyForcibly();
			String output = Files.readString(log, StandardCharsets.UTF_8);
			System.out.println(output);
			assertTrue(finished, "the browser test did not finish in 180 s:\n" + output);
			assertEquals(0, p.exitValue(), output);
		}
	}

	/** Copies the script's screenshots to the folder the pom names (volr.screenshots), for a person to look at. */
	static void keepScreenshots(Path out) throws IOException {
		String target = System.getProperty("volr.screenshots");
		if (target == null)
			return;
		Path dir = Files.createDirectories(Path.of(target));
		try (var files = Files.list(out)) {
			for (Path png : files.filter(f -> f.toString().endsWith(".png")).toList())
				Files.copy(png, dir.resolve(png.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
	}
}
