package org.volr.lang.ide.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.junit.jupiter.api.Test;

/**
 * The time from starting the server to its answer to {@code initialize}, on the repository's examples folder: Xtext
 * answers after it has read and checked every .volr file under the root. Printed for the record, not asserted (the
 * machine's load decides it); the test checks that the workspace was really read.
 */
class InitializeTimeTest {
	@Test
	void initializeOnTheExamplesFolder() throws Exception {
		Path examples = Path.of("../../examples").toAbsolutePath().normalize();
		long files;
		try (Stream<Path> all = Files.walk(examples)) {
			files = all.filter(p -> p.toString().endsWith(".volr")).count();
		}
		assertTrue(files > 0, "no examples in " + examples);
		long start = System.nanoTime();
		try (LspSession session = new LspSession(examples)) {
			long millis = (System.nanoTime() - start) / 1_000_000;
			System.out.printf("volr lsp: initialize answered in %d ms on %s (%d .volr files)%n", millis, examples, files);
			// the workspace was read: a file that was never opened has its symbols
			Path xor = examples.resolve("xor/xor.volr");
			var symbols = session.server().getTextDocumentService().documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(xor.toUri().toString())))
					.get(30, TimeUnit.SECONDS);
			assertFalse(symbols.isEmpty(), "no symbols for " + xor);
		}
	}
}
