package org.volr.ann.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.ann.tests.Nets.network;
import static org.volr.ann.tests.Nets.range;
import static org.volr.ann.tests.Nets.sample;
import static org.volr.ann.tests.Nets.values;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.volr.ann.AnnException;
import org.volr.ann.AnnModel;
import org.volr.ann.LayerActivation;
import org.volr.core.weights.WeightStore;

/** Every layer kind against values computed by hand on tiny tensors (channels-first, Volr weight layouts). */
class ForwardPassTest {
	private static final float EPS = 1e-5f;

	private static float[] run(String net, WeightStore w, float[] x, long... shape) {
		return values(AnnModel.of(network(net), w).predict(sample(x, shape)));
	}

	@Test
	void denseIsXTimesWPlusBiasThenRelu() {
		// W [in=2, out=3]; x = (1, 2): x·W = (9, 12, 15); + b = (9.5, 12, -5); relu clips the last
		WeightStore w = new WeightStore().put("d.weight", new int[] { 2, 3 }, new float[] { 1, 2, 3, 4, 5, 6 })
				.put("d.bias", new int[] { 3 }, new float[] { 0.5f, 0, -20 });
		AnnModel model = AnnModel.of(network("network n { input [2] d: dense 3 relu }"), w);
		List<LayerActivation> acts = model.activations(sample(new float[] { 1, 2 }, 2));
		assertEquals(1, acts.size());
		assertEquals("d", acts.get(0).name());
		assertArrayEquals(new float[] { 9.5f, 12, -5 }, values(acts.get(0).preActivation()), EPS);
		assertArrayEquals(new float[] { 9.5f, 12, 0 }, values(acts.get(0).postActivation()), EPS);
		assertArrayEquals(new float[] { 9.5f, 12, 0 }, values(model.predict(sample(new float[] { 1, 2 }, 2))), EPS);
	}

	@Test
	void unspecifiedActivationMeansReluAndMissingBiasMeansZero() {
		WeightStore w = new WeightStore().put("d.weight", new int[] { 1, 2 }, new float[] { 1, -1 });
		assertArrayEquals(new float[] { 3, 0 }, run("network n { input [1] d: dense 2 }", w, new float[] { 3 }, 1), EPS);
	}

	@Test
	void softmaxOutput() {
		// logits (0, ln 3) → (1/4, 3/4)
		WeightStore w = new WeightStore().put("o.weight", new int[] { 2, 2 }, new float[] { 1, 0, 0, 1 });
		assertArrayEquals(new float[] { 0.25f, 0.75f },
				run("network n { input [2] o: dense 2 softmax }", w, new float[] { 0, (float) Math.log(3) }, 2), EPS);
	}

	@Test
	void conv2dValid() {
		// x = 1..9 as 3x3, kernel [[1,2],[3,4]], bias 0.5:
		// (0,0): 1+4+12+20 = 37   (0,1): 2+6+15+24 = 47   (1,0): 4+10+21+32 = 67   (1,1): 5+12+24+36 = 77
		WeightStore w = new WeightStore().put("c.weight", new int[] { 1, 1, 2, 2 }, new float[] { 1, 2, 3, 4 })
				.put("c.bias", new int[] { 1 }, new float[] { 0.5f });
		assertArrayEquals(new float[] { 37.5f, 47.5f, 67.5f, 77.5f },
				run("network n { input [1, 3, 3] c: conv2d(1, kernel: 2) linear }", w, range(1, 9), 1, 3, 3), EPS);
	}

	@Test
	void conv2dMixesInputChannelsAndKeepsOutputChannelsApart() {
		// two 1x1 output channels from two 1x1 input channels: W [out=2, in=2, 1, 1] = [[1, 10], [100, 1000]]
		WeightStore w = new WeightStore().put("c.weight", new int[] { 2, 2, 1, 1 }, new float[] { 1, 10, 100, 1000 });
		assertArrayEquals(new float[] { 21, 2100 },
				run("network n { input [2, 1, 1] c: conv2d(2, kernel: 1) linear }", w, new float[] { 1, 2 }, 2, 1, 1), EPS);
	}

	@Test
	void sameConvolutionWithStrideTwoPadsLikeTensorFlow() {
		// 4x4 input 1..16, 3x3 ones, stride 2, same: 2x2 output, total padding 1 per axis, 0 before and 1 after.
		// (0,0) rows 0-2 cols 0-2: 54; (0,1) rows 0-2 cols 2-3: 45; (1,0) rows 2-3 cols 0-2: 72; (1,1) rows 2-3 cols 2-3: 54.
		// Padding before (PyTorch-style) would give 14, 33, 57, 106 instead.
		float[] ones = new float[9];
		java.util.Arrays.fill(ones, 1);
		WeightStore w = new WeightStore().put("c.weight", new int[] { 1, 1, 3, 3 }, ones);
		assertArrayEquals(new float[] { 54, 45, 72, 54 }, run("network n { input [1, 4, 4] c: conv2d(1, kernel: 3, stride: 2,"
				+ " padding: same) linear }", w, range(1, 16), 1, 4, 4), EPS);
	}

	@Test
	void dilatedConvolutionSkipsEveryOtherPixel() {
		// 5x5 input 1..25, 3x3 ones dilated by 2: the one output reads rows and columns 0, 2, 4:
		// 1+3+5 + 11+13+15 + 21+23+25 = 117 (oneDNN refuses dilation in nd4j M2.1; the op runs without it)
		float[] ones = new float[9];
		java.util.Arrays.fill(ones, 1);
		WeightStore w = new WeightStore().put("c.weight", new int[] { 1, 1, 3, 3 }, ones);
		assertArrayEquals(new float[] { 117 }, run("network n { input [1, 5, 5] c: conv2d(1, kernel: 3, dilation: 2) linear }", w,
				range(1, 25), 1, 5, 5), EPS);
	}

	@Test
	void explicitPaddingPadsBothSides() {
		// 1x1 input (5), 3x3 kernel 1..9, padding 1: only the centre tap (5) meets the input
		WeightStore w = new WeightStore().put("c.weight", new int[] { 1, 1, 3, 3 }, range(1, 9));
		assertArrayEquals(new float[] { 25 }, run("network n { input [1, 1, 1] c: conv2d(1, kernel: 3, padding: 1) linear }", w,
				new float[] { 5 }, 1, 1, 1), EPS);
	}

	@Test
	void depthwiseOutputChannelIsInputTimesMultiplierPlusJ() {
		// channels (1,2,3,4) and (10,20,30,40) as 2x2; multiplier 2, kernel 2: one output per channel·m + j
		// ch0·j0 picks (0,0)=1, ch0·j1 picks (1,1)=4, ch1·j0 sums all = 100, ch1·j1 picks (0,1)=20 (+ bias 1)
		WeightStore w = new WeightStore()
				.put("dw.weight", new int[] { 4, 1, 2, 2 }, new float[] { 1, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 1, 0, 0 })
				.put("dw.bias", new int[] { 4 }, new float[] { 0, 0, 0, 1 });
		assertArrayEquals(new float[] { 1, 4, 100, 21 }, run("network n { input [2, 2, 2] dw: depthwise_conv2d(multiplier: 2,"
				+ " kernel: 2) linear }", w, new float[] { 1, 2, 3, 4, 10, 20, 30, 40 }, 2, 2, 2), EPS);
	}

	@Test
	void conv1d() {
		// x = 1..5, kernel (2, 1): 2·x[i] + x[i+1] = 4, 7, 10, 13
		WeightStore w = new WeightStore().put("c.weight", new int[] { 1, 1, 2 }, new float[] { 2, 1 });
		assertArrayEquals(new float[] { 4, 7, 10, 13 },
				run("network n { input [1, 5] c: conv1d(1, kernel: 2) linear }", w, range(1, 5), 1, 5), EPS);
	}

	@Test
	void maxAndAveragePooling() {
		float[] x = range(1, 16);
		assertArrayEquals(new float[] { 6, 8, 14, 16 }, run("network n { input [1, 4, 4] maxpool 2 }", new WeightStore(), x, 1, 4, 4), EPS);
		assertArrayEquals(new float[] { 3.5f, 5.5f, 11.5f, 13.5f },
				run("network n { input [1, 4, 4] avgpool 2 }", new WeightStore(), x, 1, 4, 4), EPS);
	}

	@Test
	void samePaddedAveragePoolingCountsOnlyRealInputs() {
		// pool 3, stride 2, same on 4x4: windows rows/cols {0-2} and {2-3}: sums 54, 45, 72, 54 over 9, 6, 6, 4 inputs
		float[] x = range(1, 16);
		assertArrayEquals(new float[] { 6, 7.5f, 12, 13.5f }, run("network n { input [1, 4, 4] avgpool(3, stride: 2, padding: same) }",
				new WeightStore(), x, 1, 4, 4), EPS);
		assertArrayEquals(new float[] { 11, 12, 15, 16 }, run("network n { input [1, 4, 4] maxpool(3, stride: 2, padding: same) }",
				new WeightStore(), x, 1, 4, 4), EPS);
	}

	@Test
	void sumPoolingAddsTheRealInputsOfEachWindow() {
		// the same windows as above: sums 54, 45, 72, 54 (padding adds nothing); valid 2 × 2 windows: 14, 22, 46, 54
		float[] x = range(1, 16);
		assertArrayEquals(new float[] { 54, 45, 72, 54 }, run("network n { input [1, 4, 4] sumpool(3, stride: 2, padding: same) }",
				new WeightStore(), x, 1, 4, 4), EPS);
		assertArrayEquals(new float[] { 14, 22, 46, 54 }, run("network n { input [1, 4, 4] sumpool 2 }", new WeightStore(), x, 1, 4, 4), EPS);
	}

	@Test
	void oneDimensionalPooling() {
		assertArrayEquals(new float[] { 2, 4 }, run("network n { input [1, 5] maxpool1d 2 }", new WeightStore(), range(1, 5), 1, 5), EPS);
		assertArrayEquals(new float[] { 1.5f, 3.5f }, run("network n { input [1, 5] avgpool1d 2 }", new WeightStore(), range(1, 5), 1, 5), EPS);
	}

	@Test
	void globalPooling() {
		float[] x = { 1, 2, 3, 4, 10, 20, 30, 40 };
		assertArrayEquals(new float[] { 2.5f, 25 }, run("network n { input [2, 2, 2] globalavgpool }", new WeightStore(), x, 2, 2, 2), EPS);
		assertArrayEquals(new float[] { 4, 40 }, run("network n { input [2, 2, 2] globalmaxpool }", new WeightStore(), x, 2, 2, 2), EPS);
	}

	@Test
	void flattenReadsChannelRowColumnAndReshapeRestores() {
		float[] x = { 1, 2, 3, 4, 10, 20, 30, 40 };
		assertArrayEquals(x, run("network n { input [2, 2, 2] flatten }", new WeightStore(), x, 2, 2, 2), 0);
		INDArray out = AnnModel.of(network("network n { input [2, 2, 2] flatten reshape [2, 4] }"), new WeightStore())
				.predict(sample(x, 2, 2, 2));
		assertArrayEquals(new long[] { 1, 2, 4 }, out.shape());
		assertArrayEquals(x, values(out), 0);
	}

	@Test
	void parallelConcatenatesAndAddSums() {
		WeightStore w = new WeightStore().put("a.weight", new int[] { 2, 1 }, new float[] { 1, 1 })
				.put("b.weight", new int[] { 2, 2 }, new float[] { 1, 0, 0, 1 }).put("b.bias", new int[] { 2 }, new float[] { 5, 5 });
		assertArrayEquals(new float[] { 3, 6, 7 },
				run("network n { input [2] (a: dense 1 linear | b: dense 2 linear) }", w, new float[] { 1, 2 }, 2), EPS);
		WeightStore w2 = new WeightStore().put("a.weight", new int[] { 2, 2 }, new float[] { 1, 1, 1, 1 })
				.put("b.weight", new int[] { 2, 2 }, new float[] { 1, 0, 0, 1 });
		assertArrayEquals(new float[] { 4, 5 },
				run("network n { input [2] (a: dense 2 linear + b: dense 2 linear) }", w2, new float[] { 1, 2 }, 2), EPS);
	}

	@Test
	void addedParallelBranchesOfDifferentSplitsSumValueByValue() {
		// (a | b) = (x0, x0, x1) and (c | d) = (x0 + x1, x0, x1): the sum (2·x0 + x1, 2·x0, 2·x1) = (4, 2, 4) for x = (1, 2)
		WeightStore w = new WeightStore().put("a.weight", new int[] { 2, 1 }, new float[] { 1, 0 })
				.put("b.weight", new int[] { 2, 2 }, new float[] { 1, 0, 0, 1 })
				.put("c.weight", new int[] { 2, 2 }, new float[] { 1, 1, 1, 0 })
				.put("d.weight", new int[] { 2, 1 }, new float[] { 0, 1 });
		assertArrayEquals(new float[] { 4, 2, 4 }, run("network n { input [2] ((a: dense 1 linear | b: dense 2 linear)"
				+ " + (c: dense 2 linear | d: dense 1 linear)) }", w, new float[] { 1, 2 }, 2), EPS);
	}

	@Test
	void anActivationLayerStartingABranchIsNotPartOfTheLayerBefore() {
		WeightStore w = new WeightStore().put("d.weight", new int[] { 1, 2 }, new float[] { 1, -1 });
		List<LayerActivation> acts = AnnModel.of(network("network n { input [1] d: dense 2 linear (activation relu | identity) }"), w)
				.activations(sample(new float[] { 3 }, 1));
		assertArrayEquals(new float[] { 3, -3 }, values(acts.get(0).postActivation()), EPS);
	}

	@Test
	void parallelFeatureMapsConcatenateOnChannels() {
		WeightStore w = new WeightStore().put("a.weight", new int[] { 1, 1, 1, 1 }, new float[] { 2 })
				.put("b.weight", new int[] { 1, 1, 1, 1 }, new float[] { 3 });
		assertArrayEquals(new float[] { 2, 4, 6, 8, 3, 6, 9, 12 }, run("network n { input [1, 2, 2] (a: conv2d(1, kernel: 1) linear"
				+ " | b: conv2d(1, kernel: 1) linear) }", w, new float[] { 1, 2, 3, 4 }, 1, 2, 2), EPS);
	}

	@Test
	void dropoutAndIdentityAreSkippedAndUnlabelledLayersAreNumbered() {
		// layer1 dense, layer2 dropout, layer3 identity, layer4 dense
		WeightStore w = new WeightStore().put("layer1.weight", new int[] { 1, 1 }, new float[] { 2 })
				.put("layer4.weight", new int[] { 1, 1 }, new float[] { 3 });
		AnnModel model = AnnModel.of(network("network n { input [1] dense 1 linear dropout 0.5 identity dense 1 linear }"), w);
		assertArrayEquals(new float[] { 6 }, values(model.predict(sample(new float[] { 1 }, 1))), EPS);
		assertEquals(List.of("layer1", "layer4"), model.activations(sample(new float[] { 1 }, 1)).stream().map(LayerActivation::name).toList());
	}

	@Test
	void activationLayerAfterLinearLayerIsItsPostActivation() {
		WeightStore w = new WeightStore().put("d.weight", new int[] { 1, 2 }, new float[] { 1, -1 });
		List<LayerActivation> acts = AnnModel.of(network("network n { input [1] d: dense 2 linear activation relu }"), w)
				.activations(sample(new float[] { 2 }, 1));
		assertArrayEquals(new float[] { 2, -2 }, values(acts.get(0).preActivation()), EPS);
		assertArrayEquals(new float[] { 2, 0 }, values(acts.get(0).postActivation()), EPS);
	}

	@Test
	void batchesAreIndependentSamples() {
		WeightStore w = new WeightStore().put("d.weight", new int[] { 2, 1 }, new float[] { 1, 10 });
		INDArray x = org.nd4j.linalg.factory.Nd4j.create(new float[] { 1, 2, 3, 4, 5, 6 }, new long[] { 3, 2 }, 'c');
		assertArrayEquals(new float[] { 21, 43, 65 }, values(AnnModel.of(network("network n { input [2] d: dense 1 linear }"), w).predict(x)), EPS);
	}

	@Test
	void batchNormIsRefusedWithAClearMessage() {
		AnnException e = assertThrows(AnnException.class,
				() -> AnnModel.of(network("network n { input [1, 2, 2] bn: batchnorm }"), new WeightStore()));
		assertTrue(e.getMessage().contains("batchnorm") && e.getMessage().contains("fold"), e.getMessage());
	}

	@Test
	void missingOrMisshapenWeightsAreNamed() {
		AnnException missing = assertThrows(AnnException.class,
				() -> AnnModel.of(network("network n { input [2] fc: dense 3 }"), new WeightStore()));
		assertTrue(missing.getMessage().contains("fc.weight"), missing.getMessage());
		AnnException shape = assertThrows(AnnException.class, () -> AnnModel.of(network("network n { input [2] fc: dense 3 }"),
				new WeightStore().put("fc.weight", new int[] { 3, 2 }, new float[6])));
		assertTrue(shape.getMessage().contains("[2, 3]"), shape.getMessage());
	}
}
