package org.volr.lang.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.volr.lang.api.Diagnostic;

/**
 * The bad-input campaign as a test: seeded mutants of the example files (tokens deleted, duplicated, swapped; huge
 * numbers; nesting thousands deep; random bytes; classic Mac line ends; a byte order mark) are checked through
 * {@code VolrLanguage.check}, exactly as {@code volr check} does. For every one: nothing is thrown, every
 * diagnostic points inside the file, and no message shows a Java exception or a stack frame.
 */
class BadInputCampaignTest {
	static final long SEED = 20261207L;

	static final String[] HUGE = { "99999999999999999999", "2147483648", "9223372036854775808", "1e999", "1e-999", "-2147483649",
			"65536", "1e308" };

	/** A Java class name ending in Exception or Error, the word Exception, or a stack frame. */
	static final Pattern JAVA_INTERNALS = Pattern.compile("Exception|[A-Z][a-z]+Error\\b|\\bat (org|java|com|sun)\\.|java\\.[a-z]+\\.");

	@Test
	void everyMutantGetsDiagnosticsInsideTheFileAndNoJavaInternals() throws IOException {
		int total = Integer.getInteger("volr.campaign.mutants", 400);
		List<byte[]> seeds = new ArrayList<>();
		for (Path p : Volr.exampleFiles())
			seeds.add(Files.readAllBytes(p));
		Random random = new Random(SEED);
		Path dir = Files.createTempDirectory(Volr.tempDir(), "campaign");
		int clean = 0, withErrors = 0, refusedDeep = 0, notUtf8 = 0;
		long start = System.nanoTime();
		for (int i = 0; i < total; i++) {
			byte[] mutant = mutate(seeds.get(i % seeds.size()), random);
			Path file = dir.resolve("m" + i + ".volr");
			Files.write(file, mutant);
			List<Diagnostic> diagnostics;
			try {
				diagnostics = Volr.LANG.check(List.of(file));
			} catch (Throwable t) {
				throw new AssertionError("mutant " + i + " threw " + t + "; its text:\n" + show(mutant), t);
			}
			String text = new String(mutant, StandardCharsets.UTF_8);
			if (text.startsWith("\uFEFF"))
				text = text.substring(1);
			List<Integer> lineLengths = lineLengths(text);
			boolean errors = false;
			for (Diagnostic d : diagnostics) {
				if (JAVA_INTERNALS.matcher(d.message()).find())
					fail("mutant " + i + ": a message shows Java internals: " + d + "\nits text:\n" + show(mutant));
				if (d.line() < 1 || d.line() > lineLengths.size() || d.column() < 1 || d.column() > lineLengths.get(d.line() - 1) + 1)
					fail("mutant " + i + ": " + d + " points outside the file (" + lineLengths.size() + " lines, line "
							+ d.line() + " has " + (d.line() >= 1 && d.line() <= lineLengths.size() ? lineLengths.get(d.line() - 1) : "no")
							+ " characters)\nits text:\n" + show(mutant));
				if (d.severity() == Diagnostic.Severity.ERROR) {
					errors = true;
					if (d.message().startsWith("nesting deeper than"))
						refusedDeep++;
					if (d.message().startsWith("not a UTF-8 text file"))
						notUtf8++;
				}
			}
			if (errors)
				withErrors++;
			else
				clean++;
		}
		long ms = (System.nanoTime() - start) / 1_000_000;
		System.out.println("BadInputCampaignTest: " + total + " inputs (seed " + SEED + ") in " + ms + " ms: " + clean + " clean, "
				+ withErrors + " with errors (" + refusedDeep + " nested too deeply, " + notUtf8 + " not UTF-8)");
		assertTrue(clean > 0 && withErrors > 0 && refusedDeep > 0, "the campaign should reach clean, broken and too deep input");
	}

	/** The length of every line, with CR LF, a lone LF and a lone CR each ending one. */
	static List<Integer> lineLengths(String text) {
		List<Integer> lengths = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\n' || c == '\r') {
				lengths.add(i - start);
				if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n')
					i++;
				start = i + 1;
			}
		}
		lengths.add(text.length() - start);
		return lengths;
	}

	static byte[] mutate(byte[] seed, Random random) {
		List<String> tokens = FuzzTest.tokens(new String(seed, StandardCharsets.UTF_8));
		int n = 1 + random.nextInt(3);
		byte[] prefix = {}, insertion = {};
		int insertAt = -1;
		boolean crOnly = false, truncate = false;
		for (int k = 0; k < n && !tokens.isEmpty(); k++) {
			int at = random.nextInt(tokens.size());
			switch (random.nextInt(9)) {
			case 0 -> tokens.remove(at);
			case 1 -> tokens.add(at, tokens.get(at));
			case 2 -> {
				if (at + 1 < tokens.size())
					tokens.add(at + 1, tokens.remove(at));
			}
			case 3 -> tokens.set(at, HUGE[random.nextInt(HUGE.length)]);
			case 4 -> {
				int depth = random.nextBoolean() ? 2000 : 150 + random.nextInt(100);
				switch (random.nextInt(3)) {
				case 0 -> tokens.set(at, "(".repeat(depth) + tokens.get(at) + ")".repeat(depth));
				case 1 -> tokens.set(at, "{ ".repeat(depth) + tokens.get(at) + " }".repeat(depth));
				default -> tokens.set(at, "let q = dense 2 2 in ".repeat(depth) + tokens.get(at));
				}
			}
			case 5 -> {
				insertion = new byte[1 + random.nextInt(8)];
				random.nextBytes(insertion);
				insertAt = random.nextInt(Integer.MAX_VALUE);
			}
			case 6 -> crOnly = true;
			case 7 -> prefix = new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };
			default -> truncate = true;
			}
		}
		String text = FuzzTest.join(tokens);
		if (truncate && !text.isEmpty())
			text = text.substring(0, random.nextInt(text.length()));
		if (crOnly)
			text = text.replace("\r\n", "\n").replace('\n', '\r');
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(prefix);
		if (insertAt >= 0) {
			int cut = insertAt % (body.length + 1);
			out.write(body, 0, cut);
			out.writeBytes(insertion);
			out.write(body, cut, body.length - cut);
		} else {
			out.writeBytes(body);
		}
		return out.toByteArray();
	}

	static String show(byte[] bytes) {
		String s = new String(bytes, StandardCharsets.UTF_8);
		return s.length() > 2000 ? s.substring(0, 2000) + "... (" + s.length() + " characters)" : s;
	}
}
