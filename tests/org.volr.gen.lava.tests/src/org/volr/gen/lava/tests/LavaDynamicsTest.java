package org.volr.gen.lava.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.volr.core.weights.WeightStore;
import org.volr.gen.GenerationInput;
import org.volr.net.neuron.NeuronModels;
import org.volr.model.ResetMode;
import org.volr.sim.NeuronDynamics;
import org.volr.sim.NeuronSpec;
import org.volr.sim.plan.LayerPlan;

import io.jhdf.HdfFile;

/**
 * The numbers in a generated file, run the way lava's bit-accurate LIF process runs them (integer current and
 * voltage, decays as 12-bit fractions with truncation, synaptic input, bias and threshold shifted by 6 bits, a
 * spike when the voltage exceeds the threshold, reset to zero), spike for spike against Volr's own neuron update
 * on the same input spikes. Weights and bias lie on a grid the quantisation reproduces exactly, so every
 * difference would come from the mapping of threshold, bias, decays and reset.
 */
class LavaDynamicsTest {
	static final String ONE = """
			network one {
			    input [4]
			    d1: dense 3
			}
			""";

	@Test
	void loihisIntegerNeuronSpikesExactlyWhenVolrsDoes() throws Exception {
		Random r = new Random(4);
		float[] w = new float[4 * 3]; // [in, out]
		for (int i = 0; i < w.length; i++)
			w[i] = (r.nextInt(161) - 60) / 128f;
		w[0] = 127 / 128f; // the largest weight: scale 128 makes every weight an integer
		w[1 * 3 + 1] = 64 / 128f; // inputs 1 and 2 together land exactly on neuron 1's threshold
		w[2 * 3 + 1] = 64 / 128f;
		float[] bias = { 0, 3 / 128f, -2 / 128f };
		WeightStore store = new WeightStore();
		store.put("d1.weight", new int[] { 4, 3 }, w);
		store.put("d1.bias", new int[] { 3 }, bias);
		NeuronSpec spec = new NeuronSpec(NeuronModels.IF, 1f, ResetMode.ZERO, 0f, 0, Float.NEGATIVE_INFINITY, 1f, 0f);
		GenerationInput input = Netx.input(Netx.network(ONE), store, spec, Map.of());
		Path file = Netx.generate(input, "one").files().get(0);
		LayerPlan plan = Netx.lowered(input).layers().get(0);

		float[] q, qb;
		long vth, iDecay, vDecay;
		try (HdfFile f = new HdfFile(file)) {
			q = Netx.flat(f, "layer/0/weight"); // [out, in]
			qb = Netx.flat(f, "layer/0/bias");
			vth = Netx.scalar(f, "layer/0/neuron/vThMant");
			iDecay = Netx.scalar(f, "layer/0/neuron/iDecay");
			vDecay = Netx.scalar(f, "layer/0/neuron/vDecay");
		}
		Random spikesIn = new Random(8);
		float[] v = new float[3], drive = new float[3];
		int[] fired = new int[3];
		long[] u = new long[3], lv = new long[3];
		int volrSpikes = 0, ties = 0;
		for (int t = 0; t < 300; t++) {
			boolean[] in = new boolean[4];
			for (int i = 0; i < 4; i++)
				in[i] = spikesIn.nextDouble() < 0.4;
			System.arraycopy(plan.bias(), 0, drive, 0, 3);
			for (int i = 0; i < 4; i++)
				if (in[i])
					plan.deliver(i, drive);
			for (int j = 0; j < 3; j++)
				ties += v[j] + drive[j] == spec.threshold() ? 1 : 0;
			boolean[] volr = new boolean[3];
			int count = NeuronDynamics.step(spec, v, drive, true, null, fired);
			for (int k = 0; k < count; k++)
				volr[fired[k]] = true;
			volrSpikes += count;
			for (int j = 0; j < 3; j++) {
				long a = 0;
				for (int i = 0; i < 4; i++)
					if (in[i])
						a += (long) q[j * 4 + i];
				u[j] = decay(u[j], iDecay - 1 + 1) + (a << 6); // netx: du = iDecay − 1; lava adds ds_offset 1
				lv[j] = decay(lv[j], vDecay) + u[j] + ((long) qb[j] << 6); // netx: dv = vDecay, bias exponent 6
				boolean lava = lv[j] > vth << 6;
				if (lava)
					lv[j] = 0;
				assertEquals(volr[j], lava, "step " + t + ", neuron " + j);
			}
		}
		assertTrue(volrSpikes > 50, "the layer is active: " + volrSpikes + " spikes");
		assertTrue(ties > 0, "some potentials land exactly on the threshold, where > and >= differ");
	}

	/** Loihi's decay: the magnitude times (4096 − d), shifted right by 12 bits, the sign kept. */
	static long decay(long x, long d) {
		return Long.signum(x) * ((Math.abs(x) * (4096 - d)) >> 12);
	}
}
