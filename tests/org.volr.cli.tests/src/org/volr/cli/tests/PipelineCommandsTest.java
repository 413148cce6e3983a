package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.cli.tests.Run.volr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.core.data.DatasetOptions;
import org.volr.core.data.Datasets;
import org.volr.core.weights.WeightStore;
import org.volr.lang.api.Diagnostic;
import org.volr.pipeline.ExperimentSetup;

/**
 * The pipeline commands on real data: a third-party Keras LeNet imported, converted and simulated on the real
 * MNIST test images; a diagram drawn; a small network trained on Fashion-MNIST.
 */
class PipelineCommandsTest {
	private static final Path THIRD_PARTY = Path.of(System.getProperty("volr.thirdparty", "../../testdata"));
	private static final String FASHION = "/usr/share/datasets/fashion-mnist";

	@TempDir
	Path tmp;

	private static double number(String text, String regex) {
		Matcher m = Pattern.compile(regex).matcher(text);
		assertTrue(m.find(), "no match for " + regex + " in:\n" + text);
		return Double.parseDouble(m.group(1));
	}

	@Test
	void importedLeNetRunsAsASpikingNetworkOnRealMnist() throws IOException {
		Path volrFile = tmp.resolve("lenet.volr");
		Run imported = volr("import", THIRD_PARTY.resolve("keras/lenet5-98.96.h5").toString(), "-o", volrFile.toString(), "--name", "lenet");
		assertEquals(0, imported.code(), imported.out() + imported.err());
		String text = Files.readString(volrFile);
		assertTrue(text.contains("// - removed layer 5 'dropout_1' (Dropout)"), text);
		assertTrue(Files.exists(tmp.resolve("lenet.npz")));
		assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(volrFile)));
		// give the imported experiment data, a conversion and a short simulation, then run it
		Files.writeString(volrFile, text.replace("weights npz \"lenet.npz\"", """
				weights npz "lenet.npz"
				    data npz "%s" test limit 300
				    convert { normalize percentile 99.9, samples 300 }
				    simulate { duration 60 steps, input constant, batch 100 }
				""".formatted(THIRD_PARTY.resolve("mnist-npz").toAbsolutePath())));
		Path results = tmp.resolve("results");
		Run run = volr("run", volrFile.toString(), "-o", results.toString());
		assertEquals(0, run.code(), run.out() + run.err());
		double ann = number(run.out(), "ANN accuracy\\s+([0-9.]+) %"), snn = number(run.out(), "SNN accuracy\\s+([0-9.]+) %");
		assertTrue(ann > 97, "LeNet on 300 MNIST images: " + ann);
		assertTrue(snn > ann - 3, "spiking LeNet after 60 steps: " + snn + " vs ANN " + ann);
		for (String f : new String[] { "result.json", "accuracy.csv", "report.json", "converted.npz", "accuracy.png", "accuracy.svg",
				"rates.png", "rates.svg", "ann-vs-snn.png", "ann-vs-snn.svg", "raster.png", "raster.svg", "spike-raster.csv" })
			assertTrue(Files.size(results.resolve(f)) > 0, f);
		assertTrue(Files.readAllLines(results.resolve("spike-raster.csv")).size() > 1, "the first sample spiked");
		String report = Files.readString(results.resolve("report.json"));
		assertTrue(report.contains("\"layer\": \"conv2d_1\", \"lambda\": "), report);
		// the first layer is driven by a constant current: its rates follow the ANN almost exactly
		double r = number(report, "\\{\"layer\": \"conv2d_1\", \"pearson\": ([0-9.]+)");
		assertTrue(r > 0.95, "correlation of conv2d_1 rates with ANN activations: " + r);
	}

	/** A PyTorch export (ONNX) and a Keras 3 file become .volr networks that check without a diagnostic. */
	@Test
	void importsOnnxAndKeras3Models() throws IOException {
		Path data = Path.of(System.getProperty("volr.convert.testdata", "../org.volr.convert.tests/data"));
		for (String model : new String[] { "onnx/cnn.onnx", "keras3/cnn.keras" }) {
			Path out = tmp.resolve(model.replace('/', '_') + ".volr");
			Run r = volr("import", data.resolve(model).toString(), "-o", out.toString(), "--name", "imported");
			assertEquals(0, r.code(), model + ": " + r.out() + r.err());
			assertEquals("", r.out(), "no diagnostics for " + model);
			Run check = volr("check", "--werror", out.toString());
			assertEquals(0, check.code(), check.out());
		}
		Run bad = volr("import", data.resolve("onnx/tanh.onnx").toString(), "-o", tmp.resolve("t.volr").toString());
		assertEquals(1, bad.code());
		assertTrue(bad.out().contains("Tanh"), bad.out());
	}

	/**
	 * The NIR paper's Norse and Rockpool graphs name their nodes '0' and '0_LinearTorch', which are no identifiers:
	 * the layers are labelled n0 and n0_LinearTorch, the written file checks, and its weights carry the same names.
	 */
	@Test
	void importsNirGraphsWhoseNodeNamesAreNoIdentifiers() throws IOException {
		for (String[] c : new String[][] { { "paper_01_lif_lif_norse.nir", "n0" }, { "paper_01_lif_lif_rockpool.nir", "n0_LinearTorch" } }) {
			Path out = tmp.resolve(c[0].replace(".nir", ".volr"));
			Run r = volr("import", THIRD_PARTY.resolve("nir").resolve(c[0]).toString(), "-o", out.toString(), "--name", "lif");
			assertEquals(0, r.code(), c[0] + ": " + r.out() + r.err());
			String text = Files.readString(out);
			assertTrue(text.contains(c[1] + ": dense 1"), text);
			Run check = volr("check", "--werror", out.toString());
			assertEquals(0, check.code(), check.out() + check.err());
			WeightStore weights = WeightStore.read(tmp.resolve(c[0].replace(".nir", ".npz")));
			assertTrue(weights.contains(c[1] + ".weight"), weights.names().toString());
			assertTrue(weights.names().stream().allMatch(n -> n.startsWith(c[1] + ".")), weights.names().toString());
		}
	}

	/** A damaged model is one error naming the file, exit 1, no stack trace and no output file, half-written or not. */
	@Test
	void aDamagedModelIsOneErrorAndWritesNothing() throws IOException {
		byte[] lenet = Files.readAllBytes(THIRD_PARTY.resolve("keras/lenet5-98.96.h5"));
		for (int len : new int[] { 0, 100, 4096 }) { // (not at half: all it reads lies before that)
			Path cut = tmp.resolve("cut" + len + ".h5");
			Files.write(cut, java.util.Arrays.copyOf(lenet, len));
			Path out = tmp.resolve("cut" + len + ".volr");
			Run r = volr("import", cut.toString(), "-o", out.toString());
			assertEquals(1, r.code(), r.out() + r.err());
			assertTrue(r.out().startsWith(cut + ":1:1: error: cut" + len + ".h5: "), r.out());
			assertEquals(1, r.out().lines().count(), r.out());
			assertFalse(r.out().contains("Exception") || r.err().contains("Exception"), r.out() + r.err());
			assertFalse(Files.exists(out) || Files.exists(tmp.resolve("cut" + len + ".npz")), "nothing written for " + len);
		}
	}

	/** An imported network converted and written as NIR, then read back: the same layers; max pooling refused. */
	@Test
	void generatesNirAndReadsItBack() throws IOException {
		Path data = Path.of(System.getProperty("volr.convert.testdata", "../org.volr.convert.tests/data"));
		Path mlp = tmp.resolve("mlp.volr");
		assertEquals(0, volr("import", data.resolve("onnx/mlp.onnx").toString(), "-o", mlp.toString(), "--name", "mlp").code());
		String withData = Files.readString(mlp).replace("weights npz \"mlp.npz\"", """
				weights npz "mlp.npz"
				    data npz "%s" test limit 200
				    convert { normalize percentile 99.9, samples 200, reset zero }
				""".formatted(THIRD_PARTY.resolve("mnist-npz").toAbsolutePath()));
		Files.writeString(mlp, withData);
		Path nir = tmp.resolve("nir-out").resolve("mlp.nir");
		Run gen = volr("generate", "--target", "nir", mlp.toString(), "-o", tmp.resolve("nir-out").toString());
		assertEquals(0, gen.code(), gen.out() + gen.err());
		Path back = tmp.resolve("back.volr");
		Run imported = volr("import", nir.toString(), "-o", back.toString(), "--name", "back");
		assertEquals(0, imported.code(), imported.out() + imported.err());
		Run info = volr("info", back.toString());
		assertTrue(info.out().contains("net 784 10"), info.out());
		// LeNet has max pooling, which NIR's IF graphs here cannot express: refused with the layer named
		Path lenet = tmp.resolve("lenet.volr");
		assertEquals(0, volr("import", THIRD_PARTY.resolve("keras/lenet5-98.96.h5").toString(), "-o", lenet.toString()).code());
		Files.writeString(lenet, Files.readString(lenet).replace("weights npz", """
				convert { normalize none, reset zero }
				    weights npz"""));
		Run refused = volr("generate", "--target", "nir", lenet.toString(), "-o", tmp.resolve("lenet-out").toString());
		assertEquals(1, refused.code(), refused.out() + refused.err());
		assertTrue(refused.out().contains("max_pooling2d_1"), refused.out());
		// reported at the layer's line, not at 1:1
		Matcher at = Pattern.compile("lenet.volr:(\\d+):\\d+: error: nir: .*max_pooling2d_1").matcher(refused.out());
		assertTrue(at.find(), refused.out());
		assertTrue(Files.readAllLines(lenet).get(Integer.parseInt(at.group(1)) - 1).contains("max_pooling2d_1"), refused.out());
		// NIR's neurons reset to a value: Volr's reset by subtraction is refused, as PyNN refuses it
		Files.writeString(mlp, withData.replace(", reset zero", ""));
		Run subtracting = volr("generate", "--target", "nir", mlp.toString(), "-o", tmp.resolve("sub-out").toString());
		assertEquals(1, subtracting.code(), subtracting.out() + subtracting.err());
		assertTrue(subtracting.out().contains("NIR's neurons reset to v_reset, not by subtract; convert with 'reset zero'"), subtracting.out());
		assertTrue(!Files.exists(tmp.resolve("sub-out").resolve("mlp.nir")), "nothing written");
		assertTrue(!Files.exists(tmp.resolve("lenet-out").resolve("lenet.nir")), "no half-written file");
	}

	@Test
	void diagramWritesAnSvgWithOneNodePerLayer() throws IOException {
		Path svg = tmp.resolve("cnn.svg");
		Path examples = Path.of(System.getProperty("volr.examples", "../../examples"));
		Run r = volr("diagram", examples.resolve("fmnist-cnn/fmnist-cnn.volr").toString(), "--svg", svg.toString());
		assertEquals(0, r.code(), r.out() + r.err());
		String text = Files.readString(svg);
		assertTrue(text.startsWith("<svg") || text.startsWith("<?xml"), text.substring(0, 40));
		assertTrue(text.contains("[6, 28, 28]") && text.contains("input [1, 28, 28]"), "shapes drawn");
	}

	@Test
	void diagramServeOptionsAreChecked() {
		Path examples = Path.of(System.getProperty("volr.examples", "../../examples"));
		String file = examples.resolve("xor/xor.volr").toString();
		Run noServe = volr("diagram", file, "--port", "9000");
		assertEquals(2, noServe.code());
		assertTrue(noServe.err().contains("--port goes with --serve"), noServe.err());
		Run badPort = volr("diagram", file, "--serve", "--port", "http");
		assertEquals(2, badPort.code());
		assertTrue(badPort.err().contains("from 0 to 65535, got 'http'"), badPort.err());
		Run missing = volr("diagram", tmp.resolve("nowhere.volr").toString(), "--serve", "--port", "0");
		assertEquals(1, missing.code());
		assertTrue(missing.out().contains("nowhere.volr:1:1: error: no such file"), missing.out());
	}

	@Test
	void trainWritesWeightsThatClassifyFashionMnist() throws IOException {
		Path file = tmp.resolve("mlp.volr");
		Files.writeString(file, """
				network mlp {
				    input [1, 28, 28]
				    flatten
				    h: dense 64 relu
				    o: dense 10 softmax
				}
				experiment small {
				    network mlp
				    data idx "%s" test limit 500
				    train { epochs 1, batch 32, optimizer adam 0.002, seed 3, data idx "%s" train limit 3000 }
				}
				""".formatted(FASHION, FASHION));
		Path weights = tmp.resolve("w.npz");
		Run r = volr("train", file.toString(), "-o", weights.toString());
		assertEquals(0, r.code(), r.out() + r.err());
		assertTrue(number(r.out(), "test accuracy ([0-9.]+) %") > 65, r.out());
		assertTrue(Files.size(weights) > 4 * 784 * 64);
	}

	/**
	 * Standardised input (torchvision's Normalize((0.2860,), (0.3530,)) for Fashion-MNIST) reaches training, the
	 * ANN evaluation, the normalisation and the simulator alike: the values read through the experiment are
	 * (x − mean) / std, and the spiking network, driven by these partly negative currents, classifies as the ANN does.
	 */
	@Test
	void standardisedDataTrainsConvertsAndSimulates() throws Exception {
		String network = """
				network mlp {
				    input [1, 28, 28]
				    flatten
				    h: dense 64 relu
				    o: dense 10 softmax
				}
				experiment standardised {
				    network mlp
				    data idx "%s" test limit 500 mean 0.2860 std 0.3530
				    train { epochs 1, batch 32, optimizer adam 0.002, seed 3,
				            data idx "%s" train limit 3000 mean 0.2860 std 0.3530 }
				    convert { normalize percentile 99.9 }
				    simulate { duration 60 steps, input constant }
				}
				""".formatted(FASHION, FASHION);
		Path file = tmp.resolve("standardised.volr");
		Files.writeString(file, network);
		List<Diagnostic> errors = new ArrayList<>();
		ExperimentSetup setup = ExperimentSetup.load(file, null, errors::add);
		assertEquals(List.of(), errors);
		float[] x;
		try (var batches = setup.data(setup.experiment.getData()).batches(1)) {
			x = batches.next().features();
		}
		float[] raw;
		try (var batches = Datasets.open("idx", Path.of(FASHION), "test", DatasetOptions.DEFAULT)
				.batches(1)) {
			raw = batches.next().features();
		}
		for (int i = 0; i < raw.length; i++)
			assertEquals((raw[i] - 0.2860f) / 0.3530f, x[i], 0f, "value " + i);

		Run r = volr("run", file.toString());
		assertEquals(0, r.code(), r.out() + r.err());
		double ann = number(r.out(), "ANN accuracy +([0-9.]+) %"), snn = number(r.out(), "SNN accuracy +([0-9.]+) %");
		assertTrue(ann > 65, r.out());
		assertTrue(Math.abs(ann - snn) <= 3, r.out());
	}

	/**
	 * Poisson input at p spikes per step (for an input of 1) delivers x · p per step on average, so the conversion
	 * makes the first layer's weights 1/p times larger (λ_0 = 1/p) and leaves every other tensor as it is; inputs a
	 * spike probability cannot express are refused.
	 */
	@Test
	void poissonInputIsScaledByTheConversion() throws Exception {
		String experiment = """
				network mlp {
				    input [1, 28, 28]
				    flatten
				    h: dense 32 relu
				    o: dense 10 softmax
				}
				experiment e {
				    network mlp
				    data idx "%s" test limit 100 %s
				    train { epochs 1, batch 50, seed 5, data idx "%s" train limit 1000 %s }
				    convert { normalize percentile 99.9, samples 500 }
				    simulate { duration 20 steps, dt 1 ms, input %s }
				}
				""";
		WeightStore constant = convert(experiment.formatted(FASHION, "", FASHION, "", "constant"), "constant");
		WeightStore poisson = convert(experiment.formatted(FASHION, "", FASHION, "", "poisson 250 Hz"), "poisson");
		assertEquals(constant.names(), poisson.names());
		int scaled = 0;
		for (String name : constant.names()) {
			float[] c = constant.get(name).data(), p = poisson.get(name).data();
			boolean times4 = true, same = true;
			for (int i = 0; i < c.length; i++) {
				times4 &= Math.abs(p[i] - 4 * c[i]) <= 1e-5f * Math.abs(4 * c[i]) + 1e-12f;
				same &= p[i] == c[i];
			}
			assertTrue(times4 || same, name + " is neither unchanged nor four times larger");
			if (times4 && !same) {
				scaled++;
				assertEquals(784 * 32, c.length, name + ": only the first layer's kernel grows");
			}
		}
		assertEquals(1, scaled);
		String report = Files.readString(tmp.resolve("poisson-out/report.json"));
		assertTrue(report.contains("{\"layer\": \"input\", \"lambda\": 4.00000, \"encoding\": \"poisson\", \"spikes_per_step\": 0.250000}"), report);
		assertTrue(Files.readString(tmp.resolve("constant-out/report.json"))
				.contains("{\"layer\": \"input\", \"lambda\": 1, \"encoding\": \"constant\"}"));

		Path standardised = tmp.resolve("standardised.volr");
		// the experiment's own data standardised: refused by the check, at the data clause, before anything runs
		Files.writeString(standardised, experiment.formatted(FASHION, "mean 0.2860 std 0.3530", FASHION, "mean 0.2860 std 0.3530", "poisson 250 Hz"));
		Run checked = volr("convert", standardised.toString(), "-o", tmp.resolve("refused").toString());
		assertEquals(1, checked.code(), checked.out() + checked.err());
		assertTrue(checked.out().contains("standardised.volr:9:70: error: Poisson input cannot express standardised data"), checked.out());
		// only the training data standardised: the check cannot know; the conversion finds the negative values
		Files.writeString(standardised, experiment.formatted(FASHION, "", FASHION, "mean 0.2860 std 0.3530", "poisson 250 Hz"));
		Run refused = volr("convert", standardised.toString(), "-o", tmp.resolve("refused").toString());
		assertEquals(1, refused.code(), refused.out() + refused.err());
		assertTrue(refused.out().contains("standardised.volr:11:13: error: poisson input cannot express negative inputs, but"
				+ " fashion-mnist train has values from -0.8102"), refused.out());
		assertTrue(Files.notExists(tmp.resolve("refused/converted.npz")));
	}

	private WeightStore convert(String text, String name) throws IOException {
		Path file = tmp.resolve(name + ".volr");
		Files.writeString(file, text);
		Run r = volr("convert", file.toString(), "-o", tmp.resolve(name + "-out").toString());
		assertEquals(0, r.code(), r.out() + r.err());
		return WeightStore.read(tmp.resolve(name + "-out/converted.npz"));
	}

	@Test
	void runArgumentsAreChecked() {
		String file = Path.of(System.getProperty("volr.examples", "../../examples")).resolve("xor/xor.volr").toString();
		Run two = volr("run", file, file);
		assertEquals(2, two.code());
		assertTrue(two.err().contains("one .volr file at a time"), two.err());
		Run typo = volr("simulate", file, "--stpes", "5");
		assertEquals(2, typo.code());
		assertTrue(typo.err().contains("unknown option '--stpes'"), typo.err());
		Run none = volr("run", "--steps", "5");
		assertEquals(2, none.code());
		assertTrue(none.err().contains("no .volr file given"), none.err());
	}

	@Test
	void aBrokenExperimentIsADiagnosticNotACrash() throws IOException {
		Path file = tmp.resolve("broken.volr");
		Files.writeString(file, """
				network n { input [2]  a: dense 2 relu }
				experiment e { network n  weights npz "missing.npz" }
				""");
		Run r = volr("run", file.toString());
		assertEquals(1, r.code());
		assertTrue(r.out().contains("broken.volr:2:1: error: experiment 'e' has no data"), r.out());
		assertTrue(!r.err().contains("Exception"), r.err());

		// a failure found only while reading points at the clause that names the file
		Files.writeString(tmp.resolve("bad.npz"), "not a zip file");
		Files.writeString(file, """
				network n { input [2]  a: dense 2 relu }
				experiment e {
				    network n
				    weights npz "missing.npz"
				    data npz "bad.npz"
				}
				""");
		Run bad = volr("run", file.toString());
		assertEquals(1, bad.code());
		assertTrue(bad.out().contains("broken.volr:5:10: error: bad.npz: "), bad.out());

		// a file missing inside a data folder is named as such, not as java.nio.file.NoSuchFileException
		Files.createDirectories(tmp.resolve("empty-idx"));
		Files.writeString(file, """
				network n { input [2]  a: dense 2 relu }
				experiment e {
				    network n
				    train { epochs 1, batch 8 }
				    data idx "empty-idx" test
				}
				""");
		Run missing = volr("run", file.toString());
		assertEquals(1, missing.code(), missing.out() + missing.err());
		assertTrue(missing.out().contains("-ubyte[.gz]: no such file"), missing.out());
		assertFalse(missing.out().contains("Exception") || missing.err().contains("Exception"), missing.out() + missing.err());
	}
}
