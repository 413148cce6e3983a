package org.volr.gen.nir.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.gen.nir.tests.NirFile.floats;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.convert.ImportException;
import org.volr.convert.ImportedModel;
import org.volr.core.weights.FloatTensor;
import org.volr.gen.nir.NirGraph;
import org.volr.gen.nir.NirGraphReader;
import org.volr.gen.nir.NirReader;
import org.volr.net.LayerKind;
import org.volr.net.NetLayer;
import org.volr.net.NetworkResolver;
import org.volr.net.ResolvedNetwork;
import org.volr.net.Synapses;

/**
 * A SumPool2d node without neurons after it (Sinabs) is folded into the layer after it: the folded layer, run as the
 * simulator runs it ({@link Synapses}), computes what the unfolded graph computes (sum pooling, then the node, as NIR
 * defines them and evaluated here from the file's own fields), on random spike counts.
 */
class SumPoolFoldTest {
	private static Path data(String name) {
		return Path.of(System.getProperty("volr.thirdparty", "../../testdata"), "nir", name);
	}

	@TempDir
	Path dir;

	// ----- NIR's nodes, evaluated in double from the graph's fields ([channels, height, width], row-major)

	/** SumPool2d with kernel = stride = k and no padding. */
	static double[] sumPool(double[] x, int c, int h, int w, int k) {
		int hp = (h - k) / k + 1, wp = (w - k) / k + 1;
		double[] y = new double[c * hp * wp];
		for (int ch = 0; ch < c; ch++)
			for (int u = 0; u < hp; u++)
				for (int v = 0; v < wp; v++)
					for (int a = 0; a < k; a++)
						for (int b = 0; b < k; b++)
							y[(ch * hp + u) * wp + v] += x[(ch * h + u * k + a) * w + v * k + b];
		return y;
	}

	/** Conv2d as NIR (and PyTorch) define it: weight [out, in, k1, k2], symmetric zero padding, stride, dilation. */
	static double[] conv(double[] x, int c, int h, int w, NirGraph.Node node) {
		int[] ws = node.field("weight").shape();
		float[] wt = node.field("weight").floats(), bias = node.field("bias").floats();
		int[] s = node.field("stride").ints(), p = node.field("padding").ints(), d = node.field("dilation").ints();
		int out = ws[0], k1 = ws[2], k2 = ws[3];
		int oh = (h + 2 * p[0] - d[0] * (k1 - 1) - 1) / s[0] + 1, ow = (w + 2 * p[1] - d[1] * (k2 - 1) - 1) / s[1] + 1;
		double[] y = new double[out * oh * ow];
		for (int o = 0; o < out; o++)
			for (int yy = 0; yy < oh; yy++)
				for (int xx = 0; xx < ow; xx++) {
					double sum = bias[o];
					for (int ch = 0; ch < c; ch++)
						for (int i = 0; i < k1; i++)
							for (int j = 0; j < k2; j++) {
								int r = yy * s[0] + i * d[0] - p[0], col = xx * s[1] + j * d[1] - p[1];
								if (r >= 0 && r < h && col >= 0 && col < w)
									sum += wt[((o * c + ch) * k1 + i) * k2 + j] * x[(ch * h + r) * w + col];
							}
					y[(o * oh + yy) * ow + xx] = sum;
				}
		return y;
	}

	/** Affine (weight [out, in], bias) or Linear on a flattened input. */
	static double[] dense(double[] x, NirGraph.Node node) {
		int[] ws = node.field("weight").shape();
		float[] wt = node.field("weight").floats();
		double[] y = new double[ws[0]];
		for (int o = 0; o < ws[0]; o++) {
			double sum = node.has("bias") ? node.field("bias").floats()[o] : 0;
			for (int i = 0; i < ws[1]; i++)
				sum += wt[o * ws[1] + i] * x[i];
			y[o] = sum;
		}
		return y;
	}

	/** The folded layer as the simulator computes a step's input current: its synapses on x, plus its bias. */
	static float[] folded(NetLayer layer, ImportedModel m, double[] x) {
		float[] in = new float[x.length];
		for (int i = 0; i < x.length; i++)
			in[i] = (float) x[i];
		float[] out = new float[layer.outSize()];
		Synapses.of(layer, m.weights().get(layer.weightKey()).data()).forward(in, 0, out);
		float[] bias = Synapses.biasPerNeuron(layer, m.weights().contains(layer.biasKey()) ? m.weights().get(layer.biasKey()).data() : null);
		for (int i = 0; i < out.length; i++)
			out[i] += bias[i];
		return out;
	}

	/** Random spike counts 0..max, the input a layer's neurons give the next over a few steps. */
	static double[] counts(int n, int max, Random r) {
		double[] x = new double[n];
		for (int i = 0; i < n; i++)
			x[i] = r.nextInt(max + 1);
		return x;
	}

	static NetLayer layer(ResolvedNetwork net, String label) {
		return net.layers().stream().filter(l -> label.equals(l.label())).findFirst().orElseThrow(() -> new AssertionError(label));
	}

	// ----- a small graph whose weights are multiples of 1/64: every sum is exact in float, so the results are bit-equal

	/** Weights k/64, |k| ≤ 64, of the given count. */
	static float[] dyadic(int n, Random r) {
		float[] v = new float[n];
		for (int i = 0; i < n; i++)
			v[i] = (r.nextInt(129) - 64) / 64f;
		return v;
	}

	static Object tensor(float[] v, int... shape) {
		return FloatTensor.nested(v, shape);
	}

	/**
	 * Input [2, 12, 12] → c1 Conv2d(2→3, 3×3, padding 1) → IF → pool1 SumPool2d(2) → c2 Conv2d(3→2, 3×3, stride 2,
	 * padding 2, dilation 2) → IF → pool2 SumPool2d(2) (3×3 maps: the last row and column are pooled by no window)
	 * → Flatten → fc Affine(2→4) → IF → Output.
	 */
	private Path smallCnn(Random r, int[] pool1Stride) {
		long[] one = { 1, 1 }, two = { 2, 2 };
		return new NirFile().node("input", "Input", "shape", new long[] { 2, 12, 12 })
				.node("c1", "Conv2d", "weight", tensor(dyadic(3 * 2 * 9, r), 3, 2, 3, 3), "bias", dyadic(3, r), "stride", one, "padding", one,
						"dilation", one, "groups", Long.valueOf(1), "input_shape", new long[] { 12, 12 })
				.node("if1", "IF", "r", floats(3 * 144, 1), "v_threshold", floats(3 * 144, 1))
				.node("pool1", "SumPool2d", "kernel_size", two, "stride", new long[] { pool1Stride[0], pool1Stride[1] }, "padding", new long[2])
				.node("c2", "Conv2d", "weight", tensor(dyadic(2 * 3 * 9, r), 2, 3, 3, 3), "bias", dyadic(2, r), "stride", two, "padding", two,
						"dilation", two, "groups", Long.valueOf(1), "input_shape", new long[] { 6, 6 })
				.node("if2", "IF", "r", floats(2 * 9, 1), "v_threshold", floats(2 * 9, 1))
				.node("pool2", "SumPool2d", "kernel_size", two, "stride", two, "padding", new long[2])
				.node("flat", "Flatten", "input_type", new long[] { 2, 1, 1 }, "start_dim", Long.valueOf(0), "end_dim", Long.valueOf(-1))
				.node("fc", "Affine", "weight", tensor(dyadic(4 * 2, r), 4, 2), "bias", dyadic(4, r))
				.node("if3", "IF", "r", floats(4, 1), "v_threshold", floats(4, 1)).node("output", "Output", "shape", new long[] { 4 })
				.edges("input", "c1", "if1", "pool1", "c2", "if2", "pool2", "flat", "fc", "if3", "output")
				.write(dir.resolve("small.nir"), "1.0.7");
	}

	@Test
	void foldedLayersComputeTheUnfoldedGraphBitForBit() throws Exception {
		Random r = new Random(19);
		Path file = smallCnn(r, new int[] { 2, 2 });
		NirGraph g = NirGraphReader.read(file);
		ImportedModel m = NirReader.read(file, "small");
		ResolvedNetwork net = NetworkResolver.resolve(m.network());
		assertEquals(List.of("c1", "c2", "flat", "fc"), net.layers().stream().map(NetLayer::label).toList());
		// pool1 then c2 (kernel 3, stride 2, padding 2, dilation 2) is one convolution: kernel 2·2·2 + 2 = 10, stride 4, padding 4
		NetLayer c2 = layer(net, "c2");
		LayerKind.Conv conv = (LayerKind.Conv) c2.kind();
		assertArrayEquals(new int[] { 10, 10, 4, 4, 4, 4, 1, 1 }, new int[] { conv.window().kh(), conv.window().kw(), conv.window().sh(),
				conv.window().sw(), conv.window().ph(), conv.window().pw(), conv.window().dh(), conv.window().dw() });
		assertArrayEquals(new int[] { 3, 12, 12 }, c2.inShape());
		assertArrayEquals(new int[] { 2, 3, 3 }, c2.outShape());
		assertArrayEquals(new int[] { 18 }, layer(net, "flat").outShape());
		for (int trial = 0; trial < 20; trial++) {
			double[] x = counts(3 * 12 * 12, 3, r);
			assertArrayEquals(rounded(conv(sumPool(x, 3, 12, 12, 2), 3, 6, 6, g.node("c2"))), folded(c2, m, x), "c2, trial " + trial);
			double[] y = counts(2 * 3 * 3, 3, r);
			assertArrayEquals(rounded(dense(sumPool(y, 2, 3, 3, 2), g.node("fc"))), folded(layer(net, "fc"), m, y), "fc, trial " + trial);
		}
		assertTrue(m.notes().contains("node 'pool1' (SumPool2d, 2×2) has no neurons after it: folded into 'c2' (Conv2d), one convolution on"
				+ " the pool's input with each kernel entry spread over a 2×2 block: kernel 10×10, stride 4×4, padding 4×4"), m.notes().toString());
		assertTrue(m.notes().contains("node 'pool2' (SumPool2d, 2×2) has no neurons after it: folded into 'fc' (Affine), each weight of a"
				+ " pooled value given to the 2×2 values it sums (layer 'fc' reads the flattened map before the pool, 2×3×3)"), m.notes().toString());
	}

	private static float[] rounded(double[] v) {
		float[] f = new float[v.length];
		for (int i = 0; i < v.length; i++)
			f[i] = (float) v[i];
		return f;
	}

	/**
	 * Sinabs' N-MNIST CNN: its two SumPool2d nodes fold into node '5' (Conv2d 3×3, padding 1 → 6×6, stride 2, padding 2)
	 * and node '9' (Affine 128 → 512 inputs). Every folded weight is one of the file's, bit for bit, and the folded
	 * layers compute the unfolded graph on random spikes to float rounding (the same terms, summed in another order).
	 */
	@Test
	void sinabsCnnImportsWithItsPoolsFoldedIntoTheLayersAfterThem() throws Exception {
		Path file = data("paper_02_cnn_cnn_sinabs.nir");
		NirGraph g = NirGraphReader.read(file);
		ImportedModel m = NirReader.read(file, "cnn");
		ResolvedNetwork net = NetworkResolver.resolve(m.network());
		assertEquals(List.of("n0", "n2", "n5", "n8", "n9", "n11"), net.layers().stream().map(NetLayer::label).toList());
		assertArrayEquals(new int[] { 2, 34, 34 }, net.inputShape());
		NetLayer c5 = layer(net, "n5"), d9 = layer(net, "n9");
		assertArrayEquals(new int[] { 16, 16, 16 }, c5.inShape());
		assertArrayEquals(new int[] { 8, 8, 8 }, c5.outShape());
		assertArrayEquals(new int[] { 8, 16, 6, 6 }, m.weights().get("n5.weight").shape());
		assertArrayEquals(new int[] { 512, 256 }, m.weights().get("n9.weight").shape());
		assertArrayEquals(new int[] { 10 }, net.layers().get(net.layers().size() - 1).outShape());
		// bit-equal copies: folded kernel entry (i·2 + a, j·2 + b) is the file's (i, j); dense input (c, y, x) has pooled (c, y/2, x/2)'s weight
		float[] w5 = g.node("5").field("weight").floats(), f5 = m.weights().get("n5.weight").data();
		for (int o = 0; o < 8; o++)
			for (int c = 0; c < 16; c++)
				for (int y = 0; y < 6; y++)
					for (int x = 0; x < 6; x++)
						assertEquals(Float.floatToIntBits(w5[((o * 16 + c) * 3 + y / 2) * 3 + x / 2]),
								Float.floatToIntBits(f5[((o * 16 + c) * 6 + y) * 6 + x]));
		float[] w9 = g.node("9").field("weight").floats(), f9 = m.weights().get("n9.weight").data();
		for (int o = 0; o < 256; o++)
			for (int c = 0; c < 8; c++)
				for (int y = 0; y < 8; y++)
					for (int x = 0; x < 8; x++)
						assertEquals(Float.floatToIntBits(w9[o * 128 + (c * 4 + y / 2) * 4 + x / 2]),
								Float.floatToIntBits(f9[((c * 8 + y) * 8 + x) * 256 + o]));
		Random r = new Random(2);
		for (int trial = 0; trial < 5; trial++) {
			double[] x = counts(16 * 16 * 16, 1, r);
			close(conv(sumPool(x, 16, 16, 16, 2), 16, 8, 8, g.node("5")), folded(c5, m, x), "node 5, trial " + trial);
			double[] y = counts(8 * 8 * 8, 1, r);
			close(dense(sumPool(y, 8, 8, 8, 2), g.node("9")), folded(d9, m, y), "node 9, trial " + trial);
		}
	}

	/** Equal to float rounding: the folded sum has the same terms, added in float in another order. */
	private static void close(double[] expected, float[] actual, String what) {
		assertEquals(expected.length, actual.length, what);
		for (int i = 0; i < expected.length; i++)
			assertEquals(expected[i], actual[i], 1e-5 * Math.max(1, Math.abs(expected[i])), what + " [" + i + "]");
	}

	/** A pool whose windows overlap cannot be folded into one layer weight by weight: refused, naming it. */
	@Test
	void aPoolWithoutNeuronsThatDoesNotTileIsRefusedByName() throws Exception {
		Path file = smallCnn(new Random(1), new int[] { 1, 1 });
		ImportException e = assertThrows(ImportException.class, () -> NirReader.read(file, "small"));
		assertTrue(e.getMessage().startsWith("small.nir: node 'pool1' (SumPool2d) has no neurons after it and cannot be folded into the layer"
				+ " after it: its stride [1, 1] differs from its kernel [2, 2]"), e.getMessage());
	}

	/** A pool whose windows leave rows out cannot fold into a convolution, which would read them: refused, naming both. */
	@Test
	void aPoolThatLeavesRowsOutIsNotFoldedIntoAConvolution() throws Exception {
		long[] one = { 1, 1 }, two = { 2, 2 };
		Random r = new Random(3);
		Path file = new NirFile().node("input", "Input", "shape", new long[] { 1, 5, 5 })
				.node("pool", "SumPool2d", "kernel_size", two, "stride", two, "padding", new long[2])
				.node("c", "Conv2d", "weight", tensor(dyadic(9, r), 1, 1, 3, 3), "bias", new float[1], "stride", one, "padding", one,
						"dilation", one, "groups", Long.valueOf(1), "input_shape", two)
				.node("n", "IF", "r", floats(4, 1), "v_threshold", floats(4, 1)).node("output", "Output", "shape", new long[] { 1, 2, 2 })
				.edges("input", "pool", "c", "n", "output").write(dir.resolve("odd.nir"), "1.0.7");
		ImportException e = assertThrows(ImportException.class, () -> NirReader.read(file, "odd"));
		assertEquals("odd.nir: node 'pool' (SumPool2d) has no neurons after it and cannot be folded into 'c' (Conv2d): its input 5×5 is not"
				+ " tiled by its 2×2 windows, so one convolution on the pool's input would also read the rows and columns the pool leaves out",
				e.getMessage());
	}
}
