package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.cli.tests.Run.volr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.core.data.Batch;
import org.volr.core.data.BatchIterator;
import org.volr.core.data.DatasetOptions;
import org.volr.core.data.NpzDataset;
import org.volr.gen.nir.NirGraph;
import org.volr.gen.nir.NirGraphReader;

/**
 * examples/braille-rnn as the README runs it: the NIR paper's braille RNN (snnTorch, reset by subtraction, no bias)
 * imported for 0.1 ms under Euler, on the seeded taxel-event trains of braille-inputs.npz. Its labels are the classes
 * snnTorch's loop gives (make_inputs.py computes them); this test computes that loop again, independently, in Java on
 * the NIR file's own parameters (not Volr's import of them) and asks that Volr's run gives every sample the same
 * output spike counts and class, so that the accuracy the README shows is the agreement with snnTorch.
 */
class BrailleExampleTest {
	private static final Path EXAMPLE = Path.of(System.getProperty("volr.examples", "../../examples")).resolve("braille-rnn");
	private static final Path NIR = Path.of(System.getProperty("volr.thirdparty", "../../testdata"))
			.resolve("nir/paper_03_rnn_braille_noDelay_noBias_subtract.nir");
	private static final double DT = 1e-4;

	@TempDir
	Path tmp;

	/** One snnTorch (R)Synaptic layer as the file has it: W [out][in] row-major, W_rec [out][out], α, β, threshold. */
	private record Layer(int in, int out, double[] w, double[] wRec, double[] alpha, double[] beta, double[] threshold) {
		static Layer of(NirGraph g, String weights, String neurons, String recurrent) {
			NirGraph.Node fc = g.node(weights), n = g.node(neurons);
			int[] shape = fc.field("weight").shape();
			double[] tauMem = n.field("tau_mem").values(), tauSyn = n.field("tau_syn").values();
			double[] alpha = new double[shape[0]], beta = new double[shape[0]];
			for (int k = 0; k < shape[0]; k++) {
				// snnTorch's export: r = tau_mem/dt and w_in = tau_syn/dt, which make NIR's Euler step its loop
				assertEquals(1, n.field("r").values()[k] * DT / tauMem[k], 1e-5, neurons + ": r = tau_mem/dt");
				assertEquals(1, n.field("w_in").values()[k] * DT / tauSyn[k], 1e-5, neurons + ": w_in = tau_syn/dt");
				alpha[k] = 1 - DT / tauSyn[k];
				beta[k] = 1 - DT / tauMem[k];
			}
			for (String node : recurrent == null ? List.of(weights) : List.of(weights, recurrent))
				assertTrue(!g.node(node).has("bias"), node + ": the subtract graph has no bias");
			return new Layer(shape[1], shape[0], fc.field("weight").values(), recurrent == null ? null : g.node(recurrent).field("weight").values(),
					alpha, beta, n.field("v_threshold").values());
		}

		/**
		 * One step of snnTorch's Synaptic (RSynaptic with wRec) with reset_delay=False, reset by subtraction:
		 * syn = α·syn + W·x (+ W_rec·z_prev); mem = β·mem + syn; spike where mem > threshold; mem −= threshold.
		 */
		boolean[] step(boolean[] x, boolean[] previous, double[] syn, double[] mem) {
			boolean[] z = new boolean[out];
			for (int k = 0; k < out; k++) {
				double input = 0;
				for (int i = 0; i < in; i++)
					if (x[i])
						input += w[k * in + i];
				if (wRec != null)
					for (int j = 0; j < out; j++)
						if (previous[j])
							input += wRec[k * out + j];
				syn[k] = alpha[k] * syn[k] + input;
				mem[k] = beta[k] * mem[k] + syn[k];
				if (mem[k] > threshold[k]) {
					z[k] = true;
					mem[k] -= threshold[k];
				}
			}
			return z;
		}
	}

	/** What snnTorch's loop gives one sample: the output layer's spike counts, and its class after every step. */
	private record Reference(double[] counts, int[] classAfter) {
		int finalClass() {
			return classAfter[classAfter.length - 1];
		}
	}

	/** snnTorch's loop over one sample's spikes [step][input], read out after every step as Volr reads out. */
	private static Reference snnTorch(Layer l1, Layer l2, boolean[][] x) {
		double[] syn1 = new double[l1.out], mem1 = new double[l1.out], syn2 = new double[l2.out], mem2 = new double[l2.out];
		double[] counts = new double[l2.out];
		int[] classAfter = new int[x.length];
		boolean[] z1 = new boolean[l1.out];
		for (int t = 0; t < x.length; t++) {
			z1 = l1.step(x[t], z1, syn1, mem1);
			boolean[] z2 = l2.step(z1, null, syn2, mem2);
			for (int o = 0; o < l2.out; o++)
				counts[o] += z2[o] ? 1 : 0;
			classAfter[t] = readout(counts, mem2);
		}
		return new Reference(counts, classAfter);
	}

	/** The readout SEMANTICS.md documents: most spikes; ties to the higher membrane, then the lower index. */
	private static int readout(double[] counts, double[] mem) {
		int best = 0;
		for (int o = 1; o < counts.length; o++)
			if (counts[o] > counts[best] || counts[o] == counts[best] && mem[o] > mem[best])
				best = o;
		return best;
	}

	/** The example's inputs as [sample][step][input] and its labels. */
	private record Inputs(List<boolean[][]> x, List<Integer> y) {
		static Inputs read(Path npz) {
			List<boolean[][]> x = new ArrayList<>();
			List<Integer> y = new ArrayList<>();
			NpzDataset data = NpzDataset.open(npz, "x", npz, "y", DatasetOptions.of(null, 1.0, null));
			try (BatchIterator batches = data.batches(16)) {
				while (batches.hasNext()) {
					Batch b = batches.next();
					int[] shape = b.sampleShape(); // [1, steps, inputs]: a channel in front
					int inputs = shape[shape.length - 1], size = b.features().length / b.size(), steps = size / inputs;
					for (int s = 0; s < b.size(); s++) {
						boolean[][] sample = new boolean[steps][inputs];
						for (int t = 0; t < steps; t++)
							for (int i = 0; i < inputs; i++)
								sample[t][i] = b.features()[s * size + t * inputs + i] == 1f;
						x.add(sample);
						y.add(b.labels()[s]);
					}
				}
			}
			return new Inputs(x, y);
		}
	}

	private Path copyOfTheExample() throws IOException {
		Path copy = tmp.resolve("braille-rnn");
		Files.createDirectories(copy);
		try (Stream<Path> files = Files.list(EXAMPLE)) {
			for (Path f : files.filter(Files::isRegularFile).toList())
				Files.copy(f, copy.resolve(f.getFileName()));
		}
		// the example reads the NIR file's folder as its provenance only; the run reads braille.npz beside it
		return copy.resolve("braille-rnn.volr");
	}

	@Test
	void theExampleRunsAndAgreesWithSnnTorchsLoopOnEverySample() throws Exception {
		Path file = copyOfTheExample();
		Run check = volr("check", "--werror", file.toString());
		assertEquals(0, check.code(), check.out() + check.err());
		assertEquals("", check.out());

		Path out = tmp.resolve("results");
		Run run = volr("run", file.toString(), "-o", out.toString());
		assertEquals(0, run.code(), run.out() + run.err());

		NirGraph g = NirGraphReader.read(NIR);
		Layer l1 = Layer.of(g, "fc1", "lif1.lif", "lif1.w_rec"), l2 = Layer.of(g, "fc2", "lif2", null);
		Inputs inputs = Inputs.read(file.resolveSibling("braille-inputs.npz"));
		List<String> rows = Files.readAllLines(out.resolve("predictions.csv"));
		assertEquals(inputs.x().size() + 1, rows.size(), "one row per sample");
		List<Reference> refs = new ArrayList<>();
		int ties = 0;
		for (int s = 0; s < inputs.x().size(); s++) {
			Reference ref = snnTorch(l1, l2, inputs.x().get(s));
			refs.add(ref);
			String[] row = rows.get(s + 1).split(",");
			double[] counts = new double[l2.out];
			for (int o = 0; o < l2.out; o++)
				counts[o] = Double.parseDouble(row[2 + o]);
			assertArrayEquals(ref.counts(), counts, "sample " + s + ": Volr's output spike counts against snnTorch's loop");
			assertEquals(ref.finalClass(), Integer.parseInt(row[1]), "sample " + s + ": Volr's class against snnTorch's loop");
			assertEquals(ref.finalClass(), inputs.y().get(s), "sample " + s + ": braille-inputs.npz's label is snnTorch's loop's class");
			double max = Arrays.stream(ref.counts()).max().orElseThrow();
			ties += Arrays.stream(ref.counts()).filter(c -> c == max).count() > 1 ? 1 : 0;
		}
		// the accuracies printed, at the end and at the earlier T, are the agreement of snnTorch's own early readouts
		Matcher end = Pattern.compile("SNN accuracy\\s+([0-9.]+) % at T=(\\d+)").matcher(run.out());
		assertTrue(end.find(), run.out());
		assertEquals(accuracy(refs, Integer.parseInt(end.group(2))), end.group(1), "accuracy at the end");
		assertEquals(256, Integer.parseInt(end.group(2)));
		Matcher early = Pattern.compile("T=(\\d+) ([0-9.]+)").matcher(run.out());
		int earlier = 0;
		for (; early.find(); earlier++)
			assertEquals(accuracy(refs, Integer.parseInt(early.group(1))), early.group(2), "accuracy at T=" + early.group(1));
		assertTrue(earlier >= 3, run.out());
		// the README shows what this run prints, line for line
		List<String> printed = run.out().lines().toList();
		List<String> shown = readmeOutput();
		assertEquals(2, shown.size(), "the README's output of the braille example: " + shown);
		for (String line : shown)
			assertTrue(printed.contains(line), "the README shows '" + line + "'; volr run printed:\n" + run.out());
		System.out.println("braille example: " + inputs.x().size() + " samples equal to snnTorch's loop, " + ties
				+ " of them with tied spike counts\n" + run.out());
	}

	/** Percent of the samples whose class read after T steps is the class at the end, as volr run prints it. */
	private static String accuracy(List<Reference> refs, int steps) {
		long agree = refs.stream().filter(r -> r.classAfter()[steps - 1] == r.finalClass()).count();
		return String.format(Locale.ROOT, "%.2f", 100.0 * agree / refs.size());
	}

	/** The lines of the text block after the README's "Recurrent networks from NIR" heading. */
	private static List<String> readmeOutput() throws IOException {
		String readme = Files.readString(Path.of(System.getProperty("volr.readme", "../../README.md")));
		int part = readme.indexOf("### Recurrent networks from NIR");
		assertTrue(part >= 0, "README has the part");
		int start = readme.indexOf("```text\n", part) + "```text\n".length();
		return readme.substring(start, readme.indexOf("```", start)).lines().toList();
	}

	/** The example's network and weights are what {@code volr import} writes for the NIR file today. */
	@Test
	void theNetworkAndWeightsAreWhatVolrImportWrites() throws Exception {
		Path imported = tmp.resolve("braille-rnn.volr");
		Run r = volr("import", NIR.toString(), "-o", imported.toString());
		assertEquals(0, r.code(), r.out() + r.err());
		assertEquals(network(Files.readString(imported)), network(Files.readString(EXAMPLE.resolve("braille-rnn.volr"))));
		org.volr.core.weights.WeightStore ours = org.volr.core.weights.WeightStore.read(EXAMPLE.resolve("braille-rnn.npz")),
				theirs = org.volr.core.weights.WeightStore.read(tmp.resolve("braille-rnn.npz"));
		assertEquals(new java.util.TreeSet<>(theirs.names()), new java.util.TreeSet<>(ours.names()));
		for (String k : theirs.names())
			assertEquals(theirs.get(k), ours.get(k), k);
	}

	/** The text from "network" to the end of its block. */
	private static String network(String volr) {
		int start = volr.indexOf("\nnetwork ");
		return volr.substring(start, volr.indexOf("\n}", start) + 2);
	}
}
