package org.volr.sim.tests;

import org.volr.net.neuron.NeuronModels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.volr.core.data.ArrayDataset;
import org.volr.core.progress.CancelledException;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Network;
import org.volr.model.VolrFile;
import org.volr.sim.LoweringException;
import org.volr.sim.SimulationConfig;
import org.volr.sim.SimulationResult;
import org.volr.sim.Simulator;
import org.volr.sim.SpikingNetwork;

/** Whole networks: spike rates against an independent analog forward pass, determinism, cancellation, errors. */
class SimulatorTest {
	static final String CNN = """
			network cnn {
			    input [2, 8, 8]
			    c1: conv2d(3, kernel: 3, padding: same) relu
			    p1: avgpool 2
			    c2: conv2d(4, kernel: 3) relu
			    m1: maxpool 2
			    flatten
			    d1: dense 5 relu
			}
			""";

	static Network network(String text) {
		VolrFile file = VolrLanguage.create().parse(text);
		return (Network) file.getElements().get(0);
	}

	static float[] uniform(Random r, int n, float lo, float hi) {
		float[] a = new float[n];
		for (int i = 0; i < n; i++)
			a[i] = lo + (hi - lo) * r.nextFloat();
		return a;
	}

	static WeightStore cnnWeights(long seed) {
		Random r = new Random(seed);
		WeightStore w = new WeightStore();
		w.put("c1.weight", new int[] { 3, 2, 3, 3 }, uniform(r, 54, -0.15f, 0.35f));
		w.put("c1.bias", new int[] { 3 }, uniform(r, 3, 0f, 0.05f));
		w.put("c2.weight", new int[] { 4, 3, 3, 3 }, uniform(r, 108, -0.1f, 0.25f));
		w.put("c2.bias", new int[] { 4 }, uniform(r, 4, 0f, 0.05f));
		w.put("d1.weight", new int[] { 4, 5 }, uniform(r, 20, -0.2f, 0.5f));
		w.put("d1.bias", new int[] { 5 }, uniform(r, 5, 0f, 0.1f));
		return w;
	}

	/** The rates an ideal rate-coded network would have: relu clipped to one spike per step, written out plainly. */
	static double[] analogRates(WeightStore w, float[] x) {
		double[][][] a = new double[2][8][8];
		for (int c = 0; c < 2; c++)
			for (int y = 0; y < 8; y++)
				for (int z = 0; z < 8; z++)
					a[c][y][z] = x[(c * 8 + y) * 8 + z];
		a = conv(a, w.get("c1.weight").data(), w.get("c1.bias").data(), 3, 3, 1); // same padding: pad 1
		double[][][] p = new double[3][4][4];
		for (int c = 0; c < 3; c++)
			for (int y = 0; y < 4; y++)
				for (int z = 0; z < 4; z++)
					p[c][y][z] = clip((a[c][2 * y][2 * z] + a[c][2 * y + 1][2 * z] + a[c][2 * y][2 * z + 1] + a[c][2 * y + 1][2 * z + 1]) / 4);
		double[][][] b = conv(p, w.get("c2.weight").data(), w.get("c2.bias").data(), 4, 3, 0);
		double[] m = new double[4];
		for (int c = 0; c < 4; c++)
			m[c] = Math.max(Math.max(b[c][0][0], b[c][0][1]), Math.max(b[c][1][0], b[c][1][1]));
		double[] out = new double[5];
		float[] dw = w.get("d1.weight").data(), db = w.get("d1.bias").data();
		for (int o = 0; o < 5; o++) {
			double s = db[o];
			for (int i = 0; i < 4; i++)
				s += m[i] * dw[i * 5 + o];
			out[o] = clip(s);
		}
		return out;
	}

	static double[][][] conv(double[][][] in, float[] w, float[] bias, int cout, int k, int pad) {
		int cin = in.length, h = in[0].length, wd = in[0][0].length;
		int oh = h + 2 * pad - k + 1, ow = wd + 2 * pad - k + 1;
		double[][][] out = new double[cout][oh][ow];
		for (int co = 0; co < cout; co++)
			for (int oy = 0; oy < oh; oy++)
				for (int ox = 0; ox < ow; ox++) {
					double s = bias[co];
					for (int ci = 0; ci < cin; ci++)
						for (int ky = 0; ky < k; ky++)
							for (int kx = 0; kx < k; kx++) {
								int y = oy - pad + ky, z = ox - pad + kx;
								if (y >= 0 && y < h && z >= 0 && z < wd)
									s += in[ci][y][z] * w[((co * cin + ci) * k + ky) * k + kx];
							}
					out[co][oy][ox] = clip(s);
				}
		return out;
	}

	static double clip(double v) {
		return Math.max(0, Math.min(1, v));
	}

	@Test
	void convolutionalNetworkMatchesTheAnalogRatesInTheLongRun() throws LoweringException {
		WeightStore w = cnnWeights(7);
		SpikingNetwork net = SpikingNetwork.lower(network(CNN), w);
		Random r = new Random(3);
		int samples = 6, steps = 2000;
		float[] x = uniform(r, samples * 128, 0f, 1f);
		ArrayDataset data = new ArrayDataset("random", new int[] { 2, 8, 8 }, 5, x, new int[samples]);
		SimulationResult result = Simulator.run(net, data, SimulationConfig.constant(steps), Progress.NONE);
		double worst = 0;
		int active = 0;
		for (int s = 0; s < samples; s++) {
			float[] one = java.util.Arrays.copyOfRange(x, s * 128, (s + 1) * 128);
			double[] expected = analogRates(w, one);
			for (int o = 0; o < 5; o++) {
				double rate = result.outputSpikes(s, o) / (double) steps;
				worst = Math.max(worst, Math.abs(rate - expected[o]));
				if (expected[o] > 0.05)
					active++;
			}
		}
		assertTrue(active >= 10, "the test network must be active to mean anything: " + active + " active outputs");
		assertTrue(worst < 0.02, "largest rate error " + worst);
	}

	/** The fast path for plain IF neurons (PlainIf, ConstantFirstLayer) must give exactly the spikes of the general update (JumpPopulation). */
	@Test
	void fastPathAgreesWithTheGeneralNeuronUpdate() throws LoweringException {
		WeightStore w = cnnWeights(5);
		SpikingNetwork net = SpikingNetwork.lower(network(CNN), w);
		float[] x = uniform(new Random(9), 10 * 128, 0f, 1f);
		ArrayDataset data = new ArrayDataset("random", new int[] { 2, 8, 8 }, 5, x, new int[10]);
		SimulationConfig fast = SimulationConfig.constant(300);
		// a lower clamp far below anything reached changes nothing but takes the general path
		org.volr.sim.NeuronSpec general = new org.volr.sim.NeuronSpec(NeuronModels.IF, 1f,
				org.volr.model.ResetMode.SUBTRACT, 0f, 0, -1e30f, 1f, 0f);
		for (SimulationConfig config : new SimulationConfig[] { fast,
				fast.withInisim(org.volr.sim.InisimOptions.NONE.withClamp("c1", 7)) }) { // the first layer silent until step 7
			SimulationResult a = Simulator.run(net, data, config, Progress.NONE);
			SimulationResult b = Simulator.run(net, data, config.withNeuron(general), Progress.NONE);
			assertArrayEquals(a.spikesPerLayer(), b.spikesPerLayer());
			for (int s = 0; s < 10; s++)
				for (int o = 0; o < 5; o++)
					assertEquals(a.outputSpikes(s, o), b.outputSpikes(s, o));
		}
	}

	/**
	 * A large, busy first layer computed apart (2,000 active neurons × 600 steps; it was once computed ahead in pieces of
	 * steps): its spikes must still be the general update's.
	 */
	@Test
	void firstLayerComputedAheadInPiecesAgreesWithTheGeneralNeuronUpdate() throws LoweringException {
		Network n = network("network wide {\n input [3]\n f: dense 2000 relu\n o: dense 4\n}");
		Random r = new Random(4);
		WeightStore w = new WeightStore();
		w.put("f.weight", new int[] { 3, 2000 }, uniform(r, 6000, 0.01f, 0.3f)); // every current positive: all 2,000 active
		w.put("o.weight", new int[] { 2000, 4 }, uniform(r, 8000, -0.01f, 0.012f));
		SpikingNetwork net = SpikingNetwork.lower(n, w);
		ArrayDataset data = new ArrayDataset("x", new int[] { 3 }, 4, uniform(new Random(2), 6, 0.2f, 1f), new int[2]);
		SimulationConfig fast = SimulationConfig.constant(600);
		org.volr.sim.NeuronSpec general = new org.volr.sim.NeuronSpec(NeuronModels.IF, 1f,
				org.volr.model.ResetMode.SUBTRACT, 0f, 0, -1e30f, 1f, 0f);
		SimulationResult a = Simulator.run(net, data, fast, Progress.NONE);
		SimulationResult b = Simulator.run(net, data, fast.withNeuron(general), Progress.NONE);
		assertTrue(a.spikesPerLayer()[0] > 100_000, "the first layer must be busy: " + a.spikesPerLayer()[0]);
		assertArrayEquals(a.spikesPerLayer(), b.spikesPerLayer());
		for (int s = 0; s < 2; s++)
			for (int o = 0; o < 4; o++)
				assertEquals(a.outputSpikes(s, o), b.outputSpikes(s, o));
	}

	@Test
	void denseLayerWithConstantInputSpikesExactlyFloorOfTimesCurrent() throws LoweringException {
		Network n = network("network one { input [2]  d: dense 2 relu }");
		WeightStore w = new WeightStore();
		w.put("d.weight", new int[] { 2, 2 }, new float[] { 0.5f, 0.25f, 0.25f, 0f }); // [in, out]
		w.put("d.bias", new int[] { 2 }, new float[] { 0f, 0.125f });
		ArrayDataset data = new ArrayDataset("x", new int[] { 2 }, 2, new float[] { 1f, 1f }, new int[] { 0 });
		SimulationResult r = Simulator.run(SpikingNetwork.lower(n, w), data, SimulationConfig.constant(40), Progress.NONE);
		assertEquals(30, r.outputSpikes(0, 0), "current 0.75 for 40 steps"); // 0.5 + 0.25
		assertEquals(15, r.outputSpikes(0, 1), "current 0.375 for 40 steps"); // 0.25 + 0.125
		assertEquals(1.0, r.finalAccuracy());
		assertEquals(0, r.synapticOps(), "constant input costs no synaptic events");
		// energy: the ANN does 4 MACs; the SNN computes W·x once (4 MACs) and has no synaptic events after it
		assertEquals(4, r.energy().annMacsPerSample());
		assertEquals(4 * 4.6e-6, r.energy().snnMicrojoulePerSample(), 1e-12);
		assertEquals(4 * 4.6e-6, r.energy().annMicrojoulePerSample(), 1e-12);
	}

	/**
	 * How many samples are read and prepared at a time, and by how many threads they are simulated, changes no
	 * spike. The first batch of 1,000 is handed over slice by slice while its input currents are computed; with a
	 * first layer this wide and few steps the simulating threads catch up with the slices and must wait for them.
	 */
	@Test
	void resultsDoNotDependOnTheBatchSizeOrTheThreads() throws LoweringException {
		Network n = network("network wide { input [4000]  h: dense 1000 relu  o: dense 5 relu }");
		Random r = new Random(12);
		WeightStore w = new WeightStore();
		w.put("h.weight", new int[] { 4000, 1000 }, uniform(r, 4_000_000, -0.0005f, 0.001f));
		w.put("o.weight", new int[] { 1000, 5 }, uniform(r, 5000, -0.01f, 0.02f));
		SpikingNetwork net = SpikingNetwork.lower(n, w);
		int samples = 300;
		int[] labels = new int[samples];
		for (int s = 0; s < samples; s++)
			labels[s] = r.nextInt(5);
		ArrayDataset data = new ArrayDataset("x", new int[] { 4000 }, 5, uniform(r, samples * 4000, 0f, 1f), labels);
		SimulationConfig config = SimulationConfig.constant(12).withRecording(3);
		SimulationResult whole = Simulator.run(net, data, config.withBatch(1000).withThreads(2), Progress.NONE);
		assertTrue(whole.spikesPerLayer()[1] > 1000, "the output layer must be busy: " + whole.spikesPerLayer()[1]);
		for (SimulationConfig other : new SimulationConfig[] { config.withBatch(50).withThreads(2), config.withBatch(7).withThreads(1) }) {
			SimulationResult r2 = Simulator.run(net, data, other, Progress.NONE);
			assertArrayEquals(whole.spikesPerLayer(), r2.spikesPerLayer());
			assertArrayEquals(whole.accuracyPerStep(), r2.accuracyPerStep());
			for (int s = 0; s < samples; s++)
				for (int o = 0; o < 5; o++)
					assertEquals(whole.outputSpikes(s, o), r2.outputSpikes(s, o), "sample " + s + ", output " + o);
			for (int s = 0; s < 3; s++)
				assertArrayEquals(whole.neuronSpikes(s, 0), r2.neuronSpikes(s, 0));
		}
	}

	/** Output spikes first at step 1 (current 0.5) and step 3 (current 0.25); a silent sample does not count. */
	@Test
	void firstOutputSpikeLatencyAveragesOnlyTheSamplesThatSpiked() throws LoweringException {
		Network n = network("network one { input [2]  d: dense 2 relu }");
		WeightStore w = new WeightStore();
		w.put("d.weight", new int[] { 2, 2 }, new float[] { 0.5f, 0f, 0f, 0.25f }); // [in, out]
		float[] x = { 1f, 0f, 0f, 0f, 0f, 1f }; // three samples: neuron 0 driven, nothing, neuron 1 driven
		ArrayDataset data = new ArrayDataset("x", new int[] { 2 }, 2, x, new int[] { 0, 0, 1 });
		SimulationResult r = Simulator.run(SpikingNetwork.lower(n, w), data, SimulationConfig.constant(10).withThreads(1), Progress.NONE);
		assertEquals(0, r.outputSpikes(1, 0) + r.outputSpikes(1, 1), "the second sample stays silent");
		assertEquals(2.0, r.meanFirstOutputSpike(), 1e-12, "(1 + 3) / 2");
		ArrayDataset silent = new ArrayDataset("x", new int[] { 2 }, 2, new float[2], new int[1]);
		assertTrue(Double.isNaN(Simulator.run(SpikingNetwork.lower(n, w), silent, SimulationConfig.constant(10), Progress.NONE).meanFirstOutputSpike()));
	}

	@Test
	void aDelayOfDStepsHoldsEverySpikeBackDStepsPerProjection() throws LoweringException {
		Network n = network("network chain { input [1]  a: dense 1 relu  b: dense 1 relu  c: dense 2 relu }");
		WeightStore w = new WeightStore();
		w.put("a.weight", new int[] { 1, 1 }, new float[] { 1f }); // fires at every step from step 0
		w.put("b.weight", new int[] { 1, 1 }, new float[] { 1f });
		w.put("c.weight", new int[] { 1, 2 }, new float[] { 1f, 0.5f });
		ArrayDataset data = new ArrayDataset("x", new int[] { 1 }, 2, new float[] { 1f }, new int[] { 0 });
		for (int d = 0; d <= 3; d++) {
			SimulationResult r = Simulator.run(SpikingNetwork.lower(n, w), data, SimulationConfig.constant(20).withDelay(d).withRecording(1),
					Progress.NONE);
			assertEquals(20, r.neuronSpikes(0, 0)[0], "a: constant input has no delay");
			assertEquals(20 - d, r.neuronSpikes(0, 1)[0], "b starts d steps late, delay " + d);
			assertEquals(20 - 2 * d, r.outputSpikes(0, 0), "c starts 2d steps late, delay " + d);
			assertEquals((20 - 2 * d) / 2, r.outputSpikes(0, 1), "half weight: every second spike, delay " + d);
			// the raster holds every spike of sample 0 in time: a from step 0, b from step d, c from step 2d
			int[] raster = r.spikeRaster();
			int[] first = { -1, -1, -1 }, total = new int[3];
			for (int k = 0; k < raster.length; k += 3) {
				int step = raster[k], layer = raster[k + 1];
				if (first[layer] < 0)
					first[layer] = step;
				total[layer]++;
				assertTrue(k == 0 || step >= raster[k - 3], "in time order");
			}
			assertArrayEquals(new int[] { 0, d, 2 * d }, first, "first spike per layer, delay " + d);
			assertArrayEquals(new int[] { 20, 20 - d, 20 - 2 * d + (20 - 2 * d) / 2 }, total, "every spike, delay " + d);
		}
	}

	@Test
	void aClampedLayerIgnoresItsInputForDepthTimesClampSteps() throws LoweringException {
		Network n = network("network chain { input [1]  a: dense 1 relu  b: dense 1 relu  c: dense 1 relu }");
		WeightStore w = new WeightStore();
		for (String l : new String[] { "a", "b", "c" })
			w.put(l + ".weight", new int[] { 1, 1 }, new float[] { 1f }); // each spike makes the next layer spike at once
		ArrayDataset data = new ArrayDataset("x", new int[] { 1 }, 1, new float[] { 1f }, new int[] { 0 });
		SimulationResult r = Simulator.run(SpikingNetwork.lower(n, w), data, SimulationConfig.constant(20).withClamp(3).withRecording(1),
				Progress.NONE);
		assertEquals(20, r.neuronSpikes(0, 0)[0], "depth 0 is never clamped");
		assertEquals(17, r.neuronSpikes(0, 1)[0], "depth 1 ignores steps 0..2");
		assertEquals(14, r.outputSpikes(0, 0), "depth 2 ignores steps 0..5");
	}

	@Test
	void theAdaptiveThresholdFollowsTheLayersMostActiveNeuron() throws LoweringException {
		Network n = network("network one { input [1]  d: dense 1 relu }");
		WeightStore w = new WeightStore();
		w.put("d.weight", new int[] { 1, 1 }, new float[] { 0.5f });
		ArrayDataset data = new ArrayDataset("x", new int[] { 1 }, 1, new float[] { 1f }, new int[] { 0 });
		// θ(t) = 0.01 + 0.99·max rate so far; v += 0.5, reset by subtraction:
		// t0 θ .01 v .5 spike→.49 | t1 θ 1 v .99 | t2 θ .505 v 1.49 spike | t3 θ .67 spike | t4 θ .7525 spike | t5 θ .802 spike | t6 θ .835 v .76
		SimulationConfig seven = SimulationConfig.constant(7);
		assertEquals(5, Simulator.run(SpikingNetwork.lower(n, w), data, seven.withAdaptiveThreshold(true), Progress.NONE).outputSpikes(0, 0));
		assertEquals(3, Simulator.run(SpikingNetwork.lower(n, w), data, seven, Progress.NONE).outputSpikes(0, 0), "fixed threshold 1");
	}

	@Test
	void poissonInputIsReproducibleWhateverTheThreads() throws LoweringException {
		WeightStore w = cnnWeights(11);
		SpikingNetwork net = SpikingNetwork.lower(network(CNN), w);
		float[] x = uniform(new Random(5), 8 * 128, 0f, 1f);
		ArrayDataset data = new ArrayDataset("random", new int[] { 2, 8, 8 }, 5, x, new int[8]);
		SimulationConfig poisson = SimulationConfig.constant(200).withPoisson(0.5, 42);
		SimulationResult one = Simulator.run(net, data, poisson.withThreads(1), Progress.NONE);
		SimulationResult two = Simulator.run(net, data, poisson.withThreads(2), Progress.NONE);
		assertArrayEquals(one.spikesPerLayer(), two.spikesPerLayer());
		for (int s = 0; s < 8; s++)
			for (int o = 0; o < 5; o++)
				assertEquals(one.outputSpikes(s, o), two.outputSpikes(s, o));
		SimulationResult other = Simulator.run(net, data, SimulationConfig.constant(200).withPoisson(0.5, 43), Progress.NONE);
		assertNotEquals(one.spikesPerLayer()[0], other.spikesPerLayer()[0], "another seed, other spikes");
		assertTrue(one.synapticOps() > 0);
		assertEquals(one.synapticOps(), java.util.Arrays.stream(one.synapticOpsPerLayer()).sum(), "every operation is counted at one layer");
		assertTrue(one.synapticOpsPerLayer()[0] > 0, "Poisson input spikes are delivered into the first layer");
		assertArrayEquals(one.synapticOpsPerLayer(), two.synapticOpsPerLayer());
	}

	@Test
	void cancellationStopsBetweenBatches() throws LoweringException {
		SpikingNetwork net = SpikingNetwork.lower(network(CNN), cnnWeights(1));
		ArrayDataset data = new ArrayDataset("random", new int[] { 2, 8, 8 }, 5, new float[600 * 128], new int[600]);
		int[] batches = { 0 };
		Progress cancelAfterOne = new Progress() {
			@Override
			public void begin(String task, long total) {
			}

			@Override
			public void advance(long n) {
				batches[0]++;
			}

			@Override
			public void done() {
			}

			@Override
			public boolean isCancelled() {
				return batches[0] >= 1;
			}
		};
		assertThrows(CancelledException.class, () -> Simulator.run(net, data, SimulationConfig.constant(10), cancelAfterOne));
		assertEquals(1, batches[0], "stopped after the first batch of 256");
	}

	@Test
	void networksThatCannotSpikeAreRefusedWithReasons() {
		WeightStore w = new WeightStore();
		w.put("a.weight", new int[] { 2, 3 }, new float[6]);
		w.put("b.weight", new int[] { 3, 2 }, new float[6]);
		LoweringException hiddenLinear = assertThrows(LoweringException.class,
				() -> SpikingNetwork.lower(network("network n { input [2]  a: dense 3 linear  b: dense 2 }"), w));
		assertTrue(hiddenLinear.getMessage().contains("hidden layer 'a' has activation linear"), hiddenLinear.getMessage());
		LoweringException missing = assertThrows(LoweringException.class,
				() -> SpikingNetwork.lower(network("network n { input [2]  a: dense 3  c: dense 2 }"), w));
		assertTrue(missing.getMessage().contains("'c.weight'"), missing.getMessage());
		LoweringException unnamed = assertThrows(LoweringException.class,
				() -> SpikingNetwork.lower(network("network n = dense 2 3 >> (dense 3 1 | dense 3 1) >> dense 2 2"), w));
		assertTrue(unnamed.getMessage().contains("no weights 'layer1.weight'"), unnamed.getMessage());
	}
}
