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

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.volr.core.weights.WeightStore;
import org.volr.gen.GenerationInput;
import org.volr.sim.plan.LayerPlan;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;

/**
 * Convolution (with stride, padding), depthwise convolution (multiplier, dilation, 'same' padding) and average
 * pooling as netx conv blocks: their geometry fields, and that a PyTorch-style cross-correlation computed from
 * nothing but the file's fields reproduces Volr's own layers (the simulator's plans) up to the weight rounding.
 */
class LavaConvTest {
	static final String CNN = """
			network cnn {
			    input [2, 9, 9]
			    c1: conv2d(3, kernel: 3, stride: 2, padding: 1) relu
			    c2: depthwise_conv2d(kernel: 3, multiplier: 2, dilation: 2, padding: same) relu
			    p1: avgpool 2
			    flatten
			    d1: dense 4
			}
			""";

	static WeightStore weights() {
		Random r = new Random(7);
		WeightStore w = new WeightStore();
		w.put("c1.weight", new int[] { 3, 2, 3, 3 }, Netx.uniform(r, 54, -0.3f, 0.4f));
		w.put("c1.bias", new int[] { 3 }, Netx.uniform(r, 3, 0.01f, 0.03f));
		w.put("c2.weight", new int[] { 6, 1, 3, 3 }, Netx.uniform(r, 54, -0.2f, 0.5f));
		w.put("d1.weight", new int[] { 24, 4 }, Netx.uniform(r, 96, -0.3f, 0.3f));
		return w;
	}

	@Test
	void convolutionAndPoolingBlocksCarryTheirGeometryAndReproduceVolrsLayers() throws Exception {
		WeightStore w = weights();
		GenerationInput input = Netx.input(Netx.network(CNN), w, Netx.IF, Map.of());
		assertEquals(List.of(), new org.volr.gen.lava.LavaTarget().validate(input));
		List<LayerPlan> plans = Netx.lowered(input).layers();
		try (HdfFile f = new HdfFile(Netx.generate(input, "cnn").files().get(0))) {
			assertEquals(List.of("0", "1", "2", "3", "4", "5"), Netx.names((Group) f.getByPath("layer")));
			assertEquals("input", string(f, "layer/0/type"));
			assertArrayEquals(new long[] { 2, 9, 9 }, longs(f, "layer/0/shape"));
			assertFalse(((Group) f.getByPath("layer/0")).getChildren().containsKey("neuron"), "the input block has no neurons");

			conv(f, "layer/1", new long[] { 3, 5, 5 }, 2, 3, new long[] { 3, 3 }, new long[] { 2, 2 }, new long[] { 1, 1 },
					new long[] { 1, 1 }, 1);
			float[] q1 = flat(f, "layer/1/weight");
			long v1 = scalar(f, "layer/1/neuron/vThMant") + 1; // IF neurons: vThMant is the scaled threshold minus 1
			assertEquals((long) Math.floor(127 / Netx.maxAbs(w.get("c1.weight").data())), v1);
			for (int i = 0; i < q1.length; i++) // [out, in, kh, kw] is Volr's own layout: no reordering
				assertEquals((float) Math.rint(w.get("c1.weight").data()[i] * (double) v1), q1[i], "c1 weight " + i);
			float[] b1 = flat(f, "layer/1/bias");
			for (int c = 0; c < 3; c++)
				assertEquals((float) Math.rint(w.get("c1.bias").data()[c] * (double) v1), b1[c], "c1 bias " + c);

			conv(f, "layer/2", new long[] { 6, 5, 5 }, 3, 6, new long[] { 3, 3 }, new long[] { 1, 1 }, new long[] { 2, 2 },
					new long[] { 2, 2 }, 3);
			assertArrayEquals(new int[] { 6, 1, 3, 3 }, dims(f, "layer/2/weight"));

			conv(f, "layer/3", new long[] { 6, 2, 2 }, 6, 6, new long[] { 2, 2 }, new long[] { 2, 2 }, new long[] { 0, 0 },
					new long[] { 1, 1 }, 6);
			assertEquals(507, scalar(f, "layer/3/neuron/vThMant"), "1/4 scaled to 127: scaled threshold 508, minus 1");
			for (float x : flat(f, "layer/3/weight"))
				assertEquals(127f, x);

			assertEquals("flatten", string(f, "layer/4/type"));
			assertArrayEquals(new long[] { 24, 1, 1 }, longs(f, "layer/4/shape"));
			assertEquals("dense", string(f, "layer/5/type"));
			assertEquals(24, scalar(f, "layer/5/inFeatures"));
			assertEquals(4, scalar(f, "layer/5/outFeatures"));

			Random r = new Random(1);
			for (int b = 1; b <= 3; b++)
				sameAsVolr(f, "layer/" + (b - 1), "layer/" + b, plans.get(b - 1), r);
		}
	}

	static void conv(HdfFile f, String block, long[] shape, long in, long out, long[] kernel, long[] stride, long[] padding,
			long[] dilation, long groups) {
		assertEquals("conv", string(f, block + "/type"));
		assertArrayEquals(shape, longs(f, block + "/shape"), block + " shape");
		assertEquals(in, scalar(f, block + "/inChannels"), block);
		assertEquals(out, scalar(f, block + "/outChannels"), block);
		assertArrayEquals(kernel, longs(f, block + "/kernelSize"), block + " kernel");
		assertArrayEquals(stride, longs(f, block + "/stride"), block + " stride");
		assertArrayEquals(padding, longs(f, block + "/padding"), block + " padding");
		assertArrayEquals(dilation, longs(f, block + "/dilation"), block + " dilation");
		assertEquals(groups, scalar(f, block + "/groups"), block + " groups");
		assertArrayEquals(new int[] { (int) out, (int) (in / groups), (int) kernel[0], (int) kernel[1] }, dims(f, block + "/weight"));
		assertEquals("CUBA", string(f, block + "/neuron/type"));
	}

	/**
	 * The block applied as PyTorch's conv2d (cross-correlation, symmetric zero padding, groups) to a random input,
	 * divided by the scale (vThMant + 1) / threshold, against the plan's own W·x: equal within the rounding of each weight
	 * by at most half a step.
	 */
	static void sameAsVolr(HdfFile f, String before, String block, LayerPlan plan, Random r) {
		long[] out = longs(f, block + "/shape");
		int co = (int) out[0], oh = (int) out[1], ow = (int) out[2];
		int ci = (int) scalar(f, block + "/inChannels"), groups = (int) scalar(f, block + "/groups");
		long[] k = longs(f, block + "/kernelSize"), s = longs(f, block + "/stride"), p = longs(f, block + "/padding"),
				d = longs(f, block + "/dilation");
		int kh = (int) k[0], kw = (int) k[1];
		long[] in = longs(f, before + "/shape"); // conv blocks take the previous block's output as it is
		int h = (int) in[1], w = (int) in[2];
		assertEquals(ci * h * w, plan.inSize(), block + " input size");
		float[] weight = flat(f, block + "/weight");
		double scale = scalar(f, block + "/neuron/vThMant") + 1; // threshold 1, IF neurons
		float[] x = Netx.uniform(r, plan.inSize(), 0f, 1f);
		float[] volr = new float[plan.outSize()];
		plan.forward(x, 0, volr);
		int perGroup = ci / groups, outPerGroup = co / groups;
		double bound = perGroup * kh * kw * 0.5 / scale + 1e-5;
		for (int o = 0; o < co; o++)
			for (int y = 0; y < oh; y++)
				for (int xo = 0; xo < ow; xo++) {
					double sum = 0;
					for (int c = 0; c < perGroup; c++)
						for (int ky = 0; ky < kh; ky++)
							for (int kx = 0; kx < kw; kx++) {
								int iy = (int) (y * s[0] - p[0] + ky * d[0]), ix = (int) (xo * s[1] - p[1] + kx * d[1]);
								if (iy < 0 || iy >= h || ix < 0 || ix >= w)
									continue;
								int channel = (o / outPerGroup) * perGroup + c;
								sum += weight[((o * perGroup + c) * kh + ky) * kw + kx] * x[(channel * h + iy) * w + ix];
							}
					double expected = volr[(o * oh + y) * ow + xo];
					assertEquals(expected, sum / scale, bound, block + " output [" + o + ", " + y + ", " + xo + "]");
				}
	}
}
