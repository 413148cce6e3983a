package org.volr.lang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.emf.ecore.EAttribute;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.resource.XtextResource;
import org.volr.lang.api.Diagnostic;
import org.volr.lang.api.Diagnostic.Severity;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Named;
import org.volr.model.VolrFile;

/** Shared helpers of the tests: the language, the example files, checking text and a canonical model dump. */
final class Volr {
	static final VolrLanguage LANG = VolrLanguage.create();
	private static Path tempDir;

	private Volr() {
	}

	static Path examples() {
		return Path.of(System.getProperty("volr.examples", "../../examples")).toAbsolutePath().normalize();
	}

	static Path testdata() {
		return Path.of(System.getProperty("volr.testdata", "data")).toAbsolutePath().normalize();
	}

	static List<Path> volrFiles(Path dir) {
		try (Stream<Path> s = Files.walk(dir)) {
			return s.filter(p -> p.toString().endsWith(".volr")).sorted().collect(Collectors.toList());
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The example files that are meant to be valid (all of them). */
	static List<Path> exampleFiles() {
		List<Path> files = volrFiles(examples());
		assertTrue(files.size() >= 5, "expected the example files in " + examples() + ", found " + files);
		return files;
	}

	static String read(Path p) {
		try {
			return Files.readString(p);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	static synchronized Path tempDir() {
		if (tempDir == null) {
			try {
				tempDir = Files.createTempDirectory("volr-tests");
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return tempDir;
	}

	/** Text checked on its own, as a file in a temporary directory. */
	record Checked(XtextResource resource, VolrFile model, List<Diagnostic> diagnostics) {
		List<Diagnostic> errors() {
			return diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).toList();
		}

		List<Diagnostic> warnings() {
			return diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).toList();
		}

		List<Diagnostic> syntaxErrors() {
			List<Diagnostic> result = new ArrayList<>();
			for (org.eclipse.xtext.nodemodel.INode n : resource.getParseResult().getSyntaxErrors())
				result.add(new Diagnostic(null, n.getStartLine(), 0, Severity.ERROR, n.getSyntaxErrorMessage().getMessage(), "syntax"));
			return result;
		}

		/** Asserts one diagnostic of the severity on the line whose message contains every fragment, and returns it. */
		Diagnostic expect(Severity severity, int line, String... fragments) {
			for (Diagnostic d : diagnostics)
				if (d.severity() == severity && d.line() == line && containsAll(d.message(), fragments))
					return d;
			return fail("expected " + severity.label() + " on line " + line + " containing " + List.of(fragments)
					+ ", got:\n" + describe(diagnostics));
		}

		Diagnostic expectError(int line, String... fragments) {
			return expect(Severity.ERROR, line, fragments);
		}

		Diagnostic expectWarning(int line, String... fragments) {
			return expect(Severity.WARNING, line, fragments);
		}

		/** An error on the line, from the parser or a check. */
		void expectErrorOrSyntax(int line) {
			assertTrue(errors().stream().anyMatch(d -> d.line() == line), () -> "expected an error on line " + line + ", got:\n"
					+ describe(diagnostics));
		}

		/**
		 * Clean but for warnings about data or weight files: text copied into a temporary folder loses the files
		 * that sit beside the example.
		 */
		void expectCleanAwayFromItsFiles() {
			List<Diagnostic> rest = diagnostics.stream()
					.filter(d -> !"org.volr.lang.missingFile".equals(d.code()))
					.toList();
			assertEquals(List.of(), rest, () -> "expected no diagnostics, got:\n" + describe(rest));
		}

		void expectClean() {
			assertEquals(List.of(), diagnostics, () -> "expected no diagnostics, got:\n" + describe(diagnostics));
		}

		void expectNoErrors() {
			assertEquals(List.of(), errors(), () -> "expected no errors, got:\n" + describe(diagnostics));
		}

		/** No diagnostic whose message contains the fragment (to show that a positive variant passes a rule). */
		void expectNone(String fragment) {
			for (Diagnostic d : diagnostics)
				if (d.message().contains(fragment))
					fail("did not expect '" + fragment + "', got:\n" + describe(diagnostics));
		}
	}

	static boolean containsAll(String message, String... fragments) {
		for (String f : fragments)
			if (!message.contains(f))
				return false;
		return true;
	}

	static String describe(List<Diagnostic> diagnostics) {
		return diagnostics.isEmpty() ? "  (none)"
				: diagnostics.stream().map(d -> "  " + d.line() + ":" + d.column() + " " + d.severity().label() + ": "
						+ d.message()).collect(Collectors.joining("\n"));
	}

	private static int counter;

	static synchronized Checked check(String text) {
		Path file = tempDir().resolve("t" + (counter++) + ".volr");
		VolrLanguage.Workspace ws = LANG.workspace();
		XtextResource r = ws.add(file, text);
		assertNotNull(r, "could not load the text");
		return new Checked(r, ws.model(file), ws.check());
	}

	static Checked check(Path file) {
		VolrLanguage.Workspace ws = LANG.workspace();
		XtextResource r = ws.add(file);
		assertNotNull(r, "could not load " + file);
		return new Checked(r, ws.model(file), ws.check());
	}

	/**
	 * A canonical text of a model: classes, set attributes and contained objects; cross references by the class
	 * and name of their target (so models from different resources compare equal when they link the same way).
	 */
	static String dump(EObject o) {
		StringBuilder b = new StringBuilder();
		dump(o, b, 0);
		return b.toString();
	}

	private static void dump(EObject o, StringBuilder b, int depth) {
		b.append("  ".repeat(depth)).append(o.eClass().getName()).append('\n');
		for (EStructuralFeature f : o.eClass().getEAllStructuralFeatures()) {
			if (!o.eIsSet(f))
				continue;
			String pad = "  ".repeat(depth + 1);
			if (f instanceof EAttribute) {
				b.append(pad).append(f.getName()).append(" = ").append(o.eGet(f)).append('\n');
			} else if (f instanceof EReference ref && ref.isContainment()) {
				b.append(pad).append(f.getName()).append(":\n");
				for (EObject child : children(o, ref))
					dump(child, b, depth + 2);
			} else if (f instanceof EReference ref) {
				b.append(pad).append(f.getName()).append(" -> ");
				for (EObject target : children(o, ref)) {
					if (target.eIsProxy())
						b.append("<unresolved>");
					else
						b.append(target.eClass().getName()).append(' ')
								.append(target instanceof Named n ? n.getName() : "?");
				}
				b.append('\n');
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static List<EObject> children(EObject o, EReference ref) {
		Object v = o.eGet(ref, true);
		if (v == null)
			return List.of();
		if (ref.isMany())
			return new ArrayList<>((List<EObject>) v);
		return List.of((EObject) v);
	}

	static String lower(Object o) {
		return String.valueOf(o).toLowerCase(Locale.ROOT);
	}
}
