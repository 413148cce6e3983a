package org.volr.sim.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.volr.core.data.ArrayDataset;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.model.InitialPotential;
import org.volr.model.Readout;
import org.volr.model.ResetMode;
import org.volr.net.neuron.NeuronModels;
import org.volr.sim.InisimOptions;
import org.volr.sim.LoweringException;
import org.volr.sim.NeuronSpec;
import org.volr.sim.SimulationConfig;
import org.volr.sim.SimulationResult;
import org.volr.sim.Simulator;
import org.volr.sim.SpikingNetwork;

/**
 * The options for few steps (SEMANTICS.md, "Neuron update" and "Readout") against traces worked out by hand: membranes
 * that start at half the threshold, and the class read off the output's summed input current. IF neurons, reset by
 * subtraction, constant input; "t3" is step 3 (from 0).
 */
class LowLatencyTest {
	private static final ArrayDataset ONE = new ArrayDataset("x", new int[] { 1 }, 1, new float[] { 1f }, new int[] { 0 });

	/** The steps at which layer l of sample 0 spiked (its one neuron), from the raster. */
	private static int[] steps(SimulationResult r, int layer) {
		int[] raster = r.spikeRaster();
		return IntStream.range(0, raster.length / 3).filter(k -> raster[3 * k + 1] == layer).map(k -> raster[3 * k]).toArray();
	}

	/**
	 * A neuron whose constant input is a·θ has fired floor(a·(t + 1) + 1/2) times after step t when it starts at θ/2 (Bu et
	 * al.'s rounding), floor(a·(t + 1)) times when it starts at 0: the steps at which that count grows.
	 */
	private static int[] expected(double a, int steps, double start) {
		return IntStream.range(0, steps).filter(t -> Math.floor(a * (t + 1) + start) > Math.floor(a * t + start)).toArray();
	}

	/**
	 * θ = 2, layer a gets 0.75 = 0.375·θ: from θ/2 = 1: t0 1.75 | t1 2.5 spike → .5 | t2 1.25 | t3 2.0 spike → 0 | t4 .75 | t5 1.5
	 * | t6 2.25 spike → .25 | t7 1.0 | t8 1.75 | t9 2.5 spike → .5: steps 1, 3, 6, 9 = where floor(.375·(t + 1) + .5) grows. Layer b
	 * (weight 1.5 from a, also from 1): t1 2.5 spike → .5 | t3 2.0 spike → 0 | t6 1.5 | t9 3.0 spike → 1: steps 1, 3, 9. From 0
	 * instead, a fires where floor(.375·(t + 1)) grows: 2, 5, 7, ...
	 */
	@Test
	void membranesStartingAtHalfTheThresholdRoundTheRateInsteadOfFlooringIt() throws LoweringException {
		WeightStore w = new WeightStore();
		w.put("a.weight", new int[] { 1, 1 }, new float[] { 0.75f });
		w.put("b.weight", new int[] { 1, 1 }, new float[] { 1.5f });
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network("network c { input [1]  a: dense 1 relu  b: dense 1 relu }"), w);
		SimulationConfig base = SimulationConfig.constant(10).withNeuron(NeuronSpec.defaultIF().withThreshold(2f)).withRecording(1);
		SimulationConfig half = base.withInitialPotential(InitialPotential.HALF);
		// the first layer runs ahead of the others (FirstLayerAhead), the second takes the fast path of plain IF neurons (PlainIf);
		// a membrane clip that never bites sends both through the general update
		for (SimulationConfig config : new SimulationConfig[] { half, half.withInisim(InisimOptions.NONE.withClip(-10f, 10f)) }) {
			SimulationResult r = Simulator.run(net, ONE, config, Progress.NONE);
			assertArrayEquals(new int[] { 1, 3, 6, 9 }, steps(r, 0));
			assertArrayEquals(expected(0.375, 10, 0.5), steps(r, 0));
			assertArrayEquals(new int[] { 1, 3, 9 }, steps(r, 1));
			assertTrue(r.toJson().contains("\"initial_potential\": \"half\""), r.toJson());
		}
		SimulationResult zero = Simulator.run(net, ONE, base, Progress.NONE);
		assertArrayEquals(expected(0.375, 10, 0), steps(zero, 0));
		assertFalse(zero.toJson().contains("initial_potential"), "the default start is not named, so results read as before");
	}

	/** Over many rates a (input a·θ, θ = 1) the spike steps are those of the rounding rule, single layer and first of two alike. */
	@Test
	void everyRateIsRoundedToTheNearestCount() throws LoweringException {
		for (int k = 1; k < 16; k++) {
			float a = k / 16f; // exact in binary, so that the ties of the rule (a·t + 1/2 whole) are met exactly
			WeightStore w = new WeightStore();
			w.put("a.weight", new int[] { 1, 1 }, new float[] { a });
			w.put("b.weight", new int[] { 1, 1 }, new float[] { 1f });
			SimulationConfig half = SimulationConfig.constant(40).withRecording(1).withInitialPotential(InitialPotential.HALF);
			SimulationResult alone = Simulator.run(SpikingNetwork.lower(SimulatorTest.network("network c { input [1]  a: dense 1 relu }"), w),
					ONE, half, Progress.NONE);
			SimulationResult first = Simulator.run(
					SpikingNetwork.lower(SimulatorTest.network("network c { input [1]  a: dense 1 relu  b: dense 1 relu }"), w), ONE, half,
					Progress.NONE);
			assertArrayEquals(expected(a, 40, 0.5), steps(alone, 0), "a = " + a);
			assertArrayEquals(expected(a, 40, 0.5), steps(first, 0), "a = " + a);
		}
	}

	/** A leaky integrator has no threshold: it starts at 0 whatever the conversion says, and still classifies by its membrane. */
	@Test
	void neuronsWithoutThresholdStartAtZero() throws LoweringException {
		WeightStore w = new WeightStore();
		w.put("a.weight", new int[] { 1, 1 }, new float[] { 0.5f });
		w.put("b.weight", new int[] { 1, 1 }, new float[] { 1f });
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network("network c { input [1]  a: dense 1 relu  b: dense 1 linear }"), w);
		NeuronSpec li = NeuronSpec.of(NeuronModels.of("LI"), Map.of("tau_m", 1e9), ResetMode.SUBTRACT, 1.0);
		SimulationConfig config = SimulationConfig.constant(1).withLayerNeurons(Map.of("b", li)).withReadout(Readout.MEMBRANE_LAST)
				.withInitialPotential(InitialPotential.HALF);
		assertEquals(0.5, config.initialPotentialOf(config.neuronOf("a")), 0);
		assertEquals(0, config.initialPotentialOf(li), 0);
		// a: t0 .5 + .5 = 1.0 spike; b gets 1 and holds it (τ huge): class 0, the only class
		assertArrayEquals(new double[] { 1 }, Simulator.run(net, ONE, config, Progress.NONE).accuracyPerStep());
	}

	/**
	 * input [0.25, 1] → h (identity, θ = 1, from 0): h0 spikes at t3 and t7, h1 every step. out0 = 3·h0 + 0.1, out1 = 1·h1 − 0.5.
	 * Summed input current: out0 .1, .2, .3, t3 3.4, 3.5, 3.6, 3.7, t7 6.8, 6.9, 7.0; out1 .5, 1.0, ..., 5.0 (.5 per step): class 1
	 * up to t2, class 0 from t3 on. Counted spikes: out0 fires at t3, t4, t5, t7, t8, t9 (3.4 → 2.4 → 1.5 → .6, .7, 3.8 → ...),
	 * out1 every second step (t1, t3, ...); at t3 out0 has 1, out1 2 (class 1), at t4 2 each, out0's membrane higher (class 0).
	 */
	@Test
	void theIntegratedReadoutTakesTheOutputWithTheMostInputCurrentSoFar() throws LoweringException {
		WeightStore w = new WeightStore();
		w.put("h.weight", new int[] { 2, 2 }, new float[] { 1f, 0f, 0f, 1f });
		w.put("out.weight", new int[] { 2, 2 }, new float[] { 3f, 0f, 0f, 1f });
		w.put("out.bias", new int[] { 2 }, new float[] { 0.1f, -0.5f });
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network("network r { input [2]  h: dense 2 relu  out: dense 2 linear }"), w);
		ArrayDataset sample = new ArrayDataset("x", new int[] { 2 }, 2, new float[] { 0.25f, 1f }, new int[] { 0 });
		SimulationResult integrated = Simulator.run(net, sample, SimulationConfig.constant(10).withReadout(Readout.INTEGRATED), Progress.NONE);
		assertArrayEquals(new double[] { 0, 0, 0, 1, 1, 1, 1, 1, 1, 1 }, integrated.accuracyPerStep());
		assertTrue(integrated.toJson().contains("\"readout\": \"integrated\""), integrated.toJson());
		SimulationResult counted = Simulator.run(net, sample, SimulationConfig.constant(10), Progress.NONE);
		assertArrayEquals(new double[] { 0, 0, 0, 0, 1, 1, 1, 1, 1, 1 }, counted.accuracyPerStep());
		// the output need not fire: leaky integrators that never do (with a time constant long enough not to matter) read the same
		NeuronSpec li = NeuronSpec.of(NeuronModels.of("LI"), Map.of("tau_m", 1e9), ResetMode.SUBTRACT, 1.0);
		SimulationResult silent = Simulator.run(net, sample,
				SimulationConfig.constant(10).withReadout(Readout.INTEGRATED).withLayerNeurons(Map.of("out", li)), Progress.NONE);
		assertArrayEquals(integrated.accuracyPerStep(), silent.accuracyPerStep());
		assertEquals(0, silent.outputSpikes(0, 0) + silent.outputSpikes(0, 1));
		// the general update (a clip that never bites) sums the same currents as the fast path
		SimulationResult general = Simulator.run(net, sample, SimulationConfig.constant(10).withReadout(Readout.INTEGRATED)
				.withInisim(InisimOptions.NONE.withClip(-100f, 100f)), Progress.NONE);
		assertArrayEquals(integrated.accuracyPerStep(), general.accuracyPerStep());
	}

	/** Ties go to the lower index: two outputs with the same current read as class 0 at every step. */
	@Test
	void tiesGoToTheLowerIndex() throws LoweringException {
		WeightStore w = new WeightStore();
		w.put("out.weight", new int[] { 1, 2 }, new float[] { 0.5f, 0.5f });
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network("network r { input [1]  h: dense 1 relu  out: dense 2 linear }"),
				withHidden(w));
		ArrayDataset sample = new ArrayDataset("x", new int[] { 1 }, 1, new float[] { 1f }, new int[] { 0 });
		assertArrayEquals(new double[] { 1, 1, 1, 1 },
				Simulator.run(net, sample, SimulationConfig.constant(4).withReadout(Readout.INTEGRATED), Progress.NONE).accuracyPerStep());
	}

	private static WeightStore withHidden(WeightStore w) {
		w.put("h.weight", new int[] { 1, 1 }, new float[] { 1f });
		return w;
	}
}
