package org.volr.convert.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.volr.ann.AnnModel;
import org.volr.ann.LayerActivation;
import org.volr.convert.ConversionResult;
import org.volr.convert.Converter;
import org.volr.core.data.ArrayDataset;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Conversion;
import org.volr.model.Network;
import org.volr.model.Normalization;
import org.volr.model.VolrFactory;
import org.volr.net.ResolvedNetwork;

/** A QCFS layer's learnt clip λ is its threshold scale in the conversion, not a percentile of its activations. */
class LearntClipConversionTest {
	private static final String SMALL = "network small { input [2] h: dense 3 relu o: dense 2 softmax }";
	private static final float[] X = { 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0f, 0.2f, 0.6f, 0f, 0f };

	private static ResolvedNetwork network() {
		return Resolved.of((Network) VolrLanguage.create().parse(SMALL).getElements().get(0));
	}

	/** h = (x0, x1, x0 + x1) quantised with λ = 0.5, L = 4; o = (h0 + h2 + 0.1, −h0 + 2·h1 − 0.1). */
	private static WeightStore qcfsWeights() {
		return new WeightStore().put("h.weight", new int[] { 2, 3 }, new float[] { 1, 0, 1, 0, 1, 1 })
				.put("h.clip", new int[] { 1 }, new float[] { 0.5f }).put("h.levels", new int[] { 1 }, new float[] { 4 })
				.put("o.weight", new int[] { 3, 2 }, new float[] { 1, -1, 0, 2, 1, 0 })
				.put("o.bias", new int[] { 2 }, new float[] { 0.1f, -0.1f });
	}

	private static ConversionResult convert(boolean channelwise) {
		Conversion c = VolrFactory.eINSTANCE.createConversion();
		c.setNormalization(Normalization.PERCENTILE);
		c.setPercentile(50);
		c.setChannelwise(channelwise);
		return Converter.convert(network(), qcfsWeights(), c, new ArrayDataset("five", new int[] { 2 }, 2, X.clone(), new int[5]),
				Progress.NONE);
	}

	@Test
	void theQcfsLayerIsScaledByItsLambdaAndTheOutputLayerByItsPercentile() {
		for (boolean channelwise : new boolean[] { false, true }) {
			ConversionResult r = convert(channelwise);
			// the median of h's positive values would be 0.5 as well, so λ = 0.5 is checked through the weights and the clip
			assertArrayEquals(new float[] { 0.5f }, r.scales().get(0).lambda(), 0f);
			assertEquals(0.0, r.scales().get(0).clipped());
			assertArrayEquals(new float[] { 2, 0, 2, 0, 2, 2 }, r.converted().get("h.weight").data(), 1e-6f);
			// the rescaled network's ANN clips at λ / λ = 1 with the same levels
			assertArrayEquals(new float[] { 1f }, r.converted().get("h.clip").data(), 0f);
			assertArrayEquals(new float[] { 4f }, r.converted().get("h.levels").data(), 0f);
			assertEquals(channelwise ? 2 : 1, r.scales().get(1).lambda().length);
		}
	}

	/** The converted network's ANN computes the original's activations divided by λ: exact, quantisation included. */
	@Test
	void theRescaledQcfsNetworkComputesTheOriginalDividedByLambda() {
		ConversionResult r = convert(false);
		var x = org.nd4j.linalg.factory.Nd4j.create(X.clone(), new long[] { 5, 2 }, 'c');
		List<LayerActivation> before = AnnModel.of(network(), qcfsWeights()).activations(x);
		List<LayerActivation> after = AnnModel.of(network(), r.converted()).activations(x);
		float[] b = before.get(0).postActivation().dup('c').data().asFloat(), a = after.get(0).postActivation().dup('c').data().asFloat();
		for (int i = 0; i < b.length; i++)
			assertEquals(b[i] / 0.5f, a[i], 1e-6f, "value " + i);
		// quantised to steps of λ/L = 0.125 before, 0.25 after
		for (float v : a)
			assertEquals(0f, v % 0.25f, 1e-6f);
	}
}
