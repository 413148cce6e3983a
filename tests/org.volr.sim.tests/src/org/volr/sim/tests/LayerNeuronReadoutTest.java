package org.volr.sim.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.volr.core.data.ArrayDataset;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.model.Readout;
import org.volr.model.ResetMode;
import org.volr.net.neuron.NeuronModels;
import org.volr.sim.LoweringException;
import org.volr.sim.NeuronSpec;
import org.volr.sim.SimulationConfig;
import org.volr.sim.SimulationResult;
import org.volr.sim.Simulator;
import org.volr.sim.SpikingNetwork;

/**
 * A neuron per layer and the membrane readouts (SEMANTICS.md, "Readout", "Leaky integrators (LI)") against traces
 * worked out by hand in the comments. IF neurons, threshold 1, reset by subtraction, constant input, dt = 1 ms; "t3"
 * is step 3 (from 0).
 */
class LayerNeuronReadoutTest {
	private static NeuronSpec neuron(String model, Map<String, Double> written) {
		return NeuronSpec.of(NeuronModels.of(model), written, ResetMode.SUBTRACT, 1.0);
	}

	/** The steps at which layer l of sample 0 spiked (its one neuron), from the raster. */
	private static int[] steps(SimulationResult r, int layer) {
		int[] raster = r.spikeRaster();
		return java.util.stream.IntStream.range(0, raster.length / 3).filter(k -> raster[3 * k + 1] == layer).map(k -> raster[3 * k]).toArray();
	}

	@Test
	void aLayerWithItsOwnNeuronIsSimulatedWithItTheOthersWithTheRuns() throws LoweringException {
		// a (IF, weight 0.6, input 1): .6 | t1 1.2 spike → .2 | .8 | t3 1.4 spike → .4 | t4 1.0 spike → 0 | .6 | t6 1.2 spike ...: 1, 3, 4, 6, 8, 9, 11
		// b as IF, weight 0.6 on a's spikes: t1 .6 | t3 1.2 spike → .2 | t4 .8 | t6 1.4 spike → .4 | t8 1.0 spike → 0 | t9 .6 | t11 1.2 spike
		// b as LIF (tau_m 2 ms: leak e^(−1/2) = .606531): t1 .6 | t2 .3639 | t3 .2207 + .6 = .8207 | t4 .4978 + .6 = 1.0978 spike → .0978
		//   | t5 .0593 | t6 .0360 + .6 = .6360 | t7 .3857 | t8 .2340 + .6 = .8340 | t9 .5058 + .6 = 1.1058 spike → .1058 | t10 .0642 | t11 .6389
		WeightStore w = new WeightStore();
		w.put("a.weight", new int[] { 1, 1 }, new float[] { 0.6f });
		w.put("b.weight", new int[] { 1, 1 }, new float[] { 0.6f });
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network("network c { input [1]  a: dense 1 relu  b: dense 1 relu }"), w);
		ArrayDataset one = new ArrayDataset("x", new int[] { 1 }, 1, new float[] { 1f }, new int[] { 0 });
		SimulationConfig config = SimulationConfig.constant(12).withRecording(1);
		SimulationResult ifOnly = Simulator.run(net, one, config, Progress.NONE);
		assertArrayEquals(new int[] { 1, 3, 4, 6, 8, 9, 11 }, steps(ifOnly, 0));
		assertArrayEquals(new int[] { 3, 6, 8, 11 }, steps(ifOnly, 1));
		SimulationResult own = Simulator.run(net, one, config.withLayerNeurons(Map.of("b", neuron("LIF", Map.of("tau_m", 2.0)))), Progress.NONE);
		assertArrayEquals(new int[] { 1, 3, 4, 6, 8, 9, 11 }, steps(own, 0), "a keeps the run's IF neuron");
		assertArrayEquals(new int[] { 4, 9 }, steps(own, 1), "b leaks");
		var e = assertThrows(IllegalArgumentException.class,
				() -> Simulator.run(net, one, config.withLayerNeurons(Map.of("c", neuron("LIF", Map.of()))), Progress.NONE));
		assertTrue(e.getMessage().contains("c"), e.getMessage());
	}

	/**
	 * input [0.25, 1] → h (IF, identity) → out (LI, tau_m 1 ms: leak e^(−1) = .367879; weights 3 from h0 to out0, 1 from h1
	 * to out1). h0 spikes at t3 and t7, h1 at every step.
	 * out0: 0, 0, 0, t3 3, 1.1036, .4060, .1494, t7 .0549 + 3 = 3.0549, 1.1239, t9 .4134
	 * out1: t0 1, 1.3679, 1.5032, 1.5530, 1.5713, 1.5781, 1.5805, 1.5814, 1.5818, t9 1.5819
	 * The maximum so far is out0's from t3 on (3 > 1.58): class 0; the last value is out0's only at t3 and t7.
	 */
	@Test
	void theMembraneReadoutsTakeTheMaximumOverTheStepsOrTheLastValue() throws LoweringException {
		WeightStore w = new WeightStore();
		w.put("h.weight", new int[] { 2, 2 }, new float[] { 1f, 0f, 0f, 1f });
		w.put("out.weight", new int[] { 2, 2 }, new float[] { 3f, 0f, 0f, 1f });
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network("network r { input [2]  h: dense 2 relu  out: dense 2 linear }"), w);
		ArrayDataset sample = new ArrayDataset("x", new int[] { 2 }, 2, new float[] { 0.25f, 1f }, new int[] { 0 });
		SimulationConfig li = SimulationConfig.constant(10).withLayerNeurons(Map.of("out", neuron("LI", Map.of("tau_m", 1.0))));
		SimulationResult max = Simulator.run(net, sample, li.withReadout(Readout.MEMBRANE_MAX), Progress.NONE);
		assertEquals(0, max.predicted(0));
		assertArrayEquals(new double[] { 0, 0, 0, 1, 1, 1, 1, 1, 1, 1 }, max.accuracyPerStep());
		SimulationResult last = Simulator.run(net, sample, li.withReadout(Readout.MEMBRANE_LAST), Progress.NONE);
		assertEquals(1, last.predicted(0));
		assertArrayEquals(new double[] { 0, 0, 0, 1, 0, 0, 0, 1, 0, 0 }, last.accuracyPerStep());
		assertEquals(0, last.outputSpikes(0, 0) + last.outputSpikes(0, 1), "LI neurons never fire");
		assertTrue(max.toJson().contains("\"readout\": \"membrane_max\""), max.toJson());
		assertTrue(!Simulator.run(net, sample, SimulationConfig.constant(10), Progress.NONE).toJson().contains("readout"),
				"the default readout is not named, so results of runs without one read as before");
	}

	@Test
	void neuronsThatNeverFireCannotBeReadByALayerNorCountedAsSpikes() throws LoweringException {
		WeightStore w = new WeightStore();
		w.put("h.weight", new int[] { 2, 2 }, new float[] { 1f, 0f, 0f, 1f });
		w.put("out.weight", new int[] { 2, 2 }, new float[] { 3f, 0f, 0f, 1f });
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network("network r { input [2]  h: dense 2 relu  out: dense 2 linear }"), w);
		ArrayDataset sample = new ArrayDataset("x", new int[] { 2 }, 2, new float[] { 0.25f, 1f }, new int[] { 0 });
		SimulationConfig config = SimulationConfig.constant(10);
		var hidden = assertThrows(IllegalArgumentException.class, () -> Simulator.run(net, sample,
				config.withLayerNeurons(Map.of("h", neuron("LI", Map.of()))).withReadout(Readout.MEMBRANE_LAST), Progress.NONE));
		assertTrue(hidden.getMessage().contains("'h' has LI neurons, which never spike: layer 'out' cannot read it"), hidden.getMessage());
		var counted = assertThrows(IllegalArgumentException.class,
				() -> Simulator.run(net, sample, config.withLayerNeurons(Map.of("out", neuron("LI", Map.of()))), Progress.NONE));
		assertTrue(counted.getMessage().contains("read it out by its membrane"), counted.getMessage());
	}

	@Test
	void aSpikingOutputCanBeReadByItsMembraneToo() throws LoweringException {
		// out as IF (one spike per step at most): out0 gets 3 at t3 → 3, spike → 2; at t7 → 5, spike → 4 (twice in all);
		// out1 gets 1 every step → spike → 0 (ten times). At t9 the membranes are 4 and 0: class 0 by membrane, 1 by spikes
		WeightStore w = new WeightStore();
		w.put("h.weight", new int[] { 2, 2 }, new float[] { 1f, 0f, 0f, 1f });
		w.put("out.weight", new int[] { 2, 2 }, new float[] { 3f, 0f, 0f, 1f });
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network("network r { input [2]  h: dense 2 relu  out: dense 2 linear }"), w);
		ArrayDataset sample = new ArrayDataset("x", new int[] { 2 }, 2, new float[] { 0.25f, 1f }, new int[] { 0 });
		SimulationResult spikes = Simulator.run(net, sample, SimulationConfig.constant(10), Progress.NONE);
		assertEquals(1, spikes.predicted(0), "out1 fired 10 times, out0 twice");
		SimulationResult last = Simulator.run(net, sample, SimulationConfig.constant(10).withReadout(Readout.MEMBRANE_LAST), Progress.NONE);
		assertEquals(0, last.predicted(0));
	}
}
