package org.volr.net.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.volr.model.ResetMode;
import org.volr.net.ResolveException;
import org.volr.net.ResolvedNetwork;
import org.volr.net.neuron.Discretisation;
import org.volr.net.neuron.Firing;
import org.volr.net.neuron.NeuronModel;
import org.volr.net.neuron.NeuronModels;
import org.volr.net.neuron.NirNode;
import org.volr.net.neuron.PynnCell;
import org.volr.net.neuron.Population;
import org.volr.net.neuron.TargetMapping;

/**
 * A neuron per layer ({@code out: dense 3 neuron LI { ... }}) in the resolved network, and the leaky integrator LI
 * against its update worked out by hand: v ← v_rest + (v − v_rest)·exp(−dt/τ_m) + input, never a spike.
 */
class LayerNeuronTest {
	@Test
	void aLayersOwnNeuronIsCarriedWithItsValuesAsWrittenInBaseUnits() throws ResolveException {
		ResolvedNetwork n = NetworkResolverTest.resolve("network a { input [4]  h: dense 5 relu neuron LIF { tau_m 0.01 s, v_thresh 2 }"
				+ "  dense 4  out: dense 3 linear neuron LI { tau_m 10 ms } }");
		assertEquals("LIF", n.layer(0).neuron().model().name());
		assertEquals(Map.of("tau_m", 10.0, "v_thresh", 2.0), n.layer(0).neuron().written());
		assertNull(n.layer(1).neuron(), "a layer without a neuron clause takes the experiment's");
		assertEquals("LI", n.layer(2).neuron().model().name());
		assertEquals(Map.of("tau_m", 10.0, "v_rest", 0.0, "v_min", Double.NEGATIVE_INFINITY), n.layer(2).neuron().values(),
				"the defaults fill in what is not written");
	}

	@Test
	void anUnknownModelIsAClearResolveError() {
		var e = org.junit.jupiter.api.Assertions.assertThrows(ResolveException.class,
				() -> NetworkResolverTest.resolve("network a { input [4]  out: dense 3 neuron Izhikevich }"));
		assertTrue(e.getMessage().contains("unknown neuron model 'Izhikevich'") && e.getMessage().contains("LI"), e.getMessage());
	}

	private static final NeuronModel LI = NeuronModels.of("LI");

	@Test
	void theLeakyIntegratorLeaksTowardsRestAndNeverFires() {
		Map<String, Double> values = NeuronModels.values(LI, Map.of("tau_m", 10.0, "v_rest", 0.5));
		Discretisation d = LI.discretise(values, 1.0);
		Population p = LI.population(d, 2);
		Firing firing = Firing.of(d, ResetMode.SUBTRACT);
		int[] spikes = new int[2];
		float[] none = new float[2];
		// exp(−1/10) = 0.904837418; neuron 0 gets a spike of weight 1 at step 0, neuron 1 one of 1e6
		p.arrivals()[0] = 1f;
		p.arrivals()[1] = 1e6f;
		assertEquals(0, p.step(none, true, firing, spikes));
		assertEquals(1.04758129, p.potential()[0], 1e-6); // 0.5 + (0 − 0.5)·0.904837 + 1
		assertEquals(0, p.step(none, true, firing, spikes));
		assertEquals(0.99547204, p.potential()[0], 1e-6); // 0.5 + 0.547581·0.904837
		assertEquals(0, p.step(new float[] { 0.25f, 0f }, false, firing, spikes), "a constant drive enters as a jump each step");
		assertEquals(1.19832164, p.potential()[0], 1e-6); // 0.5 + 0.495472·0.904837 + 0.25
		assertTrue(p.potential()[1] > 1e5f, "far above any threshold, still no spike");
		assertFalse(LI.spikes());
	}

	@Test
	void itIsNirsLiNodeWrittenAsVolrsLifIs() {
		Map<String, Double> values = NeuronModels.values(LI, Map.of("tau_m", 10.0, "v_rest", 0.5));
		Discretisation d = LI.discretise(values, 1.0);
		NirNode node = ((TargetMapping.Mapped<NirNode>) LI.nir(values, d, 1.0)).value();
		assertEquals(new NirNode("LI", 0f, 1f, 0.01f, 0.5f, 0f, 0f), node);
		NeuronModel lif = NeuronModels.of("LIF");
		Map<String, Double> lifValues = NeuronModels.values(lif, Map.of("tau_m", 10.0, "v_rest", 0.5));
		NirNode lifNode = ((TargetMapping.Mapped<NirNode>) lif.nir(lifValues, lif.discretise(lifValues, 1.0), 1.0)).value();
		assertEquals(lifNode.r(), node.r());
		assertEquals(lifNode.tau(), node.tau());
		// PyNN has no cell that integrates without firing: LIF's IF_curr_exp whose threshold no membrane reaches
		PynnCell cell = ((TargetMapping.Mapped<PynnCell>) LI.pynn(values, d, 1.0)).value();
		PynnCell lifCell = ((TargetMapping.Mapped<PynnCell>) lif.pynn(lifValues, lif.discretise(lifValues, 1.0), 1.0)).value();
		assertEquals("IF_curr_exp", cell.cellType());
		assertEquals(Double.POSITIVE_INFINITY, cell.vThresh());
		assertEquals(lifCell.tauM(), cell.tauM());
		assertEquals(0.5, cell.vRest());
		assertEquals(null, cell.tauSyn(), "input as a jump, as LIF's");
	}
}
