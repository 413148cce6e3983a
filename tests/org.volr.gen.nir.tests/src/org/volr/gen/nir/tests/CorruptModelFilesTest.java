package org.volr.gen.nir.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.convert.ImportException;
import org.volr.convert.keras.KerasImporter;
import org.volr.convert.onnx.OnnxImporter;
import org.volr.gen.nir.NirReader;

/**
 * Every real model file the tests have (the third-party Keras models and NIR graphs, the ONNX and Keras 3 test
 * models), damaged in a few hundred seeded ways each: emptied, truncated, bytes flipped, runs overwritten, and for
 * Keras the JSON configuration edited in place (same length, so the HDF5 around it stays valid). Whatever the
 * damage, an importer either still imports the file or throws an ImportException whose message starts with the
 * file's name and names no Java exception class; nothing else escapes, and nothing hangs. (In this test bundle
 * because it is the one that sees all three importers.)
 */
class CorruptModelFilesTest {
	private static final Path THIRD_PARTY = Path.of(System.getProperty("volr.thirdparty", "../../testdata"));
	private static final Path CONVERT_DATA = Path.of(System.getProperty("volr.convert.testdata", "../org.volr.convert.tests/data"));
	/** A Java exception class name, qualified or not; the words "error" and "exception" in prose do not match. */
	private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(Exception|Error)\\b|\\bjava\\.[a-z]");
	private static final int VARIANTS_PER_FILE = 200;
	private static final long SEED = 20261207L;

	@TempDir
	Path tmp;

	private enum Outcome {
		IMPORTED, REFUSED
	}

	@Test
	void damagedFilesAreRefusedWithAnImportExceptionNamingTheFile() throws Exception {
		List<Path> files = new ArrayList<>();
		files.addAll(list(THIRD_PARTY.resolve("keras"), ".h5"));
		files.addAll(list(THIRD_PARTY.resolve("nir"), ".nir"));
		files.addAll(list(CONVERT_DATA.resolve("onnx"), ".onnx"));
		files.addAll(list(CONVERT_DATA.resolve("keras3"), ".keras"));
		assertTrue(files.size() >= 4 + 6 + 5, "the real files: " + files);

		Map<String, int[]> counts = new TreeMap<>(); // per extension: inputs, imported, refused
		List<String> problems = new ArrayList<>();
		ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
			Thread t = new Thread(r, "corrupt-import");
			t.setDaemon(true); // a hung reader must not keep the test JVM alive
			return t;
		});
		try {
			for (Path original : files) {
				byte[] bytes = Files.readAllBytes(original);
				String name = original.getFileName().toString();
				Random random = new Random(SEED ^ name.hashCode());
				List<Damage> damages = damages(bytes, random);
				Path damaged = tmp.resolve(name);
				String ext = name.substring(name.lastIndexOf('.'));
				int[] c = counts.computeIfAbsent(ext, k -> new int[3]);
				for (Damage d : damages) {
					Files.write(damaged, d.bytes());
					c[0]++;
					Future<Outcome> f = worker.submit(() -> importFile(damaged));
					try {
						Outcome o = f.get(60, TimeUnit.SECONDS);
						c[o == Outcome.IMPORTED ? 1 : 2]++;
					} catch (TimeoutException e) {
						f.cancel(true);
						problems.add(name + ", " + d.what() + ": no answer after 60 s");
						break; // the worker is stuck; the rest of this file cannot run
					} catch (ExecutionException e) {
						Throwable cause = e.getCause();
						if (cause instanceof ImportException ie) {
							c[2]++;
							String m = ie.getMessage();
							if (!m.startsWith(name + ": "))
								problems.add(name + ", " + d.what() + ": the message does not start with the file name: " + m);
							else if (CLASS_NAME.matcher(m).find())
								problems.add(name + ", " + d.what() + ": the message names a Java class: " + m);
						} else
							problems.add(name + ", " + d.what() + ": " + cause + " escaped, at " + Arrays.stream(cause.getStackTrace())
									.limit(4).map(String::valueOf).toList());
					}
				}
			}
		} finally {
			worker.shutdownNow();
		}
		int inputs = 0;
		for (var e : counts.entrySet()) {
			int[] c = e.getValue();
			inputs += c[0];
			System.out.printf("CorruptModelFilesTest: %s: %d damaged inputs, %d still imported, %d refused with ImportException,"
					+ " %d otherwise%n", e.getKey(), c[0], c[1], c[2], c[0] - c[1] - c[2]);
		}
		System.out.printf("CorruptModelFilesTest: %d damaged inputs from %d files, %d problems%n", inputs, files.size(), problems.size());
		problems.stream().limit(20).forEach(p -> System.out.println("  " + p));
		assertEquals(List.of(), problems.stream().limit(10).toList(), problems.size() + " problems");
		assertTrue(inputs >= files.size() * VARIANTS_PER_FILE, "inputs: " + inputs);
		assertTrue(counts.values().stream().allMatch(c -> c[2] > c[0] / 10), "most damage is noticed");
	}

	private static Outcome importFile(Path file) throws ImportException {
		String name = file.getFileName().toString();
		if (name.endsWith(".h5"))
			KerasImporter.importHdf5(file, "m");
		else if (name.endsWith(".keras"))
			KerasImporter.importKeras3(file, "m");
		else if (name.endsWith(".onnx"))
			OnnxImporter.importModel(file, "m");
		else
			NirReader.readWithNeuron(file, "m");
		return Outcome.IMPORTED;
	}

	private static List<Path> list(Path dir, String ext) throws IOException {
		assertTrue(Files.isDirectory(dir), "missing test data folder " + dir.toAbsolutePath());
		try (Stream<Path> s = Files.list(dir)) {
			return s.filter(p -> p.getFileName().toString().endsWith(ext)).sorted().toList();
		}
	}

	/** One damaged version of a file, and what was done to it (for the report). */
	private record Damage(String what, byte[] bytes) {
	}

	/** VARIANTS_PER_FILE damaged versions of a file, the same for the same seed. */
	private static List<Damage> damages(byte[] original, Random r) {
		int n = original.length;
		List<Damage> out = new ArrayList<>();
		out.add(new Damage("emptied", new byte[0]));
		for (int len : new int[] { 1, 4, 8, 16, 48, 96, 512, 2048, n / 8, n / 4, n / 2, 3 * n / 4, n - 16, n - 1 })
			if (len > 0 && len < n)
				out.add(new Damage("truncated to " + len, Arrays.copyOf(original, len)));
		for (int i = 0; i < 20; i++) {
			int len = r.nextInt(n);
			out.add(new Damage("truncated to " + len, Arrays.copyOf(original, len)));
		}
		int json = indexOf(original, "{\"class_name\"".getBytes(StandardCharsets.US_ASCII));
		int jsonEdits = json < 0 ? 0 : 40;
		// the rest: single bytes flipped (often in the first 4 KiB, where the headers are) and runs overwritten
		int target = VARIANTS_PER_FILE - jsonEdits;
		while (out.size() < target) {
			byte[] b = original.clone();
			if (r.nextInt(3) > 0) {
				int at = r.nextBoolean() ? r.nextInt(Math.min(n, 4096)) : r.nextInt(n);
				b[at] ^= (byte) (1 + r.nextInt(255));
				out.add(new Damage("byte " + at + " flipped", b));
			} else {
				int len = 2 + r.nextInt(63), at = r.nextInt(Math.max(1, n - len));
				boolean zeros = r.nextBoolean();
				for (int i = at; i < Math.min(n, at + len); i++)
					b[i] = zeros ? 0 : (byte) r.nextInt(256);
				out.add(new Damage(len + " bytes at " + at + (zeros ? " zeroed" : " overwritten"), b));
			}
		}
		// the Keras configuration edited in place: structure characters where names were, names where numbers were
		String replacements = "{}[]\":,0-n";
		for (int i = 0; i < jsonEdits; i++) {
			byte[] b = original.clone();
			int edits = 1 + r.nextInt(3);
			StringBuilder what = new StringBuilder("model_config edited at");
			for (int k = 0; k < edits; k++) {
				int at = json + r.nextInt(Math.min(3000, n - json));
				if (b[at] == 0) // past the end of the JSON text
					continue;
				b[at] = (byte) replacements.charAt(r.nextInt(replacements.length()));
				what.append(' ').append(at);
			}
			out.add(new Damage(what.toString(), b));
		}
		return out;
	}

	/** Where needle first stands in haystack, or -1 (Latin-1 decodes every byte to the char of the same value). */
	private static int indexOf(byte[] haystack, byte[] needle) {
		return new String(haystack, StandardCharsets.ISO_8859_1).indexOf(new String(needle, StandardCharsets.ISO_8859_1));
	}
}
