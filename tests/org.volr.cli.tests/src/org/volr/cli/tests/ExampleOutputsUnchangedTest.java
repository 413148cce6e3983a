package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.volr.cli.tests.Run.volr;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the pipeline writes stays byte for byte what it wrote when {@code data/golden/outputs.sha256} was recorded:
 * predictions, accuracy curves, spike counts and rasters, converted weights, reports, generated scripts and their
 * arrays, NIR and Lava files, diagrams. It guards refactorings of the middle of the house (the resolved network,
 * neuron models), which must not change a single spike. The experiments in {@code data/golden/} cover every layer
 * kind, geometry, neuron model, input encoding and simulator option the examples do not, on small data so that the
 * test takes a minute.
 *
 * <p>The digests are those of nd4j's oneDNN/AVX2 build that {@code Nd4jThreadsAndKernelTest} checks is loaded on
 * machines like the CI's, one file per class of CPU ({@link #goldenFile}); training on another kernel sums floats in
 * another order. To record them again after a
 * change that is meant to change outputs, run with {@code -Dvolr.golden.record=true} and say why in the commit.
 * Timings (seconds, samples per second) are blanked before hashing, .npz files hashed by their entries (not the
 * zip's time stamps); the plots of a run are not hashed, their data is.
 */
class ExampleOutputsUnchangedTest {
	private static final Path GOLDEN = Path.of(System.getProperty("volr.testdata", "data")).resolve("golden");
	private static final Path THIRD_PARTY = Path.of(System.getProperty("volr.thirdparty", "../../testdata"));
	private static final Path EXAMPLES = Path.of(System.getProperty("volr.examples", "../../examples"));

	@TempDir
	Path tmp;

	@Test
	void outputsAreByteIdenticalToTheRecordedOnes() throws IOException {
		Map<String, String> digests = new TreeMap<>();
		for (String name : List.of("mlp", "cnn", "branches", "seq1d")) {
			Path file = copy(GOLDEN.resolve(name + ".volr"));
			digests.putAll(digestsOf(name + "/run", run("run", file.toString(), "-o", tmp.resolve(name + "-run").toString())));
			digests.putAll(digestsOf(name + "/diagram", run("diagram", file.toString(), "--no-results", "--json",
					tmp.resolve(name + "-diagram/diagram.json").toString(), "--svg", tmp.resolve(name + "-diagram/diagram.svg").toString())));
			digests.put(name + "/info", info(file));
		}
		for (String name : List.of("mlp", "cnn", "convnir")) {
			Path file = name.equals("convnir") ? copy(GOLDEN.resolve(name + ".volr")) : tmp.resolve(name + ".volr");
			digests.putAll(digestsOf(name + "/generate", run("generate", file.toString(), "--samples", "8", "-o", tmp.resolve(name + "-gen").toString())));
		}
		// an imported model: Keras LeNet-5 (trained on MNIST) run on 40 Fashion-MNIST images for 20 steps
		Path imported = tmp.resolve("imported/lenet5.volr");
		Files.createDirectories(imported.getParent());
		volrOk("import", THIRD_PARTY.resolve("keras/lenet5-98.96.h5").toString(), "-o", imported.toString());
		digests.put("imported/lenet5.volr", sha256(Files.readAllBytes(imported)));
		digests.put("imported/lenet5.npz", sha256(npzEntries(tmp.resolve("imported/lenet5.npz"))));
		String text = Files.readString(imported);
		int end = text.lastIndexOf('}');
		Files.writeString(imported, text.substring(0, end) + """
				    data idx "/usr/share/datasets/fashion-mnist" test limit 40
				    convert { normalize percentile 99.9, reset zero, samples 200 }
				    simulate { duration 20 steps, input constant, batch 20 }
				}
				""");
		digests.putAll(digestsOf("imported/run", run("run", imported.toString(), "-o", tmp.resolve("imported-run").toString())));
		digests.putAll(digestsOf("imported/diagram", run("diagram", imported.toString(), "--no-results", "--json",
				tmp.resolve("imported-diagram/diagram.json").toString())));
		// the small shipped example that has an experiment, as it runs
		for (String example : List.of("xor/xor.volr")) {
			Path file = EXAMPLES.resolve(example);
			digests.putAll(digestsOf("examples/" + example + "/run", run("run", file.toString(), "-o", tmp.resolve(example.replace('/', '_')).toString())));
		}
		// the shipped examples' network structure as the diagram and 'volr info' show it
		try (Stream<Path> files = Files.walk(EXAMPLES)) {
			for (Path example : files.filter(p -> p.toString().endsWith(".volr")).sorted().toList()) {
				String name = "examples/" + EXAMPLES.relativize(example).toString().replace('\\', '/');
				digests.put(name + "/info", info(example));
			}
		}
		String actual = render(digests);
		String golden = goldenFile(Files.readString(Path.of("/proc/cpuinfo")));
		Path recorded = GOLDEN.resolve(golden);
		if (Boolean.getBoolean("volr.golden.record")) {
			Files.writeString(recorded, actual);
			return;
		}
		assertEquals(Files.readString(recorded), actual, "outputs differ from data/golden/" + golden + "; the lines that"
				+ " differ name the experiment and file (rerun with -Dvolr.golden.record=true only when a change is meant to"
				+ " change outputs)");
	}

	/**
	 * nd4j's native kernels choose their code paths from the CPU when they run: on CPUs with AVX-512 FP16 (Intel
	 * Sapphire Rapids and later) training and normalisation sum floats in another order than on the AVX2 and AVX-512
	 * machines the first digests were recorded on, and on CPUs with AVX-512 BF16 but not FP16 (AMD EPYC Zen 4) in a
	 * third order; so each class has its own digests. The first two were written by the same code (commit 2fa4ee8,
	 * checked by CI) on a machine of their class, the third on an AMD EPYC (Zen 4) at the commit that added it.
	 */
	static String goldenFile(String cpuinfo) {
		for (String line : cpuinfo.split("\n"))
			if (line.startsWith("flags")) {
				List<String> flags = List.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
				return flags.contains("avx512_fp16") ? "outputs-avx512fp16.sha256"
						: flags.contains("avx512_bf16") ? "outputs-avx512bf16.sha256" : "outputs.sha256";
			}
		return "outputs.sha256";
	}

	private Path copy(Path volr) throws IOException {
		Path to = tmp.resolve(volr.getFileName());
		Files.copy(volr, to);
		return to;
	}

	private Path run(String... args) {
		volrOk(args);
		for (int i = 0; i < args.length - 1; i++)
			if (args[i].equals("-o"))
				return Path.of(args[i + 1]);
		for (int i = 0; i < args.length - 1; i++)
			if (args[i].equals("--json"))
				return Path.of(args[i + 1]).getParent();
		throw new IllegalArgumentException("no output folder in the arguments");
	}

	/** What 'volr info' prints, with the file's path (the title of a file whose body is one expression) as its name. */
	private static String info(Path file) {
		String out = volrOk("info", file.toString()).out().replace(file.toString(), file.getFileName().toString());
		return sha256(out.getBytes(StandardCharsets.UTF_8));
	}

	private static Run volrOk(String... args) {
		Run r = volr(args);
		assertEquals(0, r.code(), String.join(" ", args) + ":\n" + r.out() + r.err());
		return r;
	}

	private static Map<String, String> digestsOf(String prefix, Path folder) {
		Map<String, String> out = new TreeMap<>();
		try (Stream<Path> files = Files.walk(folder)) {
			List<Path> all = new ArrayList<>(files.filter(Files::isRegularFile).sorted().toList());
			for (Path f : all) {
				String name = folder.relativize(f).toString().replace('\\', '/');
				if (name.endsWith(".png") || prefix.endsWith("/run") && name.endsWith(".svg"))
					continue; // plots: their data is hashed (accuracy.csv, ann-vs-snn.csv, spike-raster.csv)
				byte[] bytes = name.endsWith(".npz") ? npzEntries(f) : Files.readAllBytes(f);
				if (name.endsWith(".json") || name.endsWith(".svg") || name.endsWith(".py") || name.endsWith(".txt") || name.endsWith(".md"))
					bytes = withoutTimings(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
				out.put(prefix + "/" + name, sha256(bytes));
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out;
	}

	/** Blanks what depends on the machine's speed or the moment, and the temporary folder's name. */
	static String withoutTimings(String text) {
		return text.replaceAll("\"([a-z_]*(second|time|date)[a-z_]*)\"\\s*:\\s*[-0-9.eE+]+", "\"$1\": 0")
				.replaceAll("(?i)generated (on|at) [^\\n\"]*", "generated at")
				.replaceAll("/tmp/[^\\s\"']*/", "TMP/");
	}

	/** An .npz's entries, names and contents in order, without the zip's time stamps. */
	private static byte[] npzEntries(Path npz) throws IOException {
		java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
		try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(Files.newInputStream(npz))) {
			for (java.util.zip.ZipEntry e; (e = zip.getNextEntry()) != null;) {
				all.write(e.getName().getBytes(StandardCharsets.UTF_8));
				all.write(0);
				all.write(zip.readAllBytes());
			}
		}
		return all.toByteArray();
	}

	private static String render(Map<String, String> digests) {
		StringBuilder b = new StringBuilder();
		digests.forEach((name, digest) -> b.append(digest).append("  ").append(name).append('\n'));
		return b.toString();
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
	}
}
