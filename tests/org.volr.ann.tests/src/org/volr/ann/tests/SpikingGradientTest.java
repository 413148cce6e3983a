package org.volr.ann.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.volr.ann.snn.SpikingNet;
import org.volr.ann.snn.SpikingNeurons;
import org.volr.ann.snn.SurrogateGradient;
import org.volr.core.nd4j.Nd4jSupport;
import org.volr.model.ResetMode;
import org.volr.model.SpikeLoss;
import org.volr.model.Surrogate;

/**
 * The BPTT of spiking training against finite differences: with the threshold's step replaced by the surrogate's
 * smooth function h (SurrogateGradient#smooth, whose derivative is the surrogate), the loss is differentiable and
 * the backward pass must be its exact gradient, through time, through the reset and through every layer.
 */
class SpikingGradientTest {
	private static final int[] SIZES = { 6, 5, 4, 3 };
	private static final int STEPS = 7, SAMPLES = 4;

	@ParameterizedTest
	@CsvSource({ "1.0, SUBTRACT, FAST_SIGMOID, COUNTS", "0.9, SUBTRACT, ARCTAN, COUNTS", "0.9, ZERO, FAST_SIGMOID, COUNTS",
			"1.0, ZERO, ARCTAN, MEMBRANE", "0.8, SUBTRACT, FAST_SIGMOID, MEMBRANE", "0.9, SUBTRACT, FAST_SIGMOID, RATE_MSE",
			"1.0, ZERO, ARCTAN, RATE_MSE" })
	void backwardIsTheGradientOfTheSmoothForward(float leak, ResetMode reset, Surrogate kind, SpikeLoss loss) {
		Nd4jSupport.init();
		SplittableRandom random = new SplittableRandom(3);
		float[][] w = new float[SIZES.length - 1][], b = new float[SIZES.length - 1][];
		for (int l = 0; l < w.length; l++) {
			w[l] = values(SIZES[l] * SIZES[l + 1], 0.8, random);
			b[l] = values(SIZES[l + 1], 0.3, random);
		}
		float[] x = values(SAMPLES * SIZES[0], 1, random);
		for (int i = 0; i < x.length; i++)
			x[i] = Math.abs(x[i]);
		int[] labels = { 0, 2, 1, 2 };
		SpikingNeurons neurons = new SpikingNeurons(0.7f, leak, 0.05f, reset, 0.1f);
		SpikingNet net = new SpikingNet(SIZES, w, b, List.of(neurons, neurons, neurons), STEPS, loss, new SurrogateGradient(kind, 2f), true);
		SpikingNet.Gradient g = net.backward(net.forward(x, SAMPLES), labels);
		int checked = 0;
		for (int l = 0; l < w.length; l++) {
			for (int i = 0; i < w[l].length; i += 2, checked++)
				assertClose(g.weights()[l][i], numeric(net, x, labels, w[l], i), "dL/dW" + l + "[" + i + "]");
			for (int i = 0; i < b[l].length; i++, checked++)
				assertClose(g.biases()[l][i], numeric(net, x, labels, b[l], i), "dL/db" + l + "[" + i + "]");
		}
		assertTrue(checked > 30);
	}

	/** The central difference of the loss in parameter p[i] (p is one of the net's own arrays). */
	private static double numeric(SpikingNet net, float[] x, int[] labels, float[] p, int i) {
		float keep = p[i], eps = 2e-3f;
		p[i] = keep + eps;
		double up = net.loss(net.forward(x, SAMPLES), labels);
		p[i] = keep - eps;
		double down = net.loss(net.forward(x, SAMPLES), labels);
		p[i] = keep;
		return (up - down) / (2 * eps);
	}

	/** Within 2 % of the larger or 2e-4 (float's rounding of a loss near 1, divided by the step). */
	private static void assertClose(double analytic, double numeric, String what) {
		double tolerance = 0.02 * Math.max(Math.abs(analytic), Math.abs(numeric)) + 2e-4;
		assertTrue(Math.abs(analytic - numeric) <= tolerance, what + ": backward " + analytic + ", finite differences " + numeric);
	}

	private static float[] values(int n, double scale, SplittableRandom random) {
		float[] v = new float[n];
		for (int i = 0; i < n; i++)
			v[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
		return v;
	}
}
