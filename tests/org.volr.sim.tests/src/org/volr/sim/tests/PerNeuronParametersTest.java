package org.volr.sim.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.volr.core.data.ArrayDataset;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.model.ResetMode;
import org.volr.net.neuron.NeuronModels;
import org.volr.sim.LoweringException;
import org.volr.sim.NeuronGroups;
import org.volr.sim.NeuronSpec;
import org.volr.sim.SimulationConfig;
import org.volr.sim.SimulationResult;
import org.volr.sim.Simulator;
import org.volr.sim.SpikingNetwork;

/**
 * A layer whose neurons have parameters of their own (SEMANTICS.md, "Per-neuron parameters"): each neuron is stepped as
 * it would be in a layer of its own values, and the layer's spikes come in neuron order.
 */
class PerNeuronParametersTest {
	private static NeuronSpec lif(double tauM) {
		return NeuronSpec.of(NeuronModels.of("LIF"), Map.of("tau_m", tauM), ResetMode.SUBTRACT, 1.0);
	}

	@Test
	void eachNeuronStepsWithItsOwnTimeConstant() throws LoweringException {
		// three LIF neurons driven by .4 per step (weight .4, constant input 1); tau_m 2, 10, 2 ms
		// tau_m 2 ms (leak .606531): v → .4/(1 − .606531) = 1.0166, reaching 1 at t8: spikes at 8 and 17
		// tau_m 10 ms (leak .904837): .4, .7619, 1.0894 spike at t2 → .0894, ...: spikes at 2, 5, 8, 11, 14, 17
		WeightStore w = new WeightStore();
		w.put("a.weight", new int[] { 1, 3 }, new float[] { 0.4f, 0.4f, 0.4f });
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network("network p { input [1]  a: dense 3 relu }"), w);
		ArrayDataset one = new ArrayDataset("x", new int[] { 1 }, 3, new float[] { 1f }, new int[] { 0 });
		SimulationConfig config = SimulationConfig.constant(20).withRecording(1).withLayerNeurons(Map.of("a", lif(2)))
				.withNeuronGroups(Map.of("a", new NeuronGroups(new int[] { 0, 1, 0 }, List.of(lif(2), lif(10)))));
		SimulationResult r = Simulator.run(net, one, config, Progress.NONE);
		// (step, layer, neuron) triples in the order they happened: at t8 and t17 all three, in neuron order
		assertArrayEquals(new int[] { 2, 0, 1, 5, 0, 1, 8, 0, 0, 8, 0, 1, 8, 0, 2, 11, 0, 1, 14, 0, 1, 17, 0, 0, 17, 0, 1, 17, 0, 2 },
				r.spikeRaster());
		assertArrayEquals(new int[] { 2, 6, 2 }, r.neuronSpikes(0, 0));
	}

	@Test
	void groupsMustCoverTheLayerAndNotOpenConductances() throws LoweringException {
		WeightStore w = new WeightStore();
		w.put("a.weight", new int[] { 1, 3 }, new float[] { 0.4f, 0.4f, 0.4f });
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network("network p { input [1]  a: dense 3 relu }"), w);
		ArrayDataset one = new ArrayDataset("x", new int[] { 1 }, 3, new float[] { 1f }, new int[] { 0 });
		SimulationConfig two = SimulationConfig.constant(5).withNeuronGroups(Map.of("a", new NeuronGroups(new int[] { 0, 1 }, List.of(lif(2), lif(10)))));
		assertThrows(IllegalArgumentException.class, () -> Simulator.run(net, one, two, Progress.NONE));
		NeuronSpec coba = NeuronSpec.of(NeuronModels.of("CobaLIF"), Map.of(), ResetMode.SUBTRACT, 1.0);
		assertThrows(IllegalArgumentException.class, () -> new NeuronGroups(new int[] { 0 }, List.of(coba)));
	}
}
