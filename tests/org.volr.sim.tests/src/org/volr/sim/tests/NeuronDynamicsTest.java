package org.volr.sim.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.volr.net.neuron.NeuronModels;
import org.volr.model.ResetMode;
import org.volr.net.neuron.Population;
import org.volr.sim.NeuronSpec;

/** Hand-computed traces of one neuron under constant drive (SEMANTICS.md, "Neuron update"). */
class NeuronDynamicsTest {

	private static NeuronSpec spec(ResetMode reset, int refractory, float vMin, float leak) {
		return new NeuronSpec(leak == 1f ? NeuronModels.IF : NeuronModels.of("LIF"), 1f, reset, 0f, refractory, vMin, leak, 0f);
	}

	/** Steps at which the neuron spikes during {@code steps} steps of constant drive. */
	private static List<Integer> spikeSteps(NeuronSpec n, float drive, int steps, float[] finalV) {
		Population p = n.population(1);
		float[] d = { drive };
		int[] out = new int[1];
		List<Integer> at = new ArrayList<>();
		for (int t = 0; t < steps; t++)
			if (p.step(d, false, n.firing(n.reset()), out) == 1)
				at.add(t);
		if (finalV != null)
			finalV[0] = p.potential()[0];
		return at;
	}

	/** The potential after each of {@code steps} steps of constant drive. */
	private static float[] trace(NeuronSpec n, float drive, int steps) {
		Population p = n.population(1);
		float[] d = { drive }, at = new float[steps];
		for (int t = 0; t < steps; t++) {
			p.step(d, false, n.firing(n.reset()), new int[1]);
			at[t] = p.potential()[0];
		}
		return at;
	}

	@Test
	void integrateAndFireWithResetBySubtraction() {
		// v: .25 .5 .75 1→0 .25 .5 .75 1→0 .25 .5
		float[] v = new float[1];
		assertEquals(List.of(3, 7), spikeSteps(spec(ResetMode.SUBTRACT, 0, Float.NEGATIVE_INFINITY, 1f), 0.25f, 10, v));
		assertEquals(0.5f, v[0], 1e-6);
	}

	@Test
	void resetToZeroLosesTheSurplus() {
		// v: .75 1.5→0 .75 1.5→0 ...; subtraction would keep .5 and fire 7 times in 10 steps
		assertEquals(List.of(1, 3, 5, 7, 9), spikeSteps(spec(ResetMode.ZERO, 0, Float.NEGATIVE_INFINITY, 1f), 0.75f, 10, null));
		assertEquals(7, spikeSteps(spec(ResetMode.SUBTRACT, 0, Float.NEGATIVE_INFINITY, 1f), 0.75f, 10, null).size());
	}

	@Test
	void moduloKeepsOnlyTheRemainder() {
		float[] v = new float[1];
		spikeSteps(spec(ResetMode.MODULO, 0, Float.NEGATIVE_INFINITY, 1f), 2.5f, 1, v);
		assertEquals(0.5f, v[0], 1e-6);
		spikeSteps(spec(ResetMode.SUBTRACT, 0, Float.NEGATIVE_INFINITY, 1f), 2.5f, 1, v);
		assertEquals(1.5f, v[0], 1e-6, "subtraction removes one threshold only");
	}

	@Test
	void refractoryStepsIgnoreInput() {
		// spike at 0, deaf at 1 and 2, then 1.0 reaches the threshold again at 3
		assertEquals(List.of(0, 3, 6, 9), spikeSteps(spec(ResetMode.SUBTRACT, 2, Float.NEGATIVE_INFINITY, 1f), 1f, 10, null));
	}

	@Test
	void leakyNeuronDecaysTowardsRest() {
		float alpha = (float) Math.exp(-1.0 / 20.0);
		NeuronSpec lif = spec(ResetMode.SUBTRACT, 0, Float.NEGATIVE_INFINITY, alpha);
		assertEquals(0.5f * alpha + 0.5f, trace(lif, 0.5f, 2)[1], 1e-6);
	}

	@Test
	void potentialIsClampedFromBelow() {
		NeuronSpec n = spec(ResetMode.SUBTRACT, 0, -1f, 1f);
		assertArrayEquals(new float[] { -0.5f, -1f, -1f }, trace(n, -0.5f, 3), 1e-6f);
	}

	@Test
	void neuronBlocksResolveToStepConstants() {
		org.volr.model.NeuronModel lif = org.volr.model.VolrFactory.eINSTANCE.createNeuronModel();
		lif.setKind("LIF");
		NeuronSpec spec = NeuronSpec.from(lif, null, 1.0);
		assertEquals((float) Math.exp(-1.0 / 20.0), spec.leak(), 1e-7, "default tau_m 20 ms at dt 1 ms");
		assertEquals(ResetMode.SUBTRACT, spec.reset());
		org.volr.model.NeuronModel cuba = org.volr.model.VolrFactory.eINSTANCE.createNeuronModel();
		cuba.setKind("CubaLIF");
		NeuronSpec c = NeuronSpec.from(cuba, null, 1.0); // defaults tau_m 20 ms, tau_syn 5 ms
		assertEquals((float) Math.exp(-1.0 / 5.0), c.synapseDecay(), 1e-7);
		assertEquals((float) (20.0 / 15.0 * (Math.exp(-1.0 / 20.0) - Math.exp(-1.0 / 5.0))), c.synapseGain(), 1e-7);
		assertEquals((float) (20.0 * (1 - Math.exp(-1.0 / 20.0))), c.currentGain(), 1e-6);
	}

	@Test
	void arrivedSpikesAreConsumedForTheNextStep() {
		NeuronSpec n = NeuronSpec.defaultIF();
		Population p = n.population(1);
		p.arrivals()[0] = 0.4f;
		p.step(new float[1], true, n.firing(n.reset()), new int[1]);
		assertEquals(0f, p.arrivals()[0]);
		assertEquals(0.4f, p.potential()[0], 1e-6);
	}
}
