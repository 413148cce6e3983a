package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.cli.tests.Run.volr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.core.data.Batch;
import org.volr.core.data.BatchIterator;
import org.volr.core.data.DatasetOptions;
import org.volr.core.data.NpzDataset;
import org.volr.core.weights.WeightStore;

/**
 * Spike trains from an .npz ({@code simulate { input spikes }}; SEMANTICS.md, "Input encodings") through {@code volr
 * run}: data/spiketrains/spiketrains.npz (16 samples × 100 steps × 70 inputs, made by make_spiketrains.py there, seeded)
 * into a layer of two IF neurons that reset to zero, each reading one half of the inputs with weight 1. Neuron k
 * then fires at step t exactly when an input of its half spiked at t, which this test counts from the array itself.
 */
class SpikeTrainRunTest {
	private static final Path TRAINS = Path.of(System.getProperty("volr.testdata", "data")).resolve("spiketrains/spiketrains.npz");
	private static final int STEPS = 80, INPUTS = 70;

	@TempDir
	Path tmp;

	private static final String EXPERIMENT = """
			network halves {
			    input [70]
			    out: dense 2 relu
			}
			experiment e {
			    network halves
			    data npz "%s"%s
			    weights npz "%s"
			    convert { normalize none, reset zero }
			    simulate { duration %d steps, input spikes%s }
			    seed 1
			}
			""";

	/** out.weight [70, 2]: input i adds 1 to neuron 0 if i < 35, else to neuron 1; no bias. */
	private Path weights() throws IOException {
		float[] w = new float[INPUTS * 2];
		for (int i = 0; i < INPUTS; i++)
			w[i * 2 + (i < INPUTS / 2 ? 0 : 1)] = 1f;
		WeightStore store = new WeightStore();
		store.put("out.weight", new int[] { INPUTS, 2 }, w);
		store.put("out.bias", new int[] { 2 }, new float[2]);
		Path file = tmp.resolve("halves.npz");
		store.write(file);
		return file;
	}

	private Path experiment(String dataOptions, int steps, String simulateOptions) throws IOException {
		return Files.writeString(tmp.resolve("e.volr"), EXPERIMENT.formatted(path(TRAINS), dataOptions, path(weights()), steps, simulateOptions));
	}

	private static String path(Path p) {
		return p.toAbsolutePath().toString().replace("\\", "/");
	}

	/** Per sample, the steps of the run in which each half of the inputs had a spike, counted from the array. */
	private static List<int[]> expectedCounts() {
		List<int[]> counts = new ArrayList<>();
		NpzDataset data = NpzDataset.open(TRAINS, "x", TRAINS, "y", DatasetOptions.of(null, 1.0, null));
		try (BatchIterator batches = data.batches(4)) {
			while (batches.hasNext()) {
				Batch b = batches.next();
				int size = b.features().length / b.size();
				for (int s = 0; s < b.size(); s++) {
					int[] c = new int[2];
					for (int t = 0; t < STEPS; t++)
						for (int half = 0; half < 2; half++)
							for (int i = half * INPUTS / 2; i < (half + 1) * INPUTS / 2; i++)
								if (b.features()[s * size + t * INPUTS + i] == 1f) {
									c[half]++;
									break;
								}
					counts.add(c);
				}
			}
		}
		return counts;
	}

	@Test
	void eachNeuronFiresInTheStepsItsHalfOfTheInputsSpiked() throws IOException {
		Path file = experiment("", STEPS, "");
		Run check = volr("check", "--werror", file.toString());
		assertEquals(0, check.code(), check.out() + check.err());
		Path out = tmp.resolve("out");
		Run run = volr("run", file.toString(), "-o", out.toString());
		assertEquals(0, run.code(), run.out() + run.err());
		assertTrue(run.out().contains("16 samples, 80 steps"), run.out());

		List<int[]> expected = expectedCounts();
		assertEquals(16, expected.size());
		List<String> lines = Files.readAllLines(out.resolve("spike-counts.csv"));
		int compared = 0;
		for (String line : lines.subList(1, lines.size())) {
			String[] f = line.split(",");
			assertEquals("out", f[1], line);
			assertEquals(expected.get(Integer.parseInt(f[0]))[Integer.parseInt(f[2])], Integer.parseInt(f[3]), line);
			compared++;
		}
		assertEquals(16 * 2, compared, "every sample's two neurons are recorded");
		// every sample's output counts, and the class read out: most spikes, ties to the lower index (both potentials are 0
		// after a step, with or without a spike)
		List<String> predictions = Files.readAllLines(out.resolve("predictions.csv"));
		assertEquals("sample,predicted,count_0,count_1", predictions.get(0));
		for (int s = 0; s < 16; s++) {
			int[] c = expected.get(s);
			assertEquals(s + "," + (c[1] > c[0] ? 1 : 0) + "," + c[0] + "," + c[1], predictions.get(s + 1));
		}
	}

	/** The ANN and the normalisation read each input's spikes per step (SpikeTrains.rates); the input needs no scaling (λ_0 = 1). */
	@Test
	void theConversionNormalisesOnTheSpikesPerStep() throws IOException {
		Path file = Files.writeString(tmp.resolve("n.volr"), Files.readString(experiment("", STEPS, "")).replace("normalize none", "normalize max"));
		Path out = tmp.resolve("normalised");
		Run run = volr("run", file.toString(), "-o", out.toString());
		assertEquals(0, run.code(), run.out() + run.err());
		String report = Files.readString(out.resolve("report.json"));
		assertTrue(report.contains("{\"layer\": \"input\", \"lambda\": 1, \"encoding\": \"spikes\"}"), report);
		assertFalse(report.contains("\"ann_accuracy\": null"), report);
	}

	@Test
	void refusesTrainsShorterThanTheRunNamingTheFile() throws IOException {
		Run run = volr("run", experiment("", 120, "").toString(), "-o", tmp.resolve("out").toString());
		assertNotEquals(0, run.code(), run.out() + run.err());
		String said = run.out() + run.err();
		assertTrue(said.contains("spiketrains.npz: the spike trains hold 100 steps, the run simulates 120: every sample must be"
				+ " [steps, 70] with steps ≥ 120"), said);
		assertFalse(said.contains("\tat org."), "no stack trace: " + said);
		assertFalse(Files.exists(tmp.resolve("out")), "no results of a refused run");
	}

	@Test
	void checkRefusesSpikeInputFromOtherDataAndValuesThatChangeTheSpikes() throws IOException {
		Path file = experiment(" scale 0.5 channels_last", STEPS, "");
		String said = volr("check", file.toString()).out();
		assertTrue(said.contains("e.volr:7:") && said.contains("error: scale is not applied to spike trains"), said);
		assertTrue(said.contains("error: channels_last is not applied to spike trains"), said);

		Path idx = Files.writeString(tmp.resolve("idx.volr"), Files.readString(file).replace("data npz \"" + path(TRAINS) + "\" scale 0.5 channels_last",
				"data idx \"/usr/share/datasets/fashion-mnist\" test"));
		Run r = volr("check", idx.toString());
		assertNotEquals(0, r.code(), r.out());
		assertTrue(r.out().contains("idx.volr:10:") && r.out().contains("error: input spikes reads spike trains from an array [samples, steps,"
				+ " inputs...] of 0 and 1; the experiment's data is idx"), r.out());
	}

	@Test
	void scriptTargetsRefuseSpikeInputByName() throws IOException {
		Path file = Files.writeString(tmp.resolve("t.volr"), Files.readString(experiment("", STEPS, "")).replace("seed 1", "targets pynn"));
		Path out = tmp.resolve("generated");
		Run r = volr("generate", file.toString(), "-o", out.toString());
		assertNotEquals(0, r.code(), r.out() + r.err());
		assertTrue((r.out() + r.err()).contains("spike-train input (input spikes) is not generated for PyNN yet"), r.out() + r.err());
	}
}
