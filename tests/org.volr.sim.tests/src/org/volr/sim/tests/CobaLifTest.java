package org.volr.sim.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.volr.core.data.ArrayDataset;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Experiment;
import org.volr.model.VolrFile;
import org.volr.net.neuron.CobaPopulation;
import org.volr.net.neuron.Discretisation;
import org.volr.sim.NeuronSpec;
import org.volr.sim.SimulationConfig;
import org.volr.sim.SimulationResult;
import org.volr.sim.Simulator;
import org.volr.sim.SpikingNetwork;

/**
 * CobaLIF neurons (SEMANTICS.md, "Conductance-based synapses"): traces worked out by hand from the step, the
 * charge a spike brings far from the reversal potential, shunting inhibition, and the parameter checks.
 */
class CobaLifTest {
	static NeuronSpec coba(String params) {
		VolrFile f = VolrLanguage.create().parse("network n = dense 1 1\nexperiment e { network n\n neuron CobaLIF { " + params + " } }");
		Experiment e = (Experiment) f.getElements().get(1);
		return NeuronSpec.from(e.getNeuron(), null, 1.0);
	}

	/** v after each step, for one spike of weight {@code w} at step 0 on a neuron starting at {@code v0}. */
	static float[] trace(NeuronSpec n, float w, float v0, int steps) {
		Discretisation.Conductance g = n.conductance();
		CobaPopulation p = (CobaPopulation) n.population(1);
		p.potential()[0] = v0;
		p.arrivals()[0] = w > 0 ? w * g.excitatoryPerWeight() : 0f; // both consumed by step 0
		p.inhibitoryArrivals()[0] = w < 0 ? -w * g.inhibitoryPerWeight() : 0f;
		float[] zero = { 0f };
		int[] out = new int[1];
		float[] at = new float[steps];
		for (int t = 0; t < steps; t++) {
			p.step(zero, true, n.firing(n.reset()), out);
			at[t] = p.potential()[0];
		}
		return at;
	}

	@Test
	void aSpikeOpensAConductanceWhoseCurrentDependsOnThePotential() {
		// τm 10, τs 2, E_e 4, P22 = e^(−0.1) = 0.904837: g0 = (1 − e^(−1/2))/4 = 0.098367;
		// v1 = P22·g0·4/(1 + P22·g0) = 0.356026/1.089006 = 0.326927;
		// v2 = (P22·v1 + P22·g1·4)/(1 + P22·g1), g1 = g0·e^(−0.5) = 0.059662: (0.295817 + 0.215939)/1.053984 = 0.485544
		float[] v = trace(coba("tau_m 10 ms, tau_syn_E 2 ms, tau_syn_I 2 ms, e_rev_E 4, v_thresh 3"), 1f, 0f, 5);
		double[] byHand = { 0.326927, 0.485544, 0.552231, 0.567842, 0.555299 };
		for (int n = 0; n < byHand.length; n++)
			assertEquals(byHand[n], v[n], 2e-6, "step " + (n + 1));
	}

	@Test
	void farFromTheReversalPotentialASpikeBringsItsWeightAsCharge() {
		// E_e a million thresholds away, g tiny: v ← (v + g·E)/(1 + g) ≈ v + g·E, so v(n) = Σ (1 − P11)·P11^k = 1 − e^(−n/τs)
		float[] v = trace(coba("tau_m 1000000000 ms, tau_syn_E 2 ms, tau_syn_I 2 ms, e_rev_E 1000000, v_thresh 100"), 1f, 0f, 30);
		for (int n = 1; n <= 30; n++)
			assertEquals(1 - Math.exp(-n / 2.0), v[n - 1], 1e-5, "step " + n);
	}

	@Test
	void inhibitionShuntsTowardsItsReversalPotential() {
		NeuronSpec n = coba("tau_m 1000000000 ms, tau_syn_E 2 ms, tau_syn_I 2 ms, e_rev_I -1, v_thresh 1");
		// from rest, without leak, v + 1 shrinks by 1/(1 + g_k) each step: v(∞) = −1 + Π 1/(1 + g0·P11^k) = −0.592744;
		// a current synapse would have brought the full −1
		float[] atRest = trace(n, -1f, 0f, 40);
		assertEquals(-0.592744, atRest[39], 1e-5, "towards E_i, less the nearer it gets");
		for (float x : atRest)
			assertTrue(x > -1f, "v never passes the inhibitory reversal potential, got " + x);
		// ... and pulls harder the further v is above E_i: v − (v + 1)·g/(1 + g), from 0.5 1.5 times as much as from 0
		float[] high = trace(n, -1f, 0.5f, 1);
		float g0 = n.conductance().inhibitoryPerWeight();
		assertEquals(0.5 - 1.5 * g0 / (1 + g0), high[0], 1e-6);
		assertEquals(-g0 / (1 + g0), atRest[0], 1e-6);
	}

	@Test
	void refractoryStepsHoldThePotentialWhileTheConductancesDecay() {
		NeuronSpec n = coba("tau_m 1000000000 ms, tau_syn_E 1 ms, tau_syn_I 1 ms, e_rev_E 4, v_thresh 0.5, tau_refrac 2 ms");
		CobaPopulation p = (CobaPopulation) n.population(1);
		p.arrivals()[0] = 1f;
		float[] zero = { 0f };
		int[] out = new int[1];
		// step 0: v = (0 + 1·4)/(1 + 1) = 2 ≥ 0.5 → spike, reset by subtraction to 1.5, two refractory steps
		assertEquals(1, p.step(zero, true, n.firing(n.reset()), out));
		assertEquals(1.5f, p.potential()[0], 1e-6);
		assertEquals((float) Math.exp(-1), p.excitatory()[0], 1e-6, "the conductance decayed once");
		for (int t = 1; t <= 2; t++) {
			assertEquals(0, p.step(zero, true, n.firing(n.reset()), out));
			assertEquals(1.5f, p.potential()[0], 0f, "held during refractory step " + t);
		}
		assertEquals((float) Math.exp(-3), p.excitatory()[0], 1e-7, "decayed through the refractory steps");
	}

	@Test
	void reversalPotentialsAndTimeConstantsAreChecked() {
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> coba("e_rev_E 0.5"));
		assertTrue(e.getMessage().contains("e_rev_E"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> coba("e_rev_I 0.1"));
		assertTrue(e.getMessage().contains("e_rev_I"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> coba("tau_syn_E 2 ms, tau_syn_I 3 ms"));
		assertTrue(e.getMessage().startsWith("CobaLIF"), e.getMessage());
		NeuronSpec n = coba("");
		assertTrue(n.isConductanceBased() && !n.hasSynapticCurrent());
		assertEquals(4f, n.conductance().excitatoryReversal());
		assertEquals(-1f, n.conductance().inhibitoryReversal());
	}

	/**
	 * A layer without negative weights (as average pooling) has no inhibitory synapses, yet its spikes still arrive as
	 * conductance: the same as with inhibitory synapses from a neuron that never fires.
	 */
	@Test
	void aLayerWithoutInhibitorySynapsesStillTakesItsInputAsConductance() throws Exception {
		var net = SimulatorTest.network("network n { input [3]  h: dense 5 relu  o: dense 2 }");
		Random r = new Random(3);
		float[] h = SimulatorTest.uniform(r, 15, 0.2f, 0.6f), o = SimulatorTest.uniform(r, 10, 1f, 2f);
		for (int i = 0; i < 3; i++)
			h[i * 5 + 4] = -1f; // hidden neuron 4 never fires
		WeightStore excitatoryOnly = new WeightStore(), both = new WeightStore();
		excitatoryOnly.put("h.weight", new int[] { 3, 5 }, h);
		both.put("h.weight", new int[] { 3, 5 }, h);
		o[8] = o[9] = 0f;
		excitatoryOnly.put("o.weight", new int[] { 5, 2 }, o.clone());
		o[8] = o[9] = -1f;
		both.put("o.weight", new int[] { 5, 2 }, o);
		ArrayDataset data = new ArrayDataset("x", new int[] { 3 }, 2, SimulatorTest.uniform(new Random(1), 6, 0.5f, 1f), new int[2]);
		SimulationConfig config = SimulationConfig.constant(200).withNeuron(coba(""));
		SimulationResult a = Simulator.run(SpikingNetwork.lower(net, excitatoryOnly), data, config, Progress.NONE);
		SimulationResult b = Simulator.run(SpikingNetwork.lower(net, both), data, config, Progress.NONE);
		assertTrue(a.spikesPerLayer()[1] > 0, "the output must spike to mean anything");
		assertArrayEquals(b.spikesPerLayer(), a.spikesPerLayer());
		for (int s = 0; s < 2; s++)
			for (int k = 0; k < 2; k++)
				assertEquals(b.outputSpikes(s, k), a.outputSpikes(s, k));
	}
}
