package org.volr.diagram.web.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.lang.api.Diagnostic;
import org.volr.lang.api.VolrLanguage;

/**
 * The served page in headless Chromium: browser/diagram-page.test.mjs drives it (palette, property panel, text
 * edits, a broken file, a size mismatch); this test serves the file, runs the script and checks what it left on
 * disk with the language's own checker.
 */
class DiagramPageTest {
	@TempDir
	Path dir;

	@Test
	void editingInTheBrowserWritesTheFileAndShowsErrorsOnNodes() throws Exception {
		Path file = ServedExample.copyInto(dir);
		Path out = Files.createDirectories(dir.resolve("out"));
		BrowserScript.run("volr.browser.test", file, out);
		VolrLanguage language = VolrLanguage.create();
		// after the palette and the property panel: the new layer is in the file, and the file type-checks
		Path afterSize = out.resolve("after-size.volr");
		assertTrue(Files.readString(afterSize).contains("    f5: dense 120 relu\n    dense 32 relu\n"));
		assertEquals(List.of(), errors(language, afterSize));
		// after the mismatch: the checker reports it on the line of the changed layer
		String text = Files.readString(file);
		int line = (int) text.substring(0, text.indexOf("dense 7 32 relu")).chars().filter(c -> c == '\n').count() + 1;
		List<Diagnostic> errors = errors(language, file);
		assertTrue(errors.stream().anyMatch(d -> d.line() == line), errors + " on line " + line);
	}

	private static List<Diagnostic> errors(VolrLanguage language, Path file) {
		return language.check(List.of(file)).stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
	}
}
