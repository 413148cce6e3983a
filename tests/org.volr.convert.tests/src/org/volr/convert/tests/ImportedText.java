package org.volr.convert.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.volr.lang.api.Diagnostic;
import org.volr.convert.ImportedModel;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.VolrFactory;
import org.volr.model.VolrFile;

/** What every importer test asks of an imported network: written as .volr text and read back, it type-checks. */
final class ImportedText {
	private ImportedText() {
	}

	/** The network as .volr text, after checking that the text reads back without a single diagnostic. */
	static String typeChecked(ImportedModel m) {
		VolrFile file = VolrFactory.eINSTANCE.createVolrFile();
		file.getElements().add(m.network());
		VolrLanguage lang = VolrLanguage.create();
		String text = lang.serializeDetached(file);
		VolrLanguage.Workspace ws = lang.workspace();
		ws.add(Path.of("imported.volr"), text);
		List<Diagnostic> diagnostics = ws.check();
		assertTrue(diagnostics.isEmpty(), text + "\n" + diagnostics);
		return text;
	}
}
