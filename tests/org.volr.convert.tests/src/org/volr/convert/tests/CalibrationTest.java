package org.volr.convert.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.volr.convert.Calibration;
import org.volr.convert.ConversionResult;
import org.volr.convert.Converter;
import org.volr.core.data.ArrayDataset;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Conversion;
import org.volr.model.InitialPotential;
import org.volr.model.Network;
import org.volr.model.Normalization;
import org.volr.model.VolrFactory;
import org.volr.net.ResolvedNetwork;

/**
 * Threshold calibration for few steps (Calibration): the quantiser a spiking layer is in T steps, the threshold that
 * loses least to it, and the bias correction for what is still lost.
 */
class CalibrationTest {
	@Test
	void aLayerPassesOnTPlusOneValuesRoundedWithHalfTheThresholdFlooredWithout() {
		// λ = 1, T = 4: levels 0, .25, .5, .75, 1
		assertEquals(0f, Calibration.quantise(0.12f, 1f, 4, InitialPotential.HALF)); // floor(.48 + .5) = 0
		assertEquals(0.25f, Calibration.quantise(0.13f, 1f, 4, InitialPotential.HALF)); // floor(.52 + .5) = 1
		assertEquals(0f, Calibration.quantise(0.24f, 1f, 4, InitialPotential.ZERO)); // floor(.96) = 0
		assertEquals(0.25f, Calibration.quantise(0.25f, 1f, 4, InitialPotential.ZERO));
		assertEquals(1f, Calibration.quantise(2.7f, 1f, 4, InitialPotential.HALF)); // clipped at T spikes
		assertEquals(0f, Calibration.quantise(-1f, 1f, 4, InitialPotential.HALF));
		assertEquals(1.5f, Calibration.quantise(1.3f, 2f, 4, InitialPotential.HALF)); // λ = 2: floor(2.6 + .5) = 3 → 3·2/4
	}

	/**
	 * ReLU activations of a layer (a half-normal bulk with a long tail, seeded): the 99.9th percentile, right for many steps,
	 * puts most values between the first few of T + 1 levels; the calibrated λ loses less to the quantiser, for both starts.
	 */
	@Test
	void theCalibratedThresholdBeatsThePercentileOnTheQuantisationError() {
		Random r = new Random(7);
		float[] a = new float[20_000];
		for (int i = 0; i < a.length; i++)
			a[i] = (float) Math.max(0, r.nextGaussian() * (r.nextDouble() < 0.02 ? 4 : 1));
		float[] sorted = a.clone();
		Arrays.sort(sorted);
		double rank = 0.999 * (sorted.length - 1); // numpy's percentile, as Normalization takes it (over all values here)
		float percentile = (float) (sorted[(int) rank] + (sorted[(int) rank + 1] - sorted[(int) rank]) * (rank - (int) rank));
		for (int steps : new int[] { 2, 4, 8 })
			for (InitialPotential init : InitialPotential.values()) {
				float calibrated = Calibration.threshold(a, a.length, steps, init);
				double withPercentile = Calibration.quantisationError(a, a.length, percentile, steps, init);
				double withCalibrated = Calibration.quantisationError(a, a.length, calibrated, steps, init);
				System.out.printf("T = %d, init %s: percentile λ %.3f error %.1f, calibrated λ %.3f error %.1f%n", steps, init.getLiteral(),
						percentile, withPercentile, calibrated, withCalibrated);
				assertTrue(withCalibrated < 0.9 * withPercentile, "T = " + steps + ", " + init + ": " + withCalibrated + " against " + withPercentile);
				assertTrue(calibrated < percentile, "few steps want a lower threshold");
			}
	}

	/**
	 * h = relu(x), x uniform in [0, 1), o = h; T = 2 with membranes from 0 (floor): the quantised h is on average lower than h
	 * by about λ/(2T); the calibration's bias shift makes up for it, so that the mean of what h passes on is close to the ANN's.
	 */
	@Test
	void theBiasCorrectionMakesUpForTheMeanQuantisationError() {
		ResolvedNetwork net = Resolved.of((Network) VolrLanguage.create().parse("network n { input [1] h: dense 1 relu o: dense 1 linear }")
				.getElements().get(0));
		WeightStore w = new WeightStore().put("h.weight", new int[] { 1, 1 }, new float[] { 1 }).put("o.weight", new int[] { 1, 1 },
				new float[] { 1 });
		Random r = new Random(3);
		float[] x = new float[400];
		for (int i = 0; i < x.length; i++)
			x[i] = r.nextFloat();
		ArrayDataset data = new ArrayDataset("uniform", new int[] { 1 }, 1, x, new int[x.length]);
		Conversion c = VolrFactory.eINSTANCE.createConversion();
		c.setNormalization(Normalization.PERCENTILE);
		c.setInit(InitialPotential.ZERO);
		c.setSamples(x.length);
		c.setCalibration(VolrFactory.eINSTANCE.createQuantity());
		c.getCalibration().setValue(2);
		Calibration.Result result = Calibration.calibrate(net, w, data, c, Progress.NONE);
		float lambda = result.scales().get(0).lambda(0);
		float shift = result.layers().get(0).biasShift()[0];
		double ann = 0, before = 0, after = 0;
		for (float v : x) {
			ann += v;
			before += Calibration.quantise(v, lambda, 2, InitialPotential.ZERO);
			after += Calibration.quantise(Math.max(0, v + shift), lambda, 2, InitialPotential.ZERO);
		}
		ann /= x.length;
		before /= x.length;
		after /= x.length;
		System.out.printf("λ %.3f, shift %.4f: mean activation %.4f, quantised %.4f, after the correction %.4f%n", lambda, shift, ann, before, after);
		assertTrue(shift > 0.1 * lambda, "floor loses about λ/(2T) on average: the bias goes up, " + shift);
		assertTrue(Math.abs(after - ann) < 0.5 * Math.abs(before - ann), "the correction halves the mean error at least");
		assertEquals(shift, result.weights().get("h.bias").data()[0], 1e-6, "a layer without a bias gets one");
		// the converted network carries it, divided by λ like any bias; the report says how far below the maximum λ went
		ConversionResult converted = Converter.convert(net, w, c, data, Progress.NONE);
		assertEquals(shift / lambda, converted.converted().get("h.bias").data()[0], 1e-5);
		assertEquals(1, converted.calibration().get(0).steps() / 2);
		assertTrue(converted.calibration().get(0).meanScale() <= 1 && converted.calibration().get(0).meanScale() > 0.05);
	}

	/**
	 * Channel-wise, every hidden unit gets its own λ from its own activations, the output layer one for all its classes;
	 * the bias is corrected per unit either way. h = (x, 3x), x uniform: h1's λ is three times h0's (the grid scales).
	 */
	@Test
	void channelwiseHiddenLayersGetALambdaPerUnitTheOutputOne() {
		ResolvedNetwork net = Resolved.of((Network) VolrLanguage.create().parse("network n { input [1] h: dense 2 relu o: dense 2 linear }")
				.getElements().get(0));
		WeightStore w = new WeightStore().put("h.weight", new int[] { 1, 2 }, new float[] { 1, 3 }).put("o.weight", new int[] { 2, 2 },
				new float[] { 1, 0, 0, 1 });
		Random r = new Random(5);
		float[] x = new float[300];
		for (int i = 0; i < x.length; i++)
			x[i] = r.nextFloat();
		Conversion c = VolrFactory.eINSTANCE.createConversion();
		c.setChannelwise(true);
		c.setInit(InitialPotential.HALF);
		c.setCalibration(VolrFactory.eINSTANCE.createQuantity());
		c.getCalibration().setValue(4);
		Calibration.Result result = Calibration.calibrate(net, w, new ArrayDataset("u", new int[] { 1 }, 1, x, new int[x.length]), c, Progress.NONE);
		float[] hidden = result.scales().get(0).lambda();
		assertEquals(2, hidden.length);
		assertEquals(3 * hidden[0], hidden[1], 1e-4 * hidden[1]);
		assertEquals(1, result.scales().get(1).lambda().length, "one λ for the classes");
		assertEquals(2, result.layers().get(0).biasShift().length);
		assertEquals(2, result.layers().get(1).biasShift().length, "the output's bias is corrected per class");
	}
}
