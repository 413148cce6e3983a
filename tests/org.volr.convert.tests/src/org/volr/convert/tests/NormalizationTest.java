package org.volr.convert.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.volr.ann.AnnModel;
import org.volr.ann.LayerActivation;
import org.volr.convert.ConversionException;
import org.volr.convert.ConversionResult;
import org.volr.convert.Converter;
import org.volr.convert.LayerScale;
import org.volr.core.data.ArrayDataset;
import org.volr.core.nd4j.Nd4jSupport;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Conversion;
import org.volr.model.Network;
import org.volr.model.Normalization;
import org.volr.model.VolrFactory;
import org.volr.net.ResolvedNetwork;

/** Data-based normalisation: λ from percentiles of known activations, the weight formulas, and exactness. */
class NormalizationTest {
	/** h = (x0, x1, x0 + x1); o = (h0 + h2 + 0.1, −h0 + 2·h1 − 0.1), softmax. */
	private static final String SMALL = "network small { input [2] h: dense 3 relu o: dense 2 softmax }";
	private static final float[] X = { 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0f, 0.2f, 0.6f, 0f, 0f };

	private static ResolvedNetwork network(String text) {
		return Resolved.of((Network) VolrLanguage.create().parse(text).getElements().get(0));
	}

	private static WeightStore smallWeights() {
		return new WeightStore().put("h.weight", new int[] { 2, 3 }, new float[] { 1, 0, 1, 0, 1, 1 })
				.put("o.weight", new int[] { 3, 2 }, new float[] { 1, -1, 0, 2, 1, 0 })
				.put("o.bias", new int[] { 2 }, new float[] { 0.1f, -0.1f });
	}

	private static ArrayDataset smallData() {
		return new ArrayDataset("five", new int[] { 2 }, 2, X.clone(), new int[5]);
	}

	private static Conversion settings(Normalization kind, double percentile, boolean channelwise, Integer samples) {
		Conversion c = VolrFactory.eINSTANCE.createConversion();
		c.setNormalization(kind);
		c.setPercentile(percentile);
		c.setChannelwise(channelwise);
		if (samples != null)
			c.setSamples(samples);
		return c;
	}

	@Test
	void lambdaIsThePercentileOfPositiveActivations() {
		// positive h values, sorted: .1 .2 .2 .3 .3 .4 .5 .5 .6 .7 .8 (11 of 15; zeros do not count)
		// numpy.percentile: 50 → rank 5 → .4; 90 → rank 9 → .7; 99.9 → rank 9.99 → .7 + .99·.1 = .799 (not 99)
		assertEquals(0.4f, hidden(50).lambda(0), 1e-6);
		assertEquals(0.7f, hidden(90).lambda(0), 1e-6);
		assertEquals(0.799f, hidden(99.9).lambda(0), 1e-6);
		LayerScale max = Converter.convert(network(SMALL), smallWeights(), settings(Normalization.MAX, 0, false, null), smallData(),
				Progress.NONE).scales().get(0);
		assertEquals(0.8f, max.lambda(0), 1e-6);
		assertEquals(0.0, max.clipped());
		// at λ = .7 one value (.8) of 15 is clipped
		assertEquals(1.0 / 15, hidden(90).clipped(), 1e-12);
	}

	private static LayerScale hidden(double percentile) {
		return Converter.convert(network(SMALL), smallWeights(), settings(Normalization.PERCENTILE, percentile, false, null), smallData(),
				Progress.NONE).scales().get(0);
	}

	@Test
	void outputLayerIsNormalisedOnItsPreSoftmaxValues() {
		ConversionResult r = Converter.convert(network(SMALL), smallWeights(), settings(Normalization.PERCENTILE, 50, false, null),
				smallData(), Progress.NONE);
		List<Float> positive = new ArrayList<>();
		for (int s = 0; s < 5; s++) {
			float h0 = X[2 * s], h1 = X[2 * s + 1], h2 = h0 + h1;
			for (float o : new float[] { h0 + h2 + 0.1f, -h0 + 2 * h1 - 0.1f })
				if (o > 0)
					positive.add(o);
		}
		float[] sorted = new float[positive.size()];
		for (int i = 0; i < sorted.length; i++)
			sorted[i] = positive.get(i);
		Arrays.sort(sorted);
		double rank = 0.5 * (sorted.length - 1);
		int lo = (int) Math.floor(rank), hi = (int) Math.ceil(rank);
		float expected = (float) (sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo));
		assertEquals("o", r.scales().get(1).layer());
		assertEquals(expected, r.scales().get(1).lambda(0), 1e-6);
	}

	@Test
	void channelwiseLambdaPerUnit() {
		// unit 0: .1 .2 .3 .5 → rank 1.5 → .25; unit 1: .2 .4 .6 → .4; unit 2: .3 .5 .7 .8 → .6
		ConversionResult r = Converter.convert(network(SMALL), smallWeights(), settings(Normalization.PERCENTILE, 50, true, null),
				smallData(), Progress.NONE);
		assertArrayEquals(new float[] { 0.25f, 0.4f, 0.6f }, r.scales().get(0).lambda(), 1e-6f);
	}

	@Test
	void samplesLimitWhatIsMeasured() {
		// the first two samples only: positive h values .1 .2 .3 .3 .4 .7 → max .7
		ConversionResult r = Converter.convert(network(SMALL), smallWeights(), settings(Normalization.MAX, 0, false, 2), smallData(),
				Progress.NONE);
		assertEquals(0.7f, r.scales().get(0).lambda(0), 1e-6);
	}

	@Test
	void weightsFollowTheFormulas() {
		WeightStore original = smallWeights();
		ConversionResult r = Converter.convert(network(SMALL), original, settings(Normalization.PERCENTILE, 90, false, null),
				smallData(), Progress.NONE);
		float lh = r.scales().get(0).lambda(0), lo = r.scales().get(1).lambda(0);
		float[] wh = original.get("h.weight").data(), wo = original.get("o.weight").data(), bo = original.get("o.bias").data();
		float[] expectedH = new float[wh.length], expectedO = new float[wo.length];
		for (int i = 0; i < wh.length; i++)
			expectedH[i] = wh[i] * 1f / lh; // λ_0 = 1
		for (int i = 0; i < wo.length; i++)
			expectedO[i] = wo[i] * lh / lo;
		assertArrayEquals(expectedH, r.converted().get("h.weight").data(), 1e-6f);
		assertArrayEquals(expectedO, r.converted().get("o.weight").data(), 1e-6f);
		assertArrayEquals(new float[] { bo[0] / lo, bo[1] / lo }, r.converted().get("o.bias").data(), 1e-6f);
		assertTrue(!r.converted().contains("h.bias"), "a missing bias stays missing (zero)");
		// the input store is not changed
		assertEquals(smallWeights().get("o.weight"), original.get("o.weight"));
	}

	@Test
	void noneKeepsTheWeights() {
		ConversionResult r = Converter.convert(network(SMALL), smallWeights(), settings(Normalization.NONE, 0, false, null), smallData(),
				Progress.NONE);
		for (String name : smallWeights().names())
			assertEquals(smallWeights().get(name), r.converted().get(name));
	}

	/** A conv net with pooling, flatten and a parallel fork: converted activations × λ equal the originals. */
	@Test
	void scaledActivationsReproduceTheOriginal() {
		String cnn = "network cnn { input [2, 6, 6] c: conv2d(3, kernel: 3, padding: same) relu p: maxpool 2"
				+ " dw: depthwise_conv2d(multiplier: 2, kernel: 2) relu f: flatten"
				+ " (a: dense 5 relu | b: dense 4 relu) o: dense 3 softmax }";
		Random random = new Random(5);
		WeightStore w = new WeightStore().put("c.weight", new int[] { 3, 2, 3, 3 }, uniform(random, 54, -1, 1))
				.put("c.bias", new int[] { 3 }, uniform(random, 3, -0.1f, 0.1f))
				.put("dw.weight", new int[] { 6, 1, 2, 2 }, uniform(random, 24, -1, 1))
				.put("dw.bias", new int[] { 6 }, uniform(random, 6, -0.1f, 0.1f))
				.put("a.weight", new int[] { 24, 5 }, uniform(random, 120, -1, 1))
				.put("b.weight", new int[] { 24, 4 }, uniform(random, 96, -1, 1))
				.put("b.bias", new int[] { 4 }, uniform(random, 4, -0.1f, 0.1f))
				.put("o.weight", new int[] { 9, 3 }, uniform(random, 27, -1, 1))
				.put("o.bias", new int[] { 3 }, uniform(random, 3, -0.1f, 0.1f));
		ArrayDataset data = new ArrayDataset("random", new int[] { 2, 6, 6 }, 3, uniform(random, 20 * 72, 0, 1), new int[20]);
		for (boolean channelwise : new boolean[] { false, true }) {
			ResolvedNetwork net = network(cnn);
			ConversionResult r = Converter.convert(net, w, settings(Normalization.PERCENTILE, 99, channelwise, null), data, Progress.NONE);
			assertEquals(List.of("c", "dw", "a", "b", "o"), r.scales().stream().map(LayerScale::layer).toList());
			Nd4jSupport.init();
			INDArray x = Nd4j.create(uniform(random, 4 * 72, 0, 1), new long[] { 4, 2, 6, 6 }, 'c');
			List<LayerActivation> before = AnnModel.of(net, w).activations(x), after = AnnModel.of(net, r.converted()).activations(x);
			for (int l = 0; l < before.size(); l++) {
				LayerScale s = r.scales().get(l);
				INDArray original = before.get(l).preActivation(), scaled = after.get(l).preActivation();
				float[] o = original.dup('c').data().asFloat(), c = scaled.dup('c').data().asFloat();
				long channels = original.size(1), perChannel = o.length / original.size(0) / channels;
				for (int i = 0; i < o.length; i++) {
					int channel = (int) ((i / perChannel) % channels);
					assertEquals(o[i], c[i] * s.lambda(channel), 1e-4 * Math.max(1, Math.abs(o[i])),
							"layer " + s.layer() + " value " + i + (channelwise ? " (channel-wise)" : ""));
				}
			}
		}
	}

	@Test
	void conversionIsDeterministic() {
		Conversion s = settings(Normalization.PERCENTILE, 99.9, true, null);
		ConversionResult a = Converter.convert(network(SMALL), smallWeights(), s, smallData(), Progress.NONE);
		ConversionResult b = Converter.convert(network(SMALL), smallWeights(), s, smallData(), Progress.NONE);
		for (String name : a.converted().names())
			assertEquals(a.converted().get(name), b.converted().get(name));
	}

	@Test
	void addOfDifferentlyScaledBranchesIsRefused() {
		WeightStore w = new WeightStore().put("a.weight", new int[] { 2, 2 }, new float[] { 1, 0, 0, 1 })
				.put("b.weight", new int[] { 2, 2 }, new float[] { 3, 0, 0, 3 }).put("o.weight", new int[] { 2, 2 }, new float[] { 1, 0, 0, 1 });
		assertThrows(ConversionException.class, () -> Converter.convert(network("network n { input [2] (a: dense 2 + b: dense 2) o: dense 2 }"),
				w, settings(Normalization.MAX, 0, false, null), smallData(), Progress.NONE));
	}

	private static float[] uniform(Random random, int n, float from, float to) {
		float[] v = new float[n];
		for (int i = 0; i < n; i++)
			v[i] = from + (to - from) * random.nextFloat();
		return v;
	}
}
