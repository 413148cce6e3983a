package org.volr.gen.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.volr.core.weights.WeightStore;
import org.volr.gen.GenerationInput;
import org.volr.gen.TargetRegistry;
import org.volr.model.Network;
import org.volr.model.ResetMode;
import org.volr.sim.InisimOptions;
import org.volr.sim.SimulationConfig;
import org.volr.pipeline.GenerationSettings;

/**
 * The SNN Toolbox's options that only Volr simulates (adaptive threshold, clamps, bias relaxation, payloads, membrane clipping)
 * are refused by every generator, one message per option naming it, rather than silently dropped from the script.
 */
class InisimRefusalTest {
	private static final Network CHAIN = CrossSimulatorTest.network("network c { input [4]  h: dense 4 relu  o: dense 2 }");

	private static WeightStore weights() {
		WeightStore w = new WeightStore();
		w.put("h.weight", new int[] { 4, 4 }, new float[16]);
		w.put("o.weight", new int[] { 4, 2 }, new float[8]);
		return w;
	}

	private static List<String> problems(String target, SimulationConfig config) {
		GenerationInput input = new GenerationInput("c.volr", "test", CHAIN, weights(), GenerationSettings.of(config, 1.0), Map.of(), null);
		return TargetRegistry.find(target).orElseThrow().validate(input);
	}

	@Test
	void everyGeneratorRefusesEachOptionByName() {
		SimulationConfig plain = CrossSimulatorTest.config(ResetMode.ZERO, 2);
		SimulationConfig all = plain.withInisim(InisimOptions.NONE.withBiasRelaxation(true).withPayloads(true).withClip(-3f, 3f)
				.withClip("o", -1f, 2f).withClamp("h", 10));
		for (String target : List.of("pynn", "brian2", "nir")) {
			assertEquals(List.of(), problems(target, plain), target + " takes the chain without the options");
			List<String> p = problems(target, all);
			assertEquals(5, p.size(), target + ": " + p);
			assertTrue(p.get(0).contains("bias relaxation (simulate { bias_relaxation })"), p.get(0));
			assertTrue(p.get(1).contains("spikes with payloads (simulate { payloads })"), p.get(1));
			assertTrue(p.get(2).contains("membrane clipping (simulate { clip [-3.0, 3.0] })"), p.get(2));
			assertTrue(p.get(3).contains("membrane clipping of layer 'o'"), p.get(3));
			assertTrue(p.get(4).contains("clamping layer 'h' (simulate { clamp h 10 })"), p.get(4));
			assertTrue(p.stream().allMatch(m -> m.contains("simulated by Volr only")), p.toString());
		}
	}

	/** The adaptive threshold and per-depth clamping too: NIR once exported them silently as plain neurons. */
	@Test
	void adaptiveThresholdAndClampAreRefusedByEveryGenerator() {
		SimulationConfig both = CrossSimulatorTest.config(ResetMode.ZERO, 2).withAdaptiveThreshold(true).withClamp(4);
		for (String target : List.of("pynn", "brian2", "nir")) {
			List<String> p = problems(target, both);
			assertEquals(2, p.size(), target + ": " + p);
			assertTrue(p.get(0).contains("the adaptive threshold (simulate { adaptive_threshold })"), p.get(0));
			assertTrue(p.get(1).contains("layer clamping (simulate { clamp 4 })"), p.get(1));
		}
	}
}
