package org.volr.gen.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.volr.core.weights.WeightStore;
import org.volr.gen.GenerationInput;
import org.volr.gen.TargetRegistry;
import org.volr.model.DiscretisationKind;
import org.volr.model.ResetMode;
import org.volr.pipeline.GenerationSettings;
import org.volr.sim.SimulationConfig;

/**
 * What PyNN's standard cells cannot express of a layer's own neuron is refused by name, not written as a network that
 * fires differently: a lower clamp (v_min), parameters per neuron of conductance-based cells and of parameters that
 * decide how a layer fires, CubaLIF under forward Euler, and on NEURON a neuron that could fire in consecutive steps.
 */
class PynnRefusalTest {
	private static List<String> problems(String hidden, Map<String, float[]> perNeuron, String backend) {
		return problems(hidden, perNeuron, backend, CrossSimulatorTest.config(ResetMode.ZERO, 2, 1));
	}

	private static List<String> problems(String hidden, Map<String, float[]> perNeuron, String backend, SimulationConfig config) {
		WeightStore w = new WeightStore();
		w.put("h.weight", new int[] { 4, 3 }, new float[12]);
		w.put("o.weight", new int[] { 3, 2 }, new float[6]);
		perNeuron.forEach((k, v) -> w.put(k, new int[] { v.length }, v));
		GenerationInput input = new GenerationInput("c.volr", "test",
				CrossSimulatorTest.network("network c { input [4]  h: dense 3 relu " + hidden + "  o: dense 2 }"), w,
				GenerationSettings.of(config, 1.0), Map.of("backend", backend), null);
		return TargetRegistry.find("pynn").orElseThrow().validate(input);
	}

	@Test
	void aLayersOwnNeuronIsWrittenOrRefusedByName() {
		assertEquals(List.of(), problems("neuron LIF { tau_m 8 ms, v_reset -0.2, tau_refrac 1 ms }", Map.of("h.tau_m", new float[] { 5, 10, 20 }),
				"neuron"), "LIF with its own reset and tau_m per neuron");
		assertEquals(List.of("PyNN's cells have no lower clamp of the membrane (v_min); remove v_min for this target"),
				problems("neuron LIF { v_min -1, tau_refrac 1 ms }", Map.of(), "neuron"));
		List<String> coba = problems("neuron CobaLIF { tau_m 20 ms, tau_syn_E 2 ms, tau_syn_I 2 ms, e_rev_E 4, e_rev_I -1, tau_refrac 1 ms }",
				Map.of("h.tau_m", new float[] { 5, 10, 20 }), "neuron");
		assertEquals(1, coba.size(), coba.toString());
		assertTrue(coba.get(0).contains("layer 'h' has CobaLIF neurons with parameters per neuron, which PyNN is not written with"), coba.get(0));
		List<String> threshold = problems("neuron LIF { tau_refrac 1 ms }", Map.of("h.v_thresh", new float[] { 1, 2, 1 }), "neuron");
		assertEquals(List.of("'h.v_thresh': v_thresh cannot differ from neuron to neuron (it decides how the layer fires); write it in the"
				+ " layer's neuron clause instead"), threshold);
		List<String> consecutive = problems("neuron LIF { tau_m 8 ms }", Map.of(), "neuron");
		assertEquals(1, consecutive.size(), consecutive.toString());
		assertTrue(consecutive.get(0).contains("neuron LIF { tau_refrac 1.0 ms }"), consecutive.get(0));
		assertEquals(List.of(), problems("neuron LIF { tau_m 8 ms }", Map.of(), "brian2"), "Brian2 fires in consecutive steps");
		List<String> euler = problems("neuron CubaLIF { tau_m 20 ms, tau_syn_E 2 ms, tau_syn_I 2 ms, tau_refrac 1 ms }", Map.of(), "neuron",
				CrossSimulatorTest.config(ResetMode.ZERO, 2, 1).withDiscretisation(DiscretisationKind.EULER));
		assertEquals(1, euler.size(), euler.toString());
		assertTrue(euler.get(0).startsWith("CubaLIF neurons under forward Euler (simulate { discretisation euler }) are simulated by Volr only"),
				euler.get(0));
	}
}
