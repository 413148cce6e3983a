package org.volr.sim.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.volr.model.DiscretisationKind;
import org.volr.model.ResetMode;
import org.volr.net.neuron.NeuronModels;
import org.volr.net.neuron.Population;
import org.volr.sim.NeuronSpec;

/**
 * The two discretisations of SEMANTICS.md ("Discretisation") against values worked out by hand, dt = 1 ms: the exact
 * propagators exp(−dt/τ) and forward Euler's 1 − dt/τ (snnTorch's and Norse's β and α).
 */
class DiscretisationTest {
	private static NeuronSpec spec(String model, Map<String, Double> written, DiscretisationKind scheme) {
		return NeuronSpec.of(NeuronModels.of(model), written, ResetMode.SUBTRACT, 1.0, scheme);
	}

	/** The potential of one neuron after each step, given the arrivals of each step and a constant drive. */
	private static float[] trace(NeuronSpec n, float[] arrivals, float drive) {
		Population p = n.population(1);
		float[] v = new float[arrivals.length];
		for (int t = 0; t < arrivals.length; t++) {
			p.arrivals()[0] = arrivals[t];
			p.step(new float[] { drive }, true, n.firing(n.reset()), new int[1]);
			v[t] = p.potential()[0];
		}
		return v;
	}

	@Test
	void lifAndLiLeakByExpOrByOneMinusDtOverTau() {
		Map<String, Double> lif = Map.of("tau_m", 4.0, "v_thresh", 10.0);
		// exact: leak e^(−1/4) = .778801; a drive of .5 per step: .5, .5·.778801 + .5 = .889400, .889400·.778801 + .5 = 1.192666
		assertArrayEquals(new float[] { 0.5f, 0.8894004f, 1.1926657f }, trace(spec("LIF", lif, DiscretisationKind.EXACT), new float[3], 0.5f),
				1e-6f);
		// Euler: β = 1 − 1/4 = .75: .5, .875, 1.15625
		assertArrayEquals(new float[] { 0.5f, 0.875f, 1.15625f }, trace(spec("LIF", lif, DiscretisationKind.EULER), new float[3], 0.5f), 1e-7f);
		assertEquals(0.75f, spec("LI", Map.of("tau_m", 4.0), DiscretisationKind.EULER).leak());
		assertEquals(1f, spec("IF", Map.of(), DiscretisationKind.EULER).leak(), "no leak: Euler is the exact update");
	}

	@Test
	void cubaLifTakesAlphaAndBetaAndDtOverTauSynOfTheChargePerStep() {
		Map<String, Double> cuba = Map.of("tau_m", 4.0, "tau_syn_E", 2.0, "tau_syn_I", 2.0, "v_thresh", 10.0);
		float[] spike = { 1f, 0f, 0f, 0f };
		// exact: P11 = e^(−1/2), P22 = e^(−1/4), gain 4/(4 − 2)·(P22 − P11) = .344540: .344540, .477302, .498473, .465088
		assertArrayEquals(new float[] { 0.3445402f, 0.4773024f, 0.4984728f, 0.4650883f },
				trace(spec("CubaLIF", cuba, DiscretisationKind.EXACT), spike, 0f), 1e-6f);
		// Euler: α = 1 − 1/2 = .5, β = .75, the membrane takes dt/τs = .5 of the charge q each step, q then decays by α:
		// t0 q 1: v .5, q .5 | t1 .375 + .25 = .625, q .25 | t2 .46875 + .125 = .59375 | t3 .4453125 + .0625 = .5078125
		assertArrayEquals(new float[] { 0.5f, 0.625f, 0.59375f, 0.5078125f }, trace(spec("CubaLIF", cuba, DiscretisationKind.EULER), spike, 0f),
				1e-7f);
	}

	@Test
	void eulerIsRefusedWhereItIsNoDecayOrTheModelHasNone() {
		var tooCoarse = assertThrows(IllegalArgumentException.class, () -> spec("LIF", Map.of("tau_m", 1.0), DiscretisationKind.EULER));
		assertTrue(tooCoarse.getMessage().contains("forward Euler needs dt below tau_m"), tooCoarse.getMessage());
		var synapse = assertThrows(IllegalArgumentException.class,
				() -> spec("CubaLIF", Map.of("tau_syn_E", 0.5, "tau_syn_I", 0.5), DiscretisationKind.EULER));
		assertTrue(synapse.getMessage().contains("dt below tau_syn_E"), synapse.getMessage());
		var none = assertThrows(IllegalArgumentException.class, () -> spec("CobaLIF", Map.of(), DiscretisationKind.EULER));
		assertEquals("CobaLIF neurons have no forward-Euler discretisation; use discretisation exact", none.getMessage());
	}
}
