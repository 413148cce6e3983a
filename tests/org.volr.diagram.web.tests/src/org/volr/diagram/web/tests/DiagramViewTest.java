package org.volr.diagram.web.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.lang.api.Diagnostic;
import org.volr.lang.api.VolrLanguage;

/**
 * The page's view and history controls in headless Chromium: browser/diagram-view.test.mjs checks fit to view,
 * zoom, pan, the top-down layout, undo and redo, and the Delete key, and takes screenshots; this test serves the
 * LeNet example and checks the file the Delete key left with the language's own checker.
 */
class DiagramViewTest {
	@TempDir
	Path dir;

	@Test
	void viewFitsZoomsPansTurnsAndTheFileUndoesAndDeletes() throws Exception {
		Path file = ServedExample.copyInto(dir);
		Path out = Files.createDirectories(dir.resolve("out"));
		try {
			BrowserScript.run("volr.browser.view.test", file, out);
		} finally {
			BrowserScript.keepScreenshots(out);
		}
		Path afterDelete = out.resolve("after-delete.volr");
		assertFalse(Files.readString(afterDelete).contains("f6:"));
		List<Diagnostic> errors = VolrLanguage.create().check(List.of(afterDelete)).stream()
				.filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
		assertEquals(List.of(), errors);
	}
}
