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
import org.junit.jupiter.api.io.TempDir;

/**
 * The time from starting the server to its answer to {@code initialize}: first on an empty folder (what a fresh
 * process pays for loading classes and building the injectors), then on the repository's examples folder, whose
 * files are read and checked after the answer (DeferredInitialBuild); the first request waits for that. Printed for the record, not asserted (the
 * machine's load decides it); the test checks that the workspace was really read.
 */
class InitializeTimeTest {
	@TempDir
	Path empty;

	@Test
	void initializeOnAnEmptyFolderThenOnTheExamplesFolder() throws Exception {
		// the first server in this JVM: class loading and the injectors, as a freshly started 'volr lsp' pays them
		long first = System.nanoTime();
		try (LspSession session = new LspSession(empty)) {
			System.out.printf("volr lsp: initialize answered in %d ms on an empty folder (first server in the JVM)%n",
					(System.nanoTime() - first) / 1_000_000);
		}
		Path examples = Path.of("../../examples").toAbsolutePath().normalize();
		long files;
		try (Stream<Path> all = Files.walk(examples)) {
			files = all.filter(p -> p.toString().endsWith(".volr")).count();
		}
		assertTrue(files > 0, "no examples in " + examples);
		long start = System.nanoTime();
		try (LspSession session = new LspSession(examples)) {
			long millis = (System.nanoTime() - start) / 1_000_000;
			System.out.printf("volr lsp: initialize answered in %d ms on %s (%d .volr files, second server in the JVM)%n", millis, examples, files);
			// the workspace was read: a file that was never opened has its symbols
			Path xor = examples.resolve("xor/xor.volr");
			var symbols = session.server().getTextDocumentService().documentSymbol(new DocumentSymbolParams(new TextDocumentIdentifier(xor.toUri().toString())))
					.get(30, TimeUnit.SECONDS);
			assertFalse(symbols.isEmpty(), "no symbols for " + xor);
			// a request after 'initialized' waits for the workspace's first build
			System.out.printf("volr lsp: the first request answered %d ms after the start (after the workspace was read and checked)%n",
					(System.nanoTime() - start) / 1_000_000);
		}
	}
}
