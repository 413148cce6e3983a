package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.cli.tests.Run.volr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The volr command as a user meets it: exit codes, diagnostics format, formatting files in place. */
class VolrCliTest {
	private static final Path EXAMPLES = Path.of(System.getProperty("volr.examples", "../../examples"));
	private static final Pattern DIAGNOSTIC = Pattern.compile("^(.+\\.volr):(\\d+):(\\d+): (error|warning): (.+)$");

	@TempDir
	Path tmp;

	@Test
	void helpListsEveryCommand() {
		Run r = volr("--help");
		assertEquals(0, r.code());
		for (String command : new String[] { "check", "info", "format", "help" })
			assertTrue(r.out().contains("  " + command + " "), "help lists " + command + ":\n" + r.out());
	}

	@Test
	void noArgumentsIsAUsageError() {
		assertEquals(2, volr().code());
	}

	@Test
	void unknownCommandIsAUsageError() {
		Run r = volr("simulat", "x.volr");
		assertEquals(2, r.code());
		assertTrue(r.err().contains("unknown command 'simulat'"), r.err());
	}

	@Test
	void everyExampleChecksClean() throws IOException {
		long count;
		try (Stream<Path> s = Files.walk(EXAMPLES)) {
			count = s.filter(p -> p.toString().endsWith(".volr")).count();
		}
		assertTrue(count >= 5, "examples found: " + count);
		Run r = volr("check", "--werror", EXAMPLES.toString());
		assertEquals(0, r.code(), r.out() + r.err());
		assertEquals("", r.out());
		assertTrue(r.err().contains("checked " + count + " files: 0 errors, 0 warnings"), r.err());
	}

	@Test
	void errorsArePrintedAsFileLineColumn() throws IOException {
		Path bad = tmp.resolve("bad.volr");
		Files.writeString(bad, "// a size error on line 3\n\nnetwork n = dense 2 4 >> dense 3 2\n");
		Run r = volr("check", bad.toString());
		assertEquals(1, r.code());
		String line = r.out().lines().findFirst().orElse("");
		var m = DIAGNOSTIC.matcher(line);
		assertTrue(m.matches(), line);
		assertEquals(bad.toString(), m.group(1));
		assertEquals("3", m.group(2));
		assertEquals("error", m.group(4));
		assertTrue(m.group(5).contains("4") && m.group(5).contains("3"), "names both sizes: " + line);
	}

	@Test
	void syntaxErrorsAndMissingFilesAreDiagnosticsNotCrashes() throws IOException {
		Path bad = tmp.resolve("broken.volr");
		Files.writeString(bad, "network n = dense 2 >> >> (\n");
		Run r = volr("check", bad.toString(), tmp.resolve("missing.volr").toString());
		assertEquals(1, r.code());
		assertTrue(r.out().contains("broken.volr:1:"), r.out());
		assertTrue(r.out().contains("missing.volr:1:1: error: no such file"), r.out());
		assertFalse(r.err().contains("Exception"), r.err());
	}

	/** A file that once crashed the parser (exit 3) is an error at the file; the other files are still checked. */
	@Test
	void aFileNestedThousandsDeepIsAnErrorAndTheOthersAreChecked() throws IOException {
		Path dir = Files.createDirectories(tmp.resolve("deep"));
		Files.writeString(dir.resolve("a.volr"), "network x = " + "(".repeat(2000) + "dense 2 2" + ")".repeat(2000) + "\n");
		Files.writeString(dir.resolve("b.volr"), "network y = " + "let a = dense 2 2 in ".repeat(2000) + "a\n");
		Files.writeString(dir.resolve("c.volr"), "network z = dense 2 4 >> dense 3 1\n");
		Run r = volr("check", dir.toString());
		assertEquals(1, r.code(), r.err());
		assertTrue(r.out().contains("a.volr:1:213: error: nesting deeper than 200 levels"), r.out());
		assertTrue(r.out().contains("b.volr:1:" + ("network y = ".length() + 200 * 21 + 1) + ": error: nesting deeper than 200 levels"), r.out());
		assertTrue(r.out().contains("c.volr:1:32: error: Incompatible network sizes"), r.out());
		assertFalse(r.err().contains("internal error"), r.err());
	}

	@Test
	void classicMacLineEndsAndAByteOrderMarkAreRead() throws IOException {
		Path cr = tmp.resolve("cr.volr");
		Files.writeString(cr, "network xor {\r    input [2]\r    dense 4 relu\r    dense 3 2\r}\r");
		Run check = volr("check", cr.toString());
		assertEquals(1, check.code(), check.err());
		assertTrue(check.out().startsWith(cr + ":4:11: error: Incompatible network sizes"), check.out());
		Files.writeString(cr, "network xor {\r    input [2]\r  dense 4 relu\r    dense 1 linear\r}\r");
		Run format = volr("format", cr.toString());
		assertEquals(0, format.code(), format.err());
		assertEquals("network xor {\n    input [2]\n    dense 4 relu\n    dense 1 linear\n}\n", format.out());
		Files.writeString(cr, format.out().replace('\n', '\r'));
		assertEquals(1, volr("format", "--check", cr.toString()).code(), "CR line ends are not the canonical layout");
		assertEquals(0, volr("format", "--write", cr.toString()).code());
		assertEquals(format.out(), Files.readString(cr));
		Path bom = tmp.resolve("bom.volr");
		Files.writeString(bom, "\uFEFFnetwork xor = dense 2 4 >> dense 4 1\n");
		Run withBom = volr("check", bom.toString());
		assertEquals(0, withBom.code(), withBom.out());
	}

	@Test
	void infoPrintsShapesAndParameters() {
		Run r = volr("info", EXAMPLES.resolve("fmnist-cnn/fmnist-cnn.volr").toString());
		assertEquals(0, r.code(), r.err());
		assertTrue(r.out().contains("network lenet5: net [1, 28, 28] 10"), r.out());
		// LeNet-5 as Keras counts it: 156 + 2,416 + 48,120 + 10,164 + 850
		assertTrue(r.out().contains("61,706 parameters"), r.out());
		assertTrue(r.out().lines().anyMatch(l -> l.contains("flatten") && l.contains(" 400 ")), r.out());
	}

	@Test
	void formatWriteRewritesInPlaceAndCheckAgrees() throws IOException {
		Path f = tmp.resolve("messy.volr");
		Files.writeString(f, "network   n{input [2]   dense 4 relu dense 2}\n");
		Run before = volr("format", "--check", f.toString());
		assertEquals(1, before.code());
		assertTrue(before.out().contains("not formatted"), before.out());
		assertEquals(0, volr("format", "--write", f.toString()).code());
		String text = Files.readString(f);
		assertEquals("network n {\n    input [2]\n    dense 4 relu\n    dense 2\n}\n", text);
		assertEquals(0, volr("format", "--check", f.toString()).code());
		try (Stream<Path> s = Files.list(tmp)) {
			assertEquals(1, s.count(), "no temporary file left behind");
		}
	}

	@Test
	void formatRefusesFilesWithSyntaxErrors() throws IOException {
		Path f = tmp.resolve("broken.volr");
		String text = "network n = dense 2 >>\n";
		Files.writeString(f, text);
		Run r = volr("format", "--write", f.toString());
		assertEquals(1, r.code());
		assertEquals(text, Files.readString(f), "file untouched");
	}
}
