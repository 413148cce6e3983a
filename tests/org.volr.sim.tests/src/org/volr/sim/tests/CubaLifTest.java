package org.volr.sim.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Experiment;
import org.volr.model.VolrFile;
import org.volr.net.neuron.Population;
import org.volr.sim.NeuronSpec;

/**
 * CubaLIF neurons (SEMANTICS.md, "Current-based synapses") against the closed-form solution of
 * τs·di/dt = −i, τm·dv/dt = −v + τm·i sampled at whole steps: the step update is exact, so they agree to float
 * precision at every step, not only in the limit of small dt.
 */
class CubaLifTest {
	static NeuronSpec cuba(String params) {
		VolrFile f = VolrLanguage.create().parse("network n = dense 1 1\nexperiment e { network n\n neuron CubaLIF { " + params + " } }");
		Experiment e = (Experiment) f.getElements().get(1);
		return NeuronSpec.from(e.getNeuron(), null, 1.0);
	}

	/** v after each of {@code steps} steps, for a unit spike at step 0 and a constant drive c per step. */
	static float[] trace(NeuronSpec n, float spike, float c, int steps) {
		Population p = n.population(1);
		p.arrivals()[0] = spike; // consumed by step 0
		float[] drive = { c };
		int[] out = new int[1];
		float[] at = new float[steps];
		for (int t = 0; t < steps; t++) {
			p.step(drive, true, n.firing(n.reset()), out);
			at[t] = p.potential()[0];
		}
		return at;
	}

	@Test
	void aSpikeReachesTheMembraneAsTheExactDoubleExponential() {
		double tauM = 10, tauS = 2;
		float[] v = trace(cuba("tau_m 10 ms, tau_syn_E 2 ms, tau_syn_I 2 ms, v_thresh 100"), 1f, 0f, 40);
		for (int n = 1; n <= 40; n++) {
			double exact = tauM / (tauM - tauS) * (Math.exp(-n / tauM) - Math.exp(-n / tauS));
			assertEquals(exact, v[n - 1], 2e-6, "step " + n);
		}
	}

	@Test
	void withoutLeakEveryBitOfTheChargeArrives() {
		// tau_m far beyond the run: v(n) = 1 − e^(−n/τs) for a unit spike
		float[] v = trace(cuba("tau_m 1000000000 ms, tau_syn_E 2 ms, tau_syn_I 2 ms, v_thresh 100"), 1f, 0f, 30);
		for (int n = 1; n <= 30; n++)
			assertEquals(1 - Math.exp(-n / 2.0), v[n - 1], 2e-6, "step " + n);
	}

	@Test
	void equalTimeConstantsUseTheLimitAndAConstantDriveIsAnOffsetCurrent() {
		float[] v = trace(cuba("tau_m 4 ms, tau_syn_E 4 ms, tau_syn_I 4 ms, v_thresh 100"), 1f, 0f, 20);
		for (int n = 1; n <= 20; n++)
			assertEquals(n / 4.0 * Math.exp(-n / 4.0), v[n - 1], 2e-6, "τm = τs, step " + n);
		float[] d = trace(cuba("tau_m 10 ms, tau_syn_E 2 ms, tau_syn_I 2 ms, v_thresh 100"), 0f, 0.1f, 30);
		for (int n = 1; n <= 30; n++)
			assertEquals(0.1 * 10 * (1 - Math.exp(-n / 10.0)), d[n - 1], 2e-6, "constant drive, step " + n);
	}

	@Test
	void thresholdResetAndRefractoryApplyAsForTheOtherNeurons() {
		NeuronSpec n = cuba("tau_m 1000000000 ms, tau_syn_E 1 ms, tau_syn_I 1 ms, v_thresh 1, tau_refrac 1 ms");
		Population p = n.population(1);
		float[] drive = { 0.4f };
		int[] out = new int[1];
		StringBuilder spikes = new StringBuilder();
		for (int t = 0; t < 10; t++)
			if (p.step(drive, false, n.firing(n.reset()), out) == 1)
				spikes.append(t).append(' ');
		// .4 .8 1.2→spike (subtract: .2), refractory step, .6 1.0→spike (0), refractory, .4 .8 1.2→spike
		assertEquals("2 5 9 ", spikes.toString());
		assertThrows(IllegalArgumentException.class, () -> cuba("tau_syn_E 2 ms, tau_syn_I 3 ms"));
	}
}
