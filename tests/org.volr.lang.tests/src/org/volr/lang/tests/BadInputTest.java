package org.volr.lang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.volr.lang.NestingDepth;
import org.volr.lang.api.Diagnostic;
import org.volr.lang.api.IoMessages;
import org.volr.model.Network;

/**
 * Input found by a bad-input campaign that used to crash the checker or leak Java's own messages: deep nesting,
 * classic Mac line ends, a byte order mark, numbers out of range, shapes and step counts that overflow an int,
 * missing files. Each must give {@code file:line:col: error: message} naming what was expected.
 */
class BadInputTest {
	static final String DEEP_PARENS = "network x = " + "(".repeat(2000) + "dense 2 2" + ")".repeat(2000) + "\n";
	static final String DEEP_LETS = "network x = " + "let a = dense 2 2 in ".repeat(2000) + "a\n";
	static final String DEEP_BLOCKS = "network x {\n    input [2]\n    " + "{ ".repeat(2000) + "dense 2" + " }".repeat(2000) + "\n}\n";

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "parens", "lets", "blocks" })
	void nestingThousandsDeepIsAnErrorAtTheFirstLevelTooDeep(String kind) {
		String text = switch (kind) {
		case "parens" -> DEEP_PARENS;
		case "lets" -> DEEP_LETS;
		default -> DEEP_BLOCKS;
		};
		Volr.Checked c = Volr.check(text);
		Diagnostic d = c.expectError(kind.equals("blocks") ? 3 : 1, "nesting deeper than " + NestingDepth.LIMIT + " levels");
		assertEquals(1, c.errors().size(), () -> Volr.describe(c.diagnostics()));
		// the first bracket or let beyond the limit: the 201st level
		int expectedColumn = switch (kind) {
		case "parens" -> "network x = ".length() + NestingDepth.LIMIT + 1;
		case "lets" -> "network x = ".length() + NestingDepth.LIMIT * "let a = dense 2 2 in ".length() + 1;
		default -> 4 + 2 * (NestingDepth.LIMIT - 1) + 1; // the block of the network is level 1
		};
		assertEquals(expectedColumn, d.column(), d.toString());
	}

	@Test
	void aFileNestedTooDeeplyDoesNotStopTheCheckOfTheOthers() throws Exception {
		Path dir = Files.createTempDirectory(Volr.tempDir(), "deep");
		Path deep = Files.writeString(dir.resolve("a-deep.volr"), DEEP_PARENS);
		Path wrong = Files.writeString(dir.resolve("b-wrong.volr"), "network y = dense 2 4 >> dense 3 1\n");
		Path good = Files.writeString(dir.resolve("c-good.volr"), "network z = dense 2 4 >> dense 4 1\n");
		List<Diagnostic> all = Volr.LANG.check(List.of(deep, wrong, good));
		assertEquals(2, all.size(), () -> Volr.describe(all));
		assertEquals(deep, all.get(0).file());
		assertTrue(all.get(0).message().startsWith("nesting deeper than"), all.get(0).message());
		assertEquals(wrong, all.get(1).file());
		assertTrue(all.get(1).message().startsWith("Incompatible network sizes"), all.get(1).message());
	}

	/** The limit is no lower than it claims: a text nested exactly that deep goes through every service. */
	@Test
	void nestingAtTheLimitIsParsedCheckedFormattedAndSerialized() {
		int n = NestingDepth.LIMIT;
		String parens = "network x = " + "(".repeat(n) + "dense 2 2" + ")".repeat(n) + "\n";
		String lets = "network y = " + "let a = dense 2 2 in ".repeat(n - 1) + "(a)\n";
		String blocks = "network z {\n    input [2]\n    " + "{ ".repeat(n - 1) + "dense 2" + " }".repeat(n - 1) + "\n}\n";
		for (String text : List.of(parens, lets, blocks)) {
			Volr.Checked c = Volr.check(text);
			c.expectNoErrors();
			Network network = (Network) c.model().getElements().get(0);
			assertNotNull(network.getBody());
			String formatted = Volr.LANG.format(c.resource());
			assertNotNull(formatted);
			Volr.check(formatted).expectNoErrors();
			assertNotNull(Volr.LANG.serialize(c.model()));
		}
	}

	@Test
	void bracketsInCommentsAndStringsDoNotCount() {
		String text = "// " + "(".repeat(5000) + "\n/* " + "{".repeat(5000) + " */\nnetwork x = dense 2 2\n"
				+ "experiment e { network x data npz \"" + "[".repeat(5000) + ".npz\" }\n";
		assertEquals(-1, NestingDepth.firstBeyond(text, NestingDepth.LIMIT));
		Volr.check(text).expectNone("nesting");
	}

	@Test
	void classicMacLineEndsAreLineBreaks() {
		String lf = "network xor {\n    input [2]\n    dense 4\n    dense 3 2\n}\n";
		String cr = lf.replace('\n', '\r');
		Volr.Checked withLf = Volr.check(lf), withCr = Volr.check(cr);
		Diagnostic expected = withLf.expectError(4, "Incompatible network sizes");
		Diagnostic got = withCr.expectError(4, "Incompatible network sizes");
		assertEquals(expected.column(), got.column());
		assertEquals(withLf.diagnostics().size(), withCr.diagnostics().size());
		String good = "network xor {\n    input [2]\n  dense 4 relu\n\n    dense 1 linear // out\n}\n";
		Volr.Checked c = Volr.check(good.replace('\n', '\r'));
		c.expectNoErrors();
		String formatted = Volr.LANG.format(c.resource());
		assertEquals(Volr.LANG.format(Volr.check(good).resource()), formatted, "formatted as with LF line ends");
		assertFalse(formatted.contains("\r"), formatted);
		// CR LF stays one line break, mixed with lone CRs
		Volr.check("network xor {\r\n    input [2]\r    dense 4\r\n    dense 3 2\r}").expectError(4, "Incompatible network sizes");
	}

	@Test
	void aByteOrderMarkIsSkipped() throws Exception {
		Path file = Volr.tempDir().resolve("bom.volr");
		byte[] bom = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
		byte[] text = "network xor = dense 2 4 >> dense 3 2\n".getBytes(StandardCharsets.UTF_8);
		byte[] bytes = new byte[bom.length + text.length];
		System.arraycopy(bom, 0, bytes, 0, bom.length);
		System.arraycopy(text, 0, bytes, bom.length, text.length);
		Files.write(file, bytes);
		Volr.Checked c = Volr.check(file);
		Diagnostic d = c.expectError(1, "Incompatible network sizes");
		assertEquals(1, c.diagnostics().size(), () -> Volr.describe(c.diagnostics()));
		assertEquals("network xor = dense 2 4 >> dense ".length() + 1, d.column(), "columns count without the mark");
		// text handed over with the mark in it (as an editor might) parses as well
		Volr.check("\uFEFFnetwork xor = dense 2 4 >> dense 4 2\n").expectClean();
	}

	@Test
	void anIntegerTooLargeSaysSoAtItsPosition() {
		String text = "network x = dense 99999999999999999999 2\n";
		Volr.Checked c = Volr.check(text);
		Diagnostic d = c.expectError(1, "integer 99999999999999999999 is too large (at most 2147483647)");
		assertEquals(text.indexOf("9999") + 1, d.column());
		Volr.check("network x = dense 2 2\nexperiment e { network x seed 99999999999999999999 }\n")
				.expectError(2, "integer 99999999999999999999 is too large (at most 9223372036854775807)");
		Volr.check("network x { input [2] dense 2 }\nexperiment e { network x simulate { clamp x -99999999999 } }\n")
				.expectError(2, "integer -99999999999 is too small (at least -2147483648)");
		Volr.check("network x = dense 2 2 >> dropout 1e999\n").expectError(1, "number 1e999 is too large");
		Volr.check("network x = dense 2 2 >> dropout 1e-999\n").expectError(1, "number 1e-999 is too small to tell from 0");
	}

	/** Numbers the parser could not complete: the error names what was expected, never Java's conversion. */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "network x = dense 2 2 >> dropout -", "network x = dense 2 2 >> dropout .", "network x = dense 2 2 >> dropout 1e",
			"network x = dense 2 2 >> dropout 1.", "network x = dense 2 2 >> dropout -.5", "network x = dense 2 2 >> batchnorm(epsilon: )",
			"network x = dense 2 2 >> batchnorm(epsilon: -)", "network x = dense 2 2 >> dropout",
			"experiment e { network x neuron LIF { tau_m - ms } }", "experiment e { network x simulate { duration - steps } }",
			"experiment e { network x simulate { clip [-, 1] } }", "experiment e { network x data npz \"d.npz\" mean [0.5, -] }",
			"experiment e { network x simulate { clamp x - } }", "experiment e { network x train { optimizer adam - } }" })
	void aMalformedNumberIsAClearError(String text) {
		Volr.Checked c = Volr.check((text.startsWith("network") ? "" : "network x = dense 2 2\n") + text + "\n");
		// the error is on the line of the number, not only somewhere
		int line = text.startsWith("network") ? 1 : 2;
		assertTrue(c.errors().stream().anyMatch(d -> d.line() == line && d.message().matches("expected an? (number|integer) here.*")),
				() -> "expected an error naming the number expected on line " + line + ":\n" + Volr.describe(c.diagnostics()));
		for (Diagnostic d : c.diagnostics()) {
			assertFalse(d.message().contains("Couldn't convert"), d.message());
			assertFalse(d.message().contains("null"), d.message());
			assertFalse(d.message().contains("EDouble"), d.message());
			assertFalse(d.message().contains("ValueConverter"), d.message());
		}
	}

	@Test
	void aShapeTooLargeForAnIntIsAnErrorAtTheLayer() {
		Volr.Checked input = Volr.check("network x {\n    input [65536, 65536]\n    flatten\n    dense 10\n}\n");
		input.expectError(2, "4294967296 values", "more than 2147483647");
		Volr.Checked conv = Volr.check("network x {\n    input [1, 46340, 46340]\n    conv2d(2, kernel: 1)\n    flatten\n    dense 10\n}\n");
		conv.expectError(3, "[2, 46340, 46340]", "4294791200 values", "more than 2147483647");
		Volr.Checked concat = Volr.check(
				"network x {\n    input [2]\n    { dense 2000000000 } | { dense 2000000000 }\n    dense 1\n}\n");
		concat.expectError(3, "more than 2147483647");
		Volr.Checked kernel = Volr.check("network x {\n    input [1, 8, 8]\n    conv2d(2, kernel: 3, dilation: 2000000000)\n}\n");
		kernel.expectError(3, "does not fit");
	}

	@Test
	void aDurationIsAWholeNumberOfStepsThatFitsAnInt() {
		String head = "network x = dense 2 2\nexperiment e {\n    network x\n    simulate { ";
		Volr.check(head + "duration 1e308 steps }\n}\n").expectError(4, "too long", "at most 2147483647 steps");
		Volr.check(head + "duration 2.5 steps }\n}\n").expectError(4, "whole number", "'2.5 steps'");
		Volr.check(head + "duration 1e300 ms, dt 1 ms }\n}\n").expectError(4, "too long", "at most 2147483647 steps");
		Volr.check(head + "duration 3000000 s, dt 0.001 ms }\n}\n").expectError(4, "too long");
		Volr.check(head + "duration 2147483647 steps }\n}\n").expectNone("duration");
		Volr.check(head + "duration 100.5 ms }\n}\n").expectNone("duration");
	}

	@Test
	void aMissingFileIsNamedWithoutJavasExceptionNames() throws Exception {
		Path missing = Volr.tempDir().resolve("no-such-dir").resolve("missing.volr");
		List<Diagnostic> all = Volr.LANG.check(List.of(missing));
		assertEquals(1, all.size());
		assertEquals(missing + ":1:1: error: no such file", all.get(0).toString());
		assertEquals("x.npz: no such file", IoMessages.describe(new UncheckedIOException(new NoSuchFileException("x.npz"))));
		Path notADirectory = Files.writeString(Volr.tempDir().resolve("plain.txt"), "x");
		List<Diagnostic> underAFile = Volr.LANG.check(List.of(notADirectory.resolve("a.volr")));
		assertEquals(1, underAFile.size());
		assertFalse(underAFile.get(0).message().contains("Exception"), underAFile.get(0).message());
	}
}
