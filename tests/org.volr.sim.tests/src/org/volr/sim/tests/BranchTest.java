package org.volr.sim.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.volr.core.data.ArrayDataset;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.sim.LoweringException;
import org.volr.sim.SimulationConfig;
import org.volr.sim.SimulationResult;
import org.volr.sim.Simulator;
import org.volr.sim.SpikingNetwork;

/**
 * Parallel (|) and added (+) branches: a network with branches must spike exactly as the chain whose layers hold
 * the branches' weights side by side (concatenation) or summed (addition), with and without delay and under both
 * input encodings.
 */
class BranchTest {
	static final int SAMPLES = 12;

	/** Weights in multiples of 1/64, so sums are exact in float and the two networks can be compared bit for bit. */
	static float[] grid(Random r, int n, int lo, int hi) {
		float[] a = new float[n];
		for (int i = 0; i < n; i++)
			a[i] = (lo + r.nextInt(hi - lo + 1)) / 64f;
		return a;
	}

	/** Columns of [in, a] and [in, b] side by side: [in, a + b]. */
	static float[] sideBySide(float[] wa, int a, float[] wb, int b, int in) {
		float[] w = new float[in * (a + b)];
		for (int i = 0; i < in; i++) {
			System.arraycopy(wa, i * a, w, i * (a + b), a);
			System.arraycopy(wb, i * b, w, i * (a + b) + a, b);
		}
		return w;
	}

	static float[] concat(float[] x, float[] y) {
		float[] z = java.util.Arrays.copyOf(x, x.length + y.length);
		System.arraycopy(y, 0, z, x.length, y.length);
		return z;
	}

	static ArrayDataset data() {
		Random r = new Random(3);
		float[] x = new float[SAMPLES * 8];
		for (int i = 0; i < x.length; i++)
			x[i] = r.nextFloat();
		return new ArrayDataset("x", new int[] { 8 }, 4, x, new int[SAMPLES]);
	}

	static void assertSameSpikes(SimulationResult a, SimulationResult b, String what) {
		for (int s = 0; s < SAMPLES; s++)
			for (int o = 0; o < 4; o++)
				assertEquals(a.outputSpikes(s, o), b.outputSpikes(s, o), what + ": sample " + s + ", output " + o);
		assertEquals(a.synapticOps(), b.synapticOps(), what + ": synaptic operations");
	}

	@Test
	void parallelBranchesSpikeAsTheChainWithTheirWeightsSideBySide() throws LoweringException {
		Random r = new Random(1);
		float[] wh = grid(r, 8 * 6, -8, 24), wa = grid(r, 6 * 3, -16, 32), wb = grid(r, 6 * 2, -16, 32), wo = grid(r, 5 * 4, -16, 32);
		float[] ba = grid(r, 3, 0, 2), bb = grid(r, 2, 0, 2);
		WeightStore branched = new WeightStore();
		branched.put("h.weight", new int[] { 8, 6 }, wh);
		branched.put("a.weight", new int[] { 6, 3 }, wa);
		branched.put("a.bias", new int[] { 3 }, ba);
		branched.put("b.weight", new int[] { 6, 2 }, wb);
		branched.put("b.bias", new int[] { 2 }, bb);
		branched.put("o.weight", new int[] { 5, 4 }, wo);
		WeightStore chained = new WeightStore();
		chained.put("h.weight", new int[] { 8, 6 }, wh);
		chained.put("m.weight", new int[] { 6, 5 }, sideBySide(wa, 3, wb, 2, 6));
		chained.put("m.bias", new int[] { 5 }, concat(ba, bb));
		chained.put("o.weight", new int[] { 5, 4 }, wo);
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network(
				"network p { input [8]  h: dense 6 relu  { a: dense 3 relu } | { b: dense 2 relu }  o: dense 4 }"), branched);
		SpikingNetwork chain = SpikingNetwork.lower(SimulatorTest.network(
				"network c { input [8]  h: dense 6 relu  m: dense 5 relu  o: dense 4 }"), chained);
		assertFalse(net.isChain());
		assertEquals(4, net.layers().size());
		assertArrayEquals(new SpikingNetwork.Source[] { new SpikingNetwork.Source(1, 0), new SpikingNetwork.Source(2, 3) }, net.sources(3));
		for (SimulationConfig c : new SimulationConfig[] { SimulationConfig.constant(60), SimulationConfig.constant(60).withDelay(2),
				SimulationConfig.constant(60).withPoisson(0.4, 7).withDelay(1) }) {
			SimulationResult a = Simulator.run(net, data(), c, Progress.NONE), b = Simulator.run(chain, data(), c, Progress.NONE);
			assertSameSpikes(a, b, c.toString());
			assertTrue(a.spikesPerLayer()[3] > 0, "the output layer is active");
		}
	}

	@Test
	void branchesReadingTheInputEachTakeItAsACurrent() throws LoweringException {
		Random r = new Random(2);
		float[] wa = grid(r, 8 * 3, -8, 24), wb = grid(r, 8 * 2, -8, 24), wo = grid(r, 5 * 4, -16, 32);
		WeightStore branched = new WeightStore();
		branched.put("a.weight", new int[] { 8, 3 }, wa);
		branched.put("b.weight", new int[] { 8, 2 }, wb);
		branched.put("o.weight", new int[] { 5, 4 }, wo);
		WeightStore chained = new WeightStore();
		chained.put("m.weight", new int[] { 8, 5 }, sideBySide(wa, 3, wb, 2, 8));
		chained.put("o.weight", new int[] { 5, 4 }, wo);
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network("network p = (a: dense 8 3 | b: dense 8 2) >> o: dense 5 4"), branched);
		SpikingNetwork chain = SpikingNetwork.lower(SimulatorTest.network("network c = m: dense 8 5 >> o: dense 5 4"), chained);
		assertTrue(net.readsOnlyInput(0) && net.readsOnlyInput(1));
		SimulationResult a = Simulator.run(net, data(), SimulationConfig.constant(60), Progress.NONE);
		SimulationResult b = Simulator.run(chain, data(), SimulationConfig.constant(60), Progress.NONE);
		assertSameSpikes(a, b, "constant input");
		assertEquals(b.energy().snnMicrojoulePerSample(), a.energy().snnMicrojoulePerSample(), 1e-12, "both branches' W·x counted once");
	}

	@Test
	void addedBranchesDeliverEverySpikeOfBoth() throws LoweringException {
		// two identical branches: the next layer gets each spike twice, as a chain with doubled output weights
		Random r = new Random(4);
		float[] wh = grid(r, 8 * 6, -8, 24), wa = grid(r, 6 * 3, -16, 32), wo = grid(r, 3 * 4, -16, 32);
		float[] wo2 = wo.clone();
		for (int i = 0; i < wo2.length; i++)
			wo2[i] *= 2;
		WeightStore branched = new WeightStore();
		branched.put("h.weight", new int[] { 8, 6 }, wh);
		branched.put("a.weight", new int[] { 6, 3 }, wa);
		branched.put("b.weight", new int[] { 6, 3 }, wa.clone());
		branched.put("o.weight", new int[] { 3, 4 }, wo);
		WeightStore chained = new WeightStore();
		chained.put("h.weight", new int[] { 8, 6 }, wh);
		chained.put("a.weight", new int[] { 6, 3 }, wa);
		chained.put("o.weight", new int[] { 3, 4 }, wo2);
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network(
				"network p { input [8]  h: dense 6 relu  { a: dense 3 relu } + { b: dense 3 relu }  o: dense 4 }"), branched);
		SpikingNetwork chain = SpikingNetwork.lower(SimulatorTest.network(
				"network c { input [8]  h: dense 6 relu  a: dense 3 relu  o: dense 4 }"), chained);
		assertArrayEquals(new SpikingNetwork.Source[] { new SpikingNetwork.Source(1, 0), new SpikingNetwork.Source(2, 0) }, net.sources(3));
		for (SimulationConfig c : new SimulationConfig[] { SimulationConfig.constant(60), SimulationConfig.constant(60).withDelay(3) }) {
			SimulationResult a = Simulator.run(net, data(), c, Progress.NONE), b = Simulator.run(chain, data(), c, Progress.NONE);
			for (int s = 0; s < SAMPLES; s++)
				for (int o = 0; o < 4; o++)
					assertEquals(b.outputSpikes(s, o), a.outputSpikes(s, o), c + ": sample " + s + ", output " + o);
			assertTrue(a.spikesPerLayer()[3] > 0, "the output layer is active");
		}
	}

	@Test
	void whatBranchesCannotDoIsRefusedWithReasons() throws LoweringException {
		WeightStore w = new WeightStore();
		w.put("a.weight", new int[] { 8, 3 }, new float[24]);
		w.put("o.weight", new int[] { 11, 4 }, new float[44]);
		// an identity branch hands the input itself to 'o': fine for spikes, impossible for a constant current
		SpikingNetwork skip = SpikingNetwork.lower(SimulatorTest.network(
				"network s { input [8]  { a: dense 3 relu } | { identity }  o: dense 4 }"), w);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> Simulator.run(skip, data(), SimulationConfig.constant(10), Progress.NONE));
		assertTrue(e.getMessage().contains("'o' reads the input together with other layers") && e.getMessage().contains("poisson"), e.getMessage());
		Simulator.run(skip, data(), SimulationConfig.constant(10).withPoisson(0.5, 7), Progress.NONE);
		WeightStore two = new WeightStore();
		two.put("a.weight", new int[] { 8, 3 }, new float[24]);
		two.put("o.weight", new int[] { 3, 2 }, new float[6]);
		two.put("o2.weight", new int[] { 3, 2 }, new float[6]);
		LoweringException end = assertThrows(LoweringException.class,
				() -> SpikingNetwork.lower(SimulatorTest.network("network n = a: dense 8 3 >> (o: dense 3 2 | o2: dense 3 2)"), two));
		assertTrue(end.getMessage().contains("ends in parallel branches"), end.getMessage());
	}
}
