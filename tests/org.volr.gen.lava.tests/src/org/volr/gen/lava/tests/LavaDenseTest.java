package org.volr.gen.lava.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.gen.lava.tests.Netx.dims;
import static org.volr.gen.lava.tests.Netx.flat;
import static org.volr.gen.lava.tests.Netx.longs;
import static org.volr.gen.lava.tests.Netx.scalar;
import static org.volr.gen.lava.tests.Netx.string;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.volr.core.weights.WeightStore;
import org.volr.gen.GeneratedFiles;
import org.volr.gen.GenerationInput;
import org.volr.gen.TargetRegistry;
import org.volr.gen.lava.LavaTarget;
import org.volr.model.Network;
import org.volr.net.neuron.NeuronModels;
import org.volr.model.ResetMode;
import org.volr.sim.NeuronSpec;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;

/** A two-layer dense network written as netx: layout, quantised weights and bias, neuron group, notes. */
class LavaDenseTest {
	static final String MLP = """
			network mlp {
			    input [6]
			    h1: dense 5 relu
			    d2: dense 3
			}
			""";

	/** leaky, reset to zero, two refractory steps: every neuron field differs from the IF default */
	static final NeuronSpec LIF = new NeuronSpec(NeuronModels.of("LIF"), 1f, ResetMode.ZERO, 0f, 2, Float.NEGATIVE_INFINITY, 0.9f, 0f);

	static WeightStore weights() {
		Random r = new Random(3);
		WeightStore w = new WeightStore();
		w.put("h1.weight", new int[] { 6, 5 }, Netx.uniform(r, 30, -0.4f, 0.6f));
		w.put("h1.bias", new int[] { 5 }, Netx.uniform(r, 5, -0.05f, 0.05f));
		float[] d2 = Netx.uniform(r, 15, -0.8f, 0.3f);
		d2[0] = 1e-5f; // two weights far below one quantisation step: they round to zero
		d2[7] = -2e-5f;
		w.put("d2.weight", new int[] { 5, 3 }, d2);
		return w;
	}

	@Test
	void denseLayersAreWrittenTransposedWithScaledWeightsBiasAndCubaNeurons() throws Exception {
		Network n = Netx.network(MLP);
		WeightStore w = weights();
		GenerationInput input = Netx.input(n, w, LIF, Map.of());
		assertEquals(List.of(), new LavaTarget().validate(input));
		GeneratedFiles files = Netx.generate(input, "mlp");
		Path file = files.files().get(0);
		assertEquals("mlp.net", file.getFileName().toString());
		try (HdfFile f = new HdfFile(file)) {
			assertEquals(List.of("0", "1"), Netx.names((Group) f.getByPath("layer")));
			checkDense(f, "layer/0", w.get("h1.weight").data(), 6, 5, w.get("h1.bias").data(), 127, 0);
			checkDense(f, "layer/1", w.get("d2.weight").data(), 5, 3, null, 127, 0);
			for (String layer : List.of("layer/0", "layer/1")) {
				assertEquals("CUBA", string(f, layer + "/neuron/type"));
				assertEquals(4096, scalar(f, layer + "/neuron/iDecay"), "delta synapses: the current decays fully");
				assertEquals(410, scalar(f, layer + "/neuron/vDecay"), "rint(4096 · (1 − 0.9))");
				assertEquals(3, scalar(f, layer + "/neuron/refDelay"), "two refractory steps plus the spike's own");
				assertEquals(0, scalar(f, layer + "/neuron/gradedSpike"));
			}
			assertEquals(1.0, ((Number) f.getDatasetByPath("simulation/Ts").getData()).doubleValue());
			assertEquals(Netx.STEPS, ((Number) f.getDatasetByPath("simulation/tSample").getData()).doubleValue());
		}
		List<String> notes = files.notes();
		notes.forEach(s -> System.out.println("    " + s));
		long v2 = (long) Math.floor(127 / Netx.maxAbs(w.get("d2.weight").data()));
		assertTrue(notes.stream().anyMatch(s -> s.startsWith("layer 'd2'") && s.contains("scaled threshold " + v2 + ", vThMant " + v2)
				&& s.contains("13.33% of the weights round to zero")), String.join("\n", notes));
		assertTrue(notes.stream().anyMatch(s -> s.startsWith("layer 'h1'") && s.contains("0.00% of the weights round to zero")),
				String.join("\n", notes));
		assertTrue(notes.stream().anyMatch(s -> s.contains("no refractory period")), "lava's LIF ignores refDelay: " + notes);
		assertFalse(notes.stream().anyMatch(s -> s.contains("resets the potential to zero after a spike")), "reset is zero already");
	}

	@Test
	void fewerBitsGiveSmallerMantissasAndResetBySubtractionIsRefused() throws Exception {
		Network n = Netx.network(MLP);
		WeightStore w = weights();
		GenerationInput input = Netx.input(n, w, Netx.IF, Map.of("bits", "4"));
		assertEquals(List.of(), new LavaTarget().validate(input));
		GeneratedFiles files = Netx.generate(input, "mlp-4bit");
		try (HdfFile f = new HdfFile(files.files().get(0))) {
			checkDense(f, "layer/0", w.get("h1.weight").data(), 6, 5, w.get("h1.bias").data(), 7, 1);
			checkDense(f, "layer/1", w.get("d2.weight").data(), 5, 3, null, 7, 1);
			assertEquals(0, scalar(f, "layer/0/neuron/vDecay"), "IF neurons do not leak");
			assertEquals(1, scalar(f, "layer/0/neuron/refDelay"));
		}
		// Loihi resets to a value: Volr's reset by subtraction is refused, as PyNN and NIR refuse it
		GenerationInput subtracting = Netx.input(n, w, Netx.IF.withReset(ResetMode.SUBTRACT), Map.of("bits", "4"));
		assertEquals(List.of("Loihi's neurons reset to v_reset, not by subtract; convert with 'reset zero' (convert { ..., reset zero })"
				+ " for this target"), new LavaTarget().validate(subtracting));
	}

	/**
	 * The block's fields, and weights (and bias) equal to rint(w · V) with V = floor(levels / max|w|) for threshold 1:
	 * transposed from Volr's [in, out] to [out, in], and using the full signed range of the mantissa. vThMant is
	 * V − {@code below}: 1 for neurons without leak (lava spikes above vThMant, Volr at the threshold), else 0.
	 */
	static void checkDense(HdfFile f, String block, float[] w, int in, int out, float[] bias, int levels, int below) {
		assertEquals("dense", string(f, block + "/type"));
		assertArrayEquals(new long[] { out }, longs(f, block + "/shape"));
		assertEquals(in, scalar(f, block + "/inFeatures"));
		assertEquals(out, scalar(f, block + "/outFeatures"));
		assertArrayEquals(new int[] { out, in }, dims(f, block + "/weight"));
		long v = (long) Math.floor(levels / Netx.maxAbs(w));
		assertEquals(v - below, scalar(f, block + "/neuron/vThMant"), block + ": threshold 1 times the scale");
		float[] q = flat(f, block + "/weight");
		double largest = 0;
		for (int o = 0; o < out; o++)
			for (int i = 0; i < in; i++) {
				assertEquals((float) Math.rint(w[i * out + o] * (double) v), q[o * in + i], block + " weight [" + o + ", " + i + "]");
				largest = Math.max(largest, Math.abs(q[o * in + i]));
			}
		assertTrue(largest <= levels && largest >= levels - 1, block + ": largest mantissa " + largest + " of " + levels);
		if (bias == null) {
			assertFalse(((Group) f.getByPath(block)).getChildren().containsKey("bias"), block + " has no bias");
		} else {
			float[] b = flat(f, block + "/bias");
			assertEquals(out, b.length);
			for (int o = 0; o < out; o++)
				assertEquals((float) Math.rint(bias[o] * (double) v), b[o], block + " bias " + o);
		}
	}

	@Test
	void theTargetIsRegisteredUnderLava() {
		assertTrue(TargetRegistry.find("lava").orElseThrow() instanceof LavaTarget, TargetRegistry.ids().toString());
	}
}
