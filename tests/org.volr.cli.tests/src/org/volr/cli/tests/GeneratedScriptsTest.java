package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The README's proof for the code generators, from the command line as a user runs it: `volr run` simulates an
 * experiment in Volr, `volr generate` writes its targets (PyNN and Brian2 scripts with the same samples), the
 * scripts run on Brian2, pyNN.brian2 and pyNN.neuron (Debian's, installed by test.sh), and every sample's class
 * and output spike counts are compared. The experiments use what PyNN's cells can do: reset to zero, a refractory
 * period of one step (NEURON cannot fire in consecutive steps) and PyNN's one-step delay (Volr's delay 2).
 * <p>
 * These are the first rows of README.md's table "Agreement with Volr's simulator": each asserts what the table
 * states (every class and every output count as Volr's), and the measurements are written to
 * target/cross-simulator.json, which scripts/cross-simulator-table.py renders with CrossSimulatorTest's.
 */
class GeneratedScriptsTest {
	static final Path PYTHON = Path.of("/usr/bin/python3");
	static final Path EXAMPLES = Path.of(System.getProperty("volr.examples", "../../examples"));
	final Path out = Path.of(System.getProperty("volr.gen.out", "target/gen-out"));
	static final Path REPORT = Path.of(System.getProperty("volr.gen.report", "target/cross-simulator.json"));
	static final String XOR = "xor example (64)", MLP = "Fashion MLP 784-500-500-10 (100)", CNN = "Fashion CNN conv-avgpool-dense (100)";
	static final List<String> ROWS = List.of(XOR, MLP, CNN);
	static final String[] COLUMNS = { "Brian2 script", "PyNN on Brian2", "PyNN on NEURON" };

	/** One script's agreement with Volr on one network: [same class, equal counts, all counts, max |difference|]. */
	record Measurement(String row, String column, int samples, int[] figures) {
	}

	static final List<Measurement> MEASURED = java.util.Collections.synchronizedList(new ArrayList<>());

	/** Rows of a predictions.csv (Volr's or a script's): [predicted, count_0, count_1, ...]. */
	static int[][] predictions(Path csv) throws IOException {
		List<String> lines = Files.readAllLines(csv);
		int[][] rows = new int[lines.size() - 1][];
		for (int i = 1; i < lines.size(); i++) {
			String[] f = lines.get(i).split(",");
			rows[i - 1] = new int[f.length - 1];
			for (int j = 1; j < f.length; j++)
				rows[i - 1][j - 1] = Integer.parseInt(f[j].strip());
		}
		return rows;
	}

	static int[][] runScript(Path script, Path csv, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script.toString(), "--out", csv.toString()));
		command.addAll(List.of(args));
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String log = new String(p.getInputStream().readAllBytes());
		assertTrue(p.waitFor(20, TimeUnit.MINUTES), "timed out: " + command);
		assertEquals(0, p.exitValue(), command + "\n" + log);
		System.out.println("    " + log.strip().lines().reduce((a, b) -> b).orElse(""));
		return predictions(csv);
	}

	/** Prints and returns [same class, equal counts, all counts, max |difference|]. */
	static int[] compare(String what, int[][] volr, int[][] script) {
		assertEquals(volr.length, script.length, what + ": samples");
		int same = 0, equal = 0, total = 0, maxDiff = 0;
		for (int s = 0; s < volr.length; s++) {
			same += volr[s][0] == script[s][0] ? 1 : 0;
			for (int o = 1; o < volr[s].length; o++) {
				int d = Math.abs(volr[s][o] - script[s][o]);
				equal += d == 0 ? 1 : 0;
				maxDiff = Math.max(maxDiff, d);
				total++;
			}
		}
		System.out.printf("%s: same class %d/%d (%.1f %%), equal output counts %d/%d, max count difference %d%n", what, same,
				volr.length, 100.0 * same / volr.length, equal, total, maxDiff);
		return new int[] { same, equal, total, maxDiff };
	}

	/**
	 * Runs the experiment in Volr and through every generated script; asserts that every sample's class and every
	 * output count is Volr's, as the README's table states, and records the figures under the table's row.
	 */
	void agree(Path volrFile, String name, String row, int samples) throws Exception {
		Path dir = volrFile.getParent();
		Run run = Run.volr("run", volrFile.toString(), "--limit", Integer.toString(samples), "-o", dir.resolve("results").toString());
		assertEquals(0, run.code(), run.out() + run.err());
		int[][] volr = predictions(dir.resolve("results/predictions.csv"));
		assertEquals(samples, volr.length);
		Run gen = Run.volr("generate", volrFile.toString(), "--samples", Integer.toString(samples), "-o", dir.resolve("gen").toString());
		assertEquals(0, gen.code(), gen.out() + gen.err());
		List<int[]> figures = new ArrayList<>();
		String[][] scripts = { { "brian2", "brian2", "" }, { "pynn", "pynn", "brian2" }, { "pynn", "pynn", "neuron" } };
		for (int k = 0; k < scripts.length; k++) {
			String[] s = scripts[k];
			Path script = dir.resolve("gen").resolve(s[0]).resolve(name + "_" + s[1] + ".py");
			assertTrue(Files.exists(script), script + "\n" + gen.err());
			int[][] result = s[2].isEmpty() ? runScript(script, dir.resolve(s[0] + ".csv"))
					: runScript(script, dir.resolve(s[0] + "-" + s[2] + ".csv"), "--backend", s[2]);
			int[] a = compare(volrFile.getFileName() + " " + s[0] + (s[2].isEmpty() ? "" : "/" + s[2]), volr, result);
			MEASURED.add(new Measurement(row, COLUMNS[k], samples, a));
			figures.add(a);
		}
		// asserted after every script ran, so that the report holds all three cells of the row
		for (int k = 0; k < scripts.length; k++) {
			int[] a = figures.get(k);
			assertEquals(samples, a[0], COLUMNS[k] + ": classes agree on " + a[0] + " of " + samples);
			assertEquals(a[2], a[1], COLUMNS[k] + ": " + a[1] + " of " + a[2] + " output counts equal; a count differs by " + a[3]);
		}
	}

	static String json(String s) {
		return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
	}

	/** Writes what this run measured, in the README's order, for scripts/cross-simulator-table.py. */
	@AfterAll
	static void writeReport() throws IOException, InterruptedException {
		Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import brian2, pyNN, neuron, numpy; print('{\"brian2\": \"%s\", "
				+ "\"pyNN\": \"%s\", \"neuron\": \"%s\", \"numpy\": \"%s\"}' % (brian2.__version__, pyNN.__version__, "
				+ "neuron.__version__, numpy.__version__))").redirectErrorStream(true).start();
		String versions = new String(p.getInputStream().readAllBytes()).strip();
		assertTrue(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0, versions);
		List<Measurement> cells = new ArrayList<>(MEASURED);
		cells.sort(Comparator.comparingInt((Measurement m) -> ROWS.indexOf(m.row())));
		StringBuilder b = new StringBuilder("{\n  \"test\": \"org.volr.cli.tests.GeneratedScriptsTest\",\n  \"versions\": "
				+ versions.lines().reduce((x, y) -> y).orElseThrow() + ",\n  \"rows\": " + ROWS.stream().map(GeneratedScriptsTest::json).toList()
				+ ",\n  \"cells\": [");
		for (int i = 0; i < cells.size(); i++) {
			Measurement m = cells.get(i);
			int[] a = m.figures();
			// the claim is every class and every count (null: all of them), as agree asserts
			b.append(i == 0 ? "\n" : ",\n").append(String.format(
					"    {\"row\": %s, \"column\": %s, \"samples\": %d, \"same_class\": %d, \"counts_equal\": %d, \"counts_total\": %d, "
							+ "\"max_count_difference\": %d, \"claim\": {\"same_class\": null, \"counts_equal\": null, \"max_count_difference\": 0}}",
					json(m.row()), json(m.column()), m.samples(), a[0], a[1], a[2], a[3]));
		}
		Files.createDirectories(REPORT.toAbsolutePath().getParent());
		Files.writeString(REPORT, b.append("\n  ]\n}\n").toString());
	}

	@Test
	void xorAgreesOnVolrBrian2PynnBrian2AndPynnNeuron() throws Exception {
		Path dir = Files.createDirectories(out.resolve("xor"));
		Files.copy(EXAMPLES.resolve("xor/xor.npz"), dir.resolve("xor.npz"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		Path file = dir.resolve("xor.volr"); // the example as it is: its experiment is set up for every target
		Files.copy(EXAMPLES.resolve("xor/xor.volr"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		agree(file, "xor", XOR, 64);
	}

	@Test
	void smallFashionCnnAgreesOnVolrBrian2PynnBrian2AndPynnNeuron() throws Exception {
		Path dir = Files.createDirectories(out.resolve("cnn"));
		Path file = dir.resolve("cnn.volr");
		Files.writeString(file, """
				// convolution and average pooling become synapse lists in the scripts, read off Volr's own layers
				network cnn {
				    input [1, 28, 28]
				    c1: conv2d(6, kernel: 5, stride: 2) relu
				    p1: avgpool 2
				    flatten
				    out: dense 10 softmax
				}

				experiment fashion_cnn_crosssim {
				    network cnn
				    data idx "/usr/share/datasets/fashion-mnist" test
				    train { epochs 1, batch 64, optimizer adam 0.002, seed 2, data idx "/usr/share/datasets/fashion-mnist" train limit 12000 }
				    convert { normalize percentile 99.9, reset zero, samples 1000 }
				    neuron IF { v_thresh 1.0, tau_refrac 1 ms }
				    simulate { duration 80 steps, input constant, batch 100, delay 2 }
				    targets pynn(backend: neuron), brian2
				    seed 2
				}
				""");
		Run train = Run.volr("train", file.toString(), "-o", dir.resolve("trained.npz").toString());
		assertEquals(0, train.code(), train.out() + train.err());
		Files.writeString(file, Files.readString(file).replaceFirst("train \\{[^\n]*\\}", "weights npz \"trained.npz\""));
		assertTrue(Files.readString(file).contains("weights npz \"trained.npz\""), Files.readString(file));
		agree(file, "cnn", CNN, 100);
	}

	@Test
	void fashionMlpAgreesOnVolrBrian2PynnBrian2AndPynnNeuron() throws Exception {
		Path dir = Files.createDirectories(out.resolve("mlp"));
		Run train = Run.volr("train", EXAMPLES.resolve("mnist-mlp/mnist-mlp.volr").toString(), "-o", dir.resolve("mlp.npz").toString());
		assertEquals(0, train.code(), train.out() + train.err());
		Path file = dir.resolve("mlp.volr");
		Files.writeString(file, """
				network mlp {
				    input [1, 28, 28]
				    flatten
				    fc1: dense 500 relu
				    fc2: dense 500 relu
				    fc3: dense 10 softmax
				}

				experiment fashion_mlp_crosssim {
				    network mlp
				    data idx "/usr/share/datasets/fashion-mnist" test
				    weights npz "mlp.npz"
				    convert { normalize percentile 99.9, reset zero, samples 2000 }
				    neuron IF { v_thresh 1.0, tau_refrac 1 ms }
				    simulate { duration 100 steps, input constant, batch 100, delay 2 }
				    targets pynn(backend: neuron), brian2
				    seed 1
				}
				""");
		agree(file, "mlp", MLP, 100);
	}
}
