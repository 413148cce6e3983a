package org.volr.sim.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.volr.core.data.ArrayDataset;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Experiment;
import org.volr.model.VolrFile;
import org.volr.net.neuron.Discretisation;
import org.volr.net.neuron.Firing;
import org.volr.net.neuron.Population;
import org.volr.sim.LoweringException;
import org.volr.sim.NeuronSpec;
import org.volr.sim.SimulationConfig;
import org.volr.sim.SimulationResult;
import org.volr.sim.Simulator;
import org.volr.sim.SpikingNetwork;

/**
 * Recurrent layers (SEMANTICS.md, "Recurrent layers"): a layer's spikes of step t reach its own neurons at step
 * t + max(1, d) through its recurrent weights. Traces worked out by hand; every neuron model against its population
 * stepped by hand.
 */
class RecurrentTest {
	/** Input x = [1, 0.5], constant. */
	static ArrayDataset input() {
		return new ArrayDataset("x", new int[] { 2 }, 3, new float[] { 1f, 0.5f }, new int[] { 0 });
	}

	/** W [2, 3]: x·W = [0.5, 0.25, 0.25] under the input above. */
	static final float[] W = { 0.5f, 0f, 0.25f, 0f, 0.5f, 0f };
	/**
	 * W_rec [3, 3], row j = what a spike of neuron j adds to each neuron: neuron 0 excites 1 by 0.5 and inhibits 2 by
	 * 0.25, neuron 1 excites 2 by 0.5, neuron 2 adds nothing. Multiples of 1/4, so every sum is exact in float.
	 */
	static final float[] W_REC = { 0f, 0.5f, -0.25f, 0f, 0f, 0.5f, 0f, 0f, 0f };

	static WeightStore weights() {
		WeightStore w = new WeightStore();
		w.put("r.weight", new int[] { 2, 3 }, W);
		w.put("r.weight_rec", new int[] { 3, 3 }, W_REC);
		return w;
	}

	/** The spikes of {@code layer} in sample 0, one entry per step: the neurons that fired, "-" for none. */
	static List<String> spikesPerStep(SimulationResult r, int layer, int steps) {
		List<String> out = new ArrayList<>();
		for (int t = 0; t < steps; t++)
			out.add("");
		int[] raster = r.spikeRaster();
		for (int k = 0; k < raster.length; k += 3)
			if (raster[k + 1] == layer)
				out.set(raster[k], out.get(raster[k]) + (out.get(raster[k]).isEmpty() ? "" : ",") + raster[k + 2]);
		out.replaceAll(s -> s.isEmpty() ? "-" : s);
		return out;
	}

	static SimulationResult run(SpikingNetwork net, SimulationConfig c) {
		return Simulator.run(net, input(), c.withRecording(1), Progress.NONE);
	}

	@Test
	void bothFormsOfTheLanguageWriteARecurrentLayer() throws LoweringException {
		SpikingNetwork calculus = SpikingNetwork.lower(SimulatorTest.network("network n = r: dense 2 3 recurrent"), weights());
		SpikingNetwork block = SpikingNetwork.lower(SimulatorTest.network("network n { input [2]  r: dense 3 relu recurrent }"), weights());
		assertNotNull(calculus.recurrent(0));
		assertNotNull(block.recurrent(0));
		assertNull(SpikingNetwork.lower(SimulatorTest.network("network n = r: dense 2 3"), weights()).recurrent(0));
	}

	/**
	 * IF neurons (threshold 1, reset by subtraction), the layer driven by x·W = [0.5, 0.25, 0.25] every step:
	 * <pre>
	 * t  recurrent input (spikes of t−1)   I                  v after            spikes
	 * 0  –                                 [.5, .25, .25]     [.5, .25, .25]     –
	 * 1  –                                 [.5, .25, .25]     [1→0, .5, .5]      0
	 * 2  {0}: [0, .5, −.25]                [.5, .75, 0]       [.5, 1.25→.25, .5] 1
	 * 3  {1}: [0, 0, .5]                   [.5, .25, .75]     [1→0, .5, 1.25→.25] 0, 2
	 * 4  {0, 2}: [0, .5, −.25]             [.5, .75, 0]       [.5, 1.25→.25, .25] 1
	 * 5  {1}                               [.5, .25, .75]     [1→0, .5, 1→0]     0, 2
	 * 6  {0, 2}                            [.5, .75, 0]       [.5, 1.25→.25, 0]  1
	 * 7  {1}                               [.5, .25, .75]     [1→0, .5, .75]     0
	 * </pre>
	 * Without the recurrent weights neuron 0 fires at 1, 3, 5, 7 and neurons 1 and 2 at 3 and 7 only.
	 */
	@Test
	void aSpikeReachesItsOwnLayerOneStepLater() throws LoweringException {
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network("network n = r: dense 2 3 recurrent"), weights());
		List<String> expected = List.of("-", "0", "1", "0,2", "1", "0,2", "1", "0");
		assertEquals(expected, spikesPerStep(run(net, SimulationConfig.constant(8)), 0, 8));
		// delay 1: every projection waits one step, the recurrent one as before (the constant input has no delay)
		assertEquals(expected, spikesPerStep(run(net, SimulationConfig.constant(8).withDelay(1)), 0, 8));
		SpikingNetwork feedForward = SpikingNetwork.lower(SimulatorTest.network("network n = r: dense 2 3"), weights());
		assertEquals(List.of("-", "0", "-", "0,1,2", "-", "0", "-", "0,1,2"), spikesPerStep(run(feedForward, SimulationConfig.constant(8)), 0, 8));
	}

	/**
	 * With delay 2 the recurrent spikes of step t arrive at t + 2:
	 * <pre>
	 * t  recurrent input (spikes of t−2)   I                v after              spikes
	 * 0, 1 as above (v = [1→0, .5, .5] at 1, neuron 0 fires)
	 * 2  –                                 [.5, .25, .25]   [.5, .75, .75]       –
	 * 3  {0} (of step 1): [0, .5, −.25]    [.5, .75, 0]     [1→0, 1.5→.5, .75]   0, 1
	 * 4  – (step 2)                        [.5, .25, .25]   [.5, .75, 1→0]       2
	 * 5  {0, 1} (step 3): [0, .5, .25]     [.5, .75, .5]    [1→0, 1.5→.5, .5]    0, 1
	 * 6  {2} (step 4): nothing             [.5, .25, .25]   [.5, .75, .75]       –
	 * 7  {0, 1} (step 5)                   [.5, .75, .5]    [1→0, 1.5→.5, 1.25→.25] 0, 1, 2
	 * </pre>
	 */
	@Test
	void withADelayTheOwnSpikesWaitAsLongAsEveryOtherProjection() throws LoweringException {
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network("network n = r: dense 2 3 recurrent"), weights());
		assertEquals(List.of("-", "0", "-", "0,1", "2", "0,1", "-", "0,1,2"),
				spikesPerStep(run(net, SimulationConfig.constant(8).withDelay(2)), 0, 8));
	}

	/**
	 * A recurrent layer reading spikes (the plain IF path): a: dense 2 2 with identity weights fires neuron 0 every
	 * step and neuron 1 at odd steps, so r's feed-forward input is [.5, 0, .25] at even and [.5, .5, .25] at odd steps:
	 * <pre>
	 * t  I (feed-forward + recurrent)          v after                 spikes
	 * 0  [.5, 0, .25]                          [.5, 0, .25]            –
	 * 1  [.5, .5, .25]                         [1→0, .5, .5]           0
	 * 2  [.5, 0, .25] + [0, .5, −.25]          [.5, 1→0, .5]           1
	 * 3  [.5, .5, .25] + [0, 0, .5]            [1→0, .5, 1.25→.25]     0, 2
	 * 4  [.5, 0, .25] + [0, .5, −.25]          [.5, 1→0, .25]          1
	 * 5  [.5, .5, .25] + [0, 0, .5]            [1→0, .5, 1→0]          0, 2
	 * </pre>
	 */
	@Test
	void aHiddenRecurrentLayerAddsItsOwnSpikesToThoseItReads() throws LoweringException {
		WeightStore w = weights();
		w.put("a.weight", new int[] { 2, 2 }, new float[] { 1f, 0f, 0f, 1f });
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network("network n = a: dense 2 2 >> r: dense 2 3 recurrent"), w);
		SimulationResult r = run(net, SimulationConfig.constant(6));
		assertEquals(List.of("0", "0,1", "0", "0,1", "0", "0,1"), spikesPerStep(r, 0, 6));
		assertEquals(List.of("-", "0", "1", "0,2", "1", "0,2"), spikesPerStep(r, 1, 6));
		// synaptic operations into r: a's 9 spikes × 3, and r's own 5 spikes of steps 1..4 × 3 (step 5's would arrive at 6)
		assertEquals(9 * 3 + 5 * 3, r.synapticOpsPerLayer()[1]);
	}

	/** A neuron model's spec from a neuron block, as an experiment writes it. */
	static NeuronSpec spec(String neuron) {
		VolrFile f = VolrLanguage.create().parse("network n = dense 1 1\nexperiment e { network n\n neuron " + neuron + " }");
		return NeuronSpec.from(((Experiment) f.getElements().get(1)).getNeuron(), null, 1.0);
	}

	/**
	 * Every neuron model takes the recurrent spikes through its population: the simulator's layer spikes as the
	 * model's population stepped here by hand, the step's x·W as its constant drive and the rows of W_rec of the
	 * neurons that fired the step before delivered into its arrivals (a conductance-based one's split by sign).
	 */
	@Test
	void everyNeuronModelTakesItsOwnSpikesThroughItsPopulation() throws LoweringException {
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network("network n = r: dense 2 3 recurrent"), strongerWeights());
		for (String neuron : List.of("IF", "LIF { tau_m 5 ms }", "CubaLIF { tau_m 10 ms, tau_syn_E 2 ms, tau_syn_I 2 ms }",
				"CobaLIF { tau_m 10 ms, tau_syn_E 2 ms, tau_syn_I 2 ms, e_rev_E 4, e_rev_I -1 }", "AdaptiveLIF { tau_m 10 ms, beta 0.5 }")) {
			NeuronSpec spec = spec(neuron);
			List<String> simulated = spikesPerStep(run(net, SimulationConfig.constant(40).withNeuron(spec)), 0, 40);
			List<String> byHand = byHand(spec, 40);
			assertEquals(byHand, simulated, neuron);
			assertTrue(byHand.stream().filter(s -> !s.equals("-")).count() > 5, neuron + " is active: " + byHand);
		}
	}

	/** W and W_rec scaled up so that the slower neurons (synaptic currents, conductances, leaks) fire too. */
	static WeightStore strongerWeights() {
		WeightStore w = new WeightStore();
		float[] ff = W.clone(), rec = W_REC.clone();
		for (int i = 0; i < ff.length; i++)
			ff[i] *= 2;
		for (int i = 0; i < rec.length; i++)
			rec[i] *= 2;
		w.put("r.weight", new int[] { 2, 3 }, ff);
		w.put("r.weight_rec", new int[] { 3, 3 }, rec);
		return w;
	}

	static List<String> byHand(NeuronSpec spec, int steps) {
		WeightStore w = strongerWeights();
		float[] ff = w.get("r.weight").data(), rec = w.get("r.weight_rec").data(), x = { 1f, 0.5f };
		float[] drive = new float[3];
		for (int i = 0; i < 2; i++)
			for (int k = 0; k < 3; k++)
				drive[k] += x[i] * ff[i * 3 + k];
		Population p = spec.population(3);
		Firing firing = spec.firing(spec.reset());
		Discretisation.Conductance g = spec.conductance();
		int[] spikes = new int[3];
		int n = 0;
		List<String> out = new ArrayList<>();
		for (int t = 0; t < steps; t++) {
			for (int e = 0; e < n; e++)
				for (int k = 0; k < 3; k++) {
					float wk = rec[spikes[e] * 3 + k];
					if (g == null)
						p.arrivals()[k] += wk;
					else if (wk > 0)
						p.arrivals()[k] += wk * g.excitatoryPerWeight();
					else if (wk < 0)
						p.inhibitoryArrivals()[k] += -wk * g.inhibitoryPerWeight();
				}
			n = p.step(drive, true, firing, spikes);
			StringBuilder s = new StringBuilder();
			for (int e = 0; e < n; e++)
				s.append(e == 0 ? "" : ",").append(spikes[e]);
			out.add(n == 0 ? "-" : s.toString());
		}
		return out;
	}

	@Test
	void missingRecurrentWeightsAreRefusedByName() {
		WeightStore w = new WeightStore();
		w.put("r.weight", new int[] { 2, 3 }, W);
		LoweringException e = assertThrows(LoweringException.class,
				() -> SpikingNetwork.lower(SimulatorTest.network("network n = r: dense 2 3 recurrent"), w));
		assertTrue(e.getMessage().contains("recurrent layer 'r'") && e.getMessage().contains("'r.weight_rec' of shape [3, 3]"), e.getMessage());
	}

	@Test
	void recurrentWeightsOfAnotherLayoutAreRefused() {
		WeightStore w = weights();
		w.put("r.weight_rec", new int[] { 2, 3 }, W);
		LoweringException e = assertThrows(LoweringException.class,
				() -> SpikingNetwork.lower(SimulatorTest.network("network n = r: dense 2 3 recurrent"), w));
		assertTrue(e.getMessage().contains("'r.weight_rec' of shape [3, 3]"), e.getMessage());
		assertArrayEquals(new int[] { 2, 3 }, w.get("r.weight_rec").shape());
	}
}
