package org.volr.gen.nir.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.gen.nir.tests.NirFile.doubles;
import static org.volr.gen.nir.tests.NirFile.floats;
import static org.volr.gen.nir.tests.NirFile.matrix;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.eclipse.emf.ecore.util.EcoreUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.convert.ImportException;
import org.volr.gen.nir.NirReader;
import org.volr.gen.nir.NirTime;
import org.volr.model.DiscretisationKind;
import org.volr.model.ResetMode;
import org.volr.net.neuron.Population;
import org.volr.sim.NeuronSpec;

/**
 * NIR's Scale, Threshold and Delay nodes (issue 19): a Scale between an Affine/Linear or Conv2d node and its neurons
 * is folded into that node's weights and bias, so the graph imports as the same network as one with the scaled weights;
 * Threshold, Delay and a Scale anywhere else are refused by name, all of them in one error (SEMANTICS.md, "Scale,
 * Threshold and Delay in NIR graphs").
 */
class ScaleThresholdDelayNirTest {
	@TempDir
	Path dir;

	private static final float[] S = { 2f, -0.5f, 0.25f };

	private static Object[] lif(int n) {
		return new Object[] { "tau", doubles(n, 0.002), "r", doubles(n, 1), "v_leak", doubles(n, 0), "v_threshold", doubles(n, 1) };
	}

	/** Input 2 → Affine 3 (→ Scale s) → LIF → Linear 2 → LIF → Output; scaled: the Affine's rows and bias times s. */
	private static NirFile graph(boolean scaleNode, boolean scaledWeights) {
		float[][] w = matrix(3, 2, 1);
		float[] b = { 0.5f, 1f, -2f };
		if (scaledWeights)
			for (int o = 0; o < 3; o++) {
				for (int i = 0; i < 2; i++)
					w[o][i] *= S[o];
				b[o] *= S[o];
			}
		NirFile f = new NirFile().node("input", "Input", "shape", new long[] { 2 }).node("fc1", "Affine", "weight", w, "bias", b)
				.node("lif1", "LIF", lif(3)).node("fc2", "Linear", "weight", matrix(2, 3, -1)).node("lif2", "LIF", lif(2))
				.node("output", "Output", "shape", new long[] { 2 }).edges("fc2", "lif2", "output");
		if (scaleNode)
			f.node("s1", "Scale", "scale", S).edges("input", "fc1", "s1", "lif1", "fc2");
		else
			f.edges("input", "fc1", "lif1", "fc2");
		return f;
	}

	private static void assertSameModel(NirReader.Result a, NirReader.Result b) {
		assertTrue(EcoreUtil.equals(a.model().network(), b.model().network()), "the two networks differ");
		assertEquals(new TreeSet<>(a.model().weights().names()), new TreeSet<>(b.model().weights().names()));
		for (String k : a.model().weights().names())
			assertEquals(a.model().weights().get(k), b.model().weights().get(k), k);
		assertEquals(a.neuron(), b.neuron());
	}

	@Test
	void aScaleAfterAnAffineNodeFoldsIntoItsWeightsAndBias() throws Exception {
		NirReader.Result scaled = NirReader.readWithNeuron(graph(true, false).write(dir.resolve("scale.nir"), "1.0.4"), "n");
		NirReader.Result plain = NirReader.readWithNeuron(graph(false, true).write(dir.resolve("plain.nir"), "1.0.4"), "n");
		assertSameModel(scaled, plain);
		assertTrue(scaled.model().notes().contains("node 's1' (Scale) is folded into layer 'fc1': each output's weights and bias"
				+ " multiplied by its scale"), scaled.model().notes().toString());
		// by hand, with the LIF gain dt/tau = 0.1 ms / 2 ms = 0.05 folded in as well: fc1.bias = 0.05·s ⊙ b
		float[] bias = scaled.model().weights().get("fc1.bias").data();
		assertArrayEquals(new float[] { 0.05f * 2f * 0.5f, 0.05f * -0.5f * 1f, 0.05f * 0.25f * -2f }, bias, 1e-7f);
		// [in, out]: entry (i, o) = 0.05·s[o]·W[o][i], W = matrix(3, 2, 1): W[1][0] = 1.5
		assertEquals(0.05f * -0.5f * 1.5f, scaled.model().weights().get("fc1.weight").data()[1], 1e-7f);
	}

	/**
	 * The NIR paper's LIF (τ = 2.5 ms, v_threshold = 0.1, r = 1) behind Affine (w = 1.3, b = 0.013) → Scale (s = 0.7),
	 * driven by a ramp A·k held over step k: Volr's neuron stepped with the imported weight and bias at dt = 0.1 ms
	 * (euler) follows NIR's equation τ·v̇ = −v + r·s·(w·I + b) stepped by forward Euler, spike for spike.
	 */
	@Test
	void aScaledAffineNodeSimulatesAsNirsEquation() throws Exception {
		double dt = 1e-4, tau = 0.0025, th = 0.1, w = 1.3, b = 0.013, sc = 0.7, a = 2.3e-4;
		int steps = 1000;
		NirFile f = new NirFile().node("input", "Input", "shape", new long[] { 1 })
				.node("fc", "Affine", "weight", new float[][] { { (float) w } }, "bias", new float[] { (float) b })
				.node("s", "Scale", "scale", new float[] { (float) sc })
				.node("lif", "LIF", "tau", doubles(1, tau), "r", doubles(1, 1), "v_leak", doubles(1, 0), "v_threshold", doubles(1, th))
				.node("output", "Output", "shape", new long[] { 1 }).edges("input", "fc", "s", "lif", "output");
		NirReader.Result r = NirReader.readWithNeuron(f.write(dir.resolve("ramp.nir"), "1.0.4"), "ramp",
				new NirTime(dt, DiscretisationKind.EULER));
		float wv = r.model().weights().get("fc.weight").data()[0], bv = r.model().weights().get("fc.bias").data()[0];
		NeuronSpec spec = NeuronSpec.from(r.neuronModel(), null, dt * 1000, DiscretisationKind.EULER).withReset(ResetMode.ZERO);
		Population p = spec.population(1);
		List<Integer> volr = new ArrayList<>(), nir = new ArrayList<>();
		int[] out = new int[1];
		double u = 0, worst = 0;
		for (int k = 0; k < steps; k++) {
			p.arrivals()[0] = (float) (wv * (a * k)) + bv;
			if (p.step(new float[1], true, spec.firing(ResetMode.ZERO), out) > 0)
				volr.add(k);
			u += dt / tau * (-u + sc * (w * a * k + b));
			if (u >= th) {
				nir.add(k);
				u = 0;
			}
			worst = Math.max(worst, Math.abs(p.potential()[0] - u));
		}
		assertEquals(nir, volr);
		assertTrue(nir.size() >= 5, "the ramp drives the neuron past its threshold: " + nir);
		assertTrue(worst < 1e-5, "membranes differ by " + worst);
	}

	/** Input [1, 4, 4] → Conv2d 2 filters 3×3 (→ Scale per channel) → IF → Output [2, 2, 2]. */
	private static NirFile conv(float[][][][] weight, float[] bias, boolean scaleNode) {
		long[] one = { 1, 1 };
		NirFile f = new NirFile().node("input", "Input", "shape", new long[] { 1, 4, 4 })
				.node("c", "Conv2d", "weight", weight, "bias", bias, "stride", one, "padding", new long[2], "dilation", one, "groups",
						Long.valueOf(1), "input_shape", new long[] { 4, 4 })
				.node("n", "IF", "r", floats(8, 1), "v_threshold", floats(8, 1)).node("output", "Output", "shape", new long[] { 2, 2, 2 });
		if (scaleNode)
			return f.node("s", "Scale", "scale", new float[] { 3f, -0.5f }).edges("input", "c", "s", "n", "output");
		return f.edges("input", "c", "n", "output");
	}

	private static float[][][][] filters(float k0, float k1) {
		float[][][][] w = new float[2][1][3][3];
		for (int o = 0; o < 2; o++)
			for (int y = 0; y < 3; y++)
				for (int x = 0; x < 3; x++)
					w[o][0][y][x] = (o == 0 ? k0 : k1) * (0.25f * (o * 9 + y * 3 + x) - 1f);
		return w;
	}

	@Test
	void aScaleAfterAConvolutionScalesEachFilterAndItsBias() throws Exception {
		NirReader.Result scaled = NirReader.readWithNeuron(conv(filters(1f, 1f), new float[] { 0.5f, 2f }, true)
				.write(dir.resolve("cs.nir"), "1.0.7"), "n");
		NirReader.Result plain = NirReader.readWithNeuron(conv(filters(3f, -0.5f), new float[] { 1.5f, -1f }, false)
				.write(dir.resolve("cp.nir"), "1.0.7"), "n");
		assertSameModel(scaled, plain);
	}

	@Test
	void oneScaleForAllOutputsMultipliesEveryWeight() throws Exception {
		NirFile f = new NirFile().node("input", "Input", "shape", new long[] { 2 }).node("fc1", "Linear", "weight", matrix(3, 2, 1))
				.node("s1", "Scale", "scale", new float[] { 4f }).node("lif1", "LIF", lif(3)).node("output", "Output", "shape", new long[] { 3 })
				.edges("input", "fc1", "s1", "lif1", "output");
		NirFile g = new NirFile().node("input", "Input", "shape", new long[] { 2 }).node("fc1", "Linear", "weight", times(matrix(3, 2, 1), 4f))
				.node("lif1", "LIF", lif(3)).node("output", "Output", "shape", new long[] { 3 }).edges("input", "fc1", "lif1", "output");
		assertSameModel(NirReader.readWithNeuron(f.write(dir.resolve("f.nir"), "1.0.4"), "n"),
				NirReader.readWithNeuron(g.write(dir.resolve("g.nir"), "1.0.4"), "n"));
	}

	@Test
	void aScaleBeforeARecurrentNeuronNodeScalesTheFeedForwardWeightsOnly() throws Exception {
		NirFile f = new NirFile().node("input", "Input", "shape", new long[] { 2 }).node("fc1", "Linear", "weight", matrix(3, 2, 1))
				.node("s1", "Scale", "scale", S).node("lif1", "LIF", lif(3)).node("rec", "Linear", "weight", matrix(3, 3, 0))
				.node("output", "Output", "shape", new long[] { 3 }).edges("input", "fc1", "s1", "lif1", "output").edges("lif1", "rec", "lif1");
		float[][] w = matrix(3, 2, 1);
		for (int o = 0; o < 3; o++)
			for (int i = 0; i < 2; i++)
				w[o][i] *= S[o];
		NirFile g = new NirFile().node("input", "Input", "shape", new long[] { 2 }).node("fc1", "Linear", "weight", w)
				.node("lif1", "LIF", lif(3)).node("rec", "Linear", "weight", matrix(3, 3, 0)).node("output", "Output", "shape", new long[] { 3 })
				.edges("input", "fc1", "lif1", "output").edges("lif1", "rec", "lif1");
		assertSameModel(NirReader.readWithNeuron(f.write(dir.resolve("f.nir"), "1.0.4"), "n"),
				NirReader.readWithNeuron(g.write(dir.resolve("g.nir"), "1.0.4"), "n"));
	}

	@Test
	void thresholdDelayAndAScaleThatFoldsIntoNothingAreRefusedByNameInOneError() throws Exception {
		// input → fc1 → lif1 → d1 (Delay) → fc2 → t2 (Threshold) → s3 (Scale after neurons) → output
		NirFile f = new NirFile().node("input", "Input", "shape", new long[] { 2 }).node("fc1", "Linear", "weight", matrix(3, 2, 1))
				.node("lif1", "LIF", lif(3)).node("d1", "Delay", "delay", doubles(3, 0.0003)).node("fc2", "Linear", "weight", matrix(2, 3, 0))
				.node("t2", "Threshold", "threshold", floats(2, 0.5f)).node("s3", "Scale", "scale", floats(2, 2f))
				.node("output", "Output", "shape", new long[] { 2 }).edges("input", "fc1", "lif1", "d1", "fc2", "t2", "s3", "output");
		Path file = f.write(dir.resolve("nodes.nir"), "1.0.4");
		ImportException e = assertThrows(ImportException.class, () -> NirReader.read(file, "n"));
		String m = e.getMessage();
		assertTrue(m.contains("node 'd1' (Delay) is not supported: a delay of its own on one projection"), m);
		assertTrue(m.contains("it would need a delay per projection"), m);
		assertTrue(m.contains("node 't2' (Threshold) is not supported: a memoryless Heaviside"), m);
		assertTrue(m.contains("it would need a neuron model without a membrane"), m);
		assertTrue(m.contains("node 's3' (Scale) is not supported here: Volr folds a Scale into the weights and bias of the one Affine or"
				+ " Linear node before it, of as many outputs (or Conv2d node, of as many channels), when a neuron node follows it"), m);
		assertTrue(m.contains("it follows 't2' (Threshold) and feeds 'output' (Output)"), m);
		assertTrue(m.contains(file.getFileName().toString()), m);
	}

	@Test
	void aScaleOfAnotherSizeThanItsAffineNodeIsRefusedByName() throws Exception {
		NirFile f = new NirFile().node("input", "Input", "shape", new long[] { 2 }).node("fc1", "Linear", "weight", matrix(3, 2, 1))
				.node("s1", "Scale", "scale", floats(2, 2f)).node("lif1", "LIF", lif(3)).node("output", "Output", "shape", new long[] { 3 })
				.edges("input", "fc1", "s1", "lif1", "output");
		Path file = f.write(dir.resolve("size.nir"), "1.0.4");
		ImportException e = assertThrows(ImportException.class, () -> NirReader.read(file, "n"));
		assertTrue(e.getMessage().contains("node 's1' (Scale) is not supported here"), e.getMessage());
		assertTrue(e.getMessage().contains("it follows 'fc1' (Linear) and feeds 'lif1' (LIF)"), e.getMessage());
	}

	private static float[][] times(float[][] m, float k) {
		for (float[] row : m)
			for (int i = 0; i < row.length; i++)
				row[i] *= k;
		return m;
	}
}
