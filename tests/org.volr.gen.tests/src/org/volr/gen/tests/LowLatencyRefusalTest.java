package org.volr.gen.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.volr.core.weights.WeightStore;
import org.volr.gen.GenerationInput;
import org.volr.gen.TargetRegistry;
import org.volr.model.InitialPotential;
import org.volr.model.Network;
import org.volr.model.Readout;
import org.volr.model.ResetMode;
import org.volr.pipeline.GenerationSettings;
import org.volr.sim.SimulationConfig;

/**
 * The options for few steps that only Volr simulates are refused by name, not dropped from a script that would then
 * classify differently: membranes starting at θ/2 (NIR: it has no initial state; the PyNN and Brian2 scripts start
 * them there), and the integrated readout (the scripts count output spikes; NIR has no readout and writes the network).
 */
class LowLatencyRefusalTest {
	private static final Network CHAIN = CrossSimulatorTest.network("network c { input [4]  h: dense 4 relu  o: dense 2 }");

	private static List<String> problems(String target, SimulationConfig config) {
		WeightStore w = new WeightStore();
		w.put("h.weight", new int[] { 4, 4 }, new float[16]);
		w.put("o.weight", new int[] { 4, 2 }, new float[8]);
		GenerationInput input = new GenerationInput("c.volr", "test", CHAIN, w, GenerationSettings.of(config, 1.0), Map.of(), null);
		return TargetRegistry.find(target).orElseThrow().validate(input);
	}

	@Test
	void membranesStartingAtHalfTheThresholdAreRefusedByNirOnly() {
		SimulationConfig half = CrossSimulatorTest.config(ResetMode.ZERO, 2, 1).withInitialPotential(InitialPotential.HALF);
		List<String> p = problems("nir", half);
		assertEquals(1, p.size(), "nir: " + p);
		assertTrue(p.get(0).contains("the initial membrane potential of half the threshold (convert { init half }) is simulated by Volr only"),
				p.get(0));
		// the scripts start each population's membranes at θ/2 (InitHalfScriptTest runs them)
		for (String target : List.of("pynn", "brian2"))
			assertEquals(List.of(), problems(target, half), target);
	}

	@Test
	void theIntegratedReadoutIsRefusedByTheScriptsThatCountSpikes() {
		SimulationConfig integrated = CrossSimulatorTest.config(ResetMode.ZERO, 2).withReadout(Readout.INTEGRATED);
		for (String target : List.of("pynn", "brian2")) {
			List<String> p = problems(target, integrated);
			assertEquals(1, p.size(), target + ": " + p);
			assertTrue(p.get(0).contains("the readout integrated (simulate { readout integrated }) is simulated by Volr only"), p.get(0));
		}
		assertEquals(List.of(), problems("nir", integrated), "NIR has no readout: the network is written as it is");
	}
}
