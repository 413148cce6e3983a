package org.volr.ann.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.ann.tests.Nets.network;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.volr.ann.AnnException;
import org.volr.ann.AnnModel;
import org.volr.ann.LayerActivation;
import org.volr.ann.Qcfs;
import org.volr.core.nd4j.Nd4jSupport;
import org.volr.core.weights.WeightStore;
import org.volr.net.QcfsLayers;

/**
 * The quantisation-clip-floor-shift activation â = λ/L · clip(⌊z·L/λ + ½⌋, 0, L): its values on both sides of the
 * rounding boundaries, its straight-through gradients, and the ANN computing it where the weights give a clip.
 */
class QcfsActivationTest {
	/** λ = 2, L = 4: steps of ½, rounding boundaries at z = ¼ + k·½ (exact in binary). */
	private static final Qcfs Q = new Qcfs(2f, 4);

	private static float[] apply(Qcfs q, float... z) {
		Nd4jSupport.init();
		return Nets.values(q.apply(Nd4j.create(z, new long[] { z.length }, 'c')));
	}

	@Test
	void valuesRoundToTheNearestLevelAndClipAtZeroAndLambda() {
		// just below a boundary by 10⁻⁴ (one float step below would round up in z·L/λ + ½ already)
		float[] z = { -1f, 0f, 0.2499f, 0.25f, 0.7f, 0.75f, 1.25f, 1.7499f, 1.75f, 2f, 5f };
		float[] expected = { 0f, 0f, 0f, 0.5f, 0.5f, 1f, 1.5f, 1.5f, 2f, 2f, 2f };
		assertArrayEquals(expected, apply(Q, z), 0f);
		// L = 1 is a step at λ/2: the first spike of a neuron started at θ/2
		assertArrayEquals(new float[] { 0f, 4f, 4f }, apply(new Qcfs(4f, 1), 1.999f, 2f, 9f), 0f);
	}

	@Test
	void badParametersAreRefused() {
		assertThrows(AnnException.class, () -> new Qcfs(0f, 4));
		assertThrows(AnnException.class, () -> new Qcfs(1f, 0));
	}

	/** z as a variable, â summed: ∂/∂z = 1 strictly inside (0, λ), else 0; the graph's values are the ANN's. */
	@Test
	void gradientWithRespectToZPassesStraightThroughInsideTheClip() {
		float[] z = { -0.5f, 0.1f, 0.25f, 0.6f, 1.3f, 1.9f, 2.5f };
		Gradients g = gradients(z, 2f, 4);
		assertArrayEquals(new float[] { 0, 1, 1, 1, 1, 1, 0 }, g.dz, 0f);
		assertArrayEquals(apply(Q, z), g.values, 0f);
	}

	/** ∂â/∂λ = (â − z)/λ inside (0, λ), 1 above λ, 0 below 0 (Bu et al.'s gradient, through their GradFloor). */
	@Test
	void gradientWithRespectToLambdaIsThePapers() {
		float lambda = 2f;
		assertEquals(0f, gradients(new float[] { -0.5f }, lambda, 4).dLambda, 1e-7);
		assertEquals((0.5f - 0.6f) / lambda, gradients(new float[] { 0.6f }, lambda, 4).dLambda, 1e-6);
		assertEquals((1f - 0.9f) / lambda, gradients(new float[] { 0.9f }, lambda, 4).dLambda, 1e-6);
		assertEquals(1f, gradients(new float[] { 3f }, lambda, 4).dLambda, 1e-6);
		// over several values the gradients add up
		assertEquals((0.5f - 0.6f) / lambda + 1f, gradients(new float[] { 0.6f, 3f, -1f }, lambda, 4).dLambda, 1e-6);
	}

	private record Gradients(float[] values, float[] dz, float dLambda) {
	}

	private static Gradients gradients(float[] z, float lambda, int levels) {
		Nd4jSupport.init();
		SameDiff sd = SameDiff.create();
		SDVariable zv = sd.var("z", Nd4j.create(z, new long[] { z.length }, 'c'));
		SDVariable lv = sd.var("lambda", Nd4j.scalar(lambda));
		SDVariable y = Qcfs.graph(sd, zv, lv, levels);
		SDVariable loss = y.sum();
		sd.setLossVariables(loss);
		Map<String, INDArray> grads = sd.calculateGradients(Map.of(), "z", "lambda");
		float[] values = Nets.values(sd.output(Map.of(), y.name()).get(y.name()));
		return new Gradients(values, Nets.values(grads.get("z")), grads.get("lambda").getFloat(0));
	}

	/** Weights with "h.clip" and "h.levels" make the hidden layer quantise; the output layer keeps its activation. */
	@Test
	void theAnnQuantisesTheLayersWhoseWeightsGiveAClip() {
		var net = network("network n { input [3] h: dense 3 relu o: dense 1 linear }");
		WeightStore w = new WeightStore().put("h.weight", new int[] { 3, 3 }, new float[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 })
				.put("o.weight", new int[] { 3, 1 }, new float[] { 1, 1, 1 });
		float[] x = { 0.3f, 0.8f, 2.6f };
		List<LayerActivation> relu = AnnModel.of(net, w).activations(Nets.sample(x, 3));
		assertArrayEquals(x, Nets.values(relu.get(0).postActivation()), 0f);
		w.put("h.clip", new int[] { 1 }, new float[] { 2f }).put("h.levels", new int[] { 1 }, new float[] { 4 });
		List<LayerActivation> qcfs = AnnModel.of(net, w).activations(Nets.sample(x, 3));
		assertArrayEquals(new float[] { 0.5f, 1f, 2f }, Nets.values(qcfs.get(0).postActivation()), 0f);
		assertArrayEquals(new float[] { 3.5f }, Nets.values(qcfs.get(1).postActivation()), 0f);
		w.remove("h.levels");
		AnnException half = assertThrows(AnnException.class, () -> AnnModel.of(net, w));
		assertTrue(half.getMessage().contains("'h.levels'"), half.getMessage());
	}

	@Test
	void whatCannotTakeQcfsIsRefusedByName() {
		assertEquals("layer 'r' applies a relu of its own, which qcfs would leave unquantised: qcfs replaces the relu of dense and"
				+ " convolution layers, so write relu on the layer with weights before it",
				QcfsLayers.refusal(network("network n { input [4] h: dense 3 linear r: activation relu o: dense 2 softmax }")));
		assertEquals("network 'n' has no hidden dense or convolution layer with relu for qcfs to replace",
				QcfsLayers.refusal(network("network n { input [4] o: dense 2 softmax }")));
		var lenet = network("network n { input [1, 8, 8] c: conv2d(2, kernel: 3) relu avgpool 2 flatten h: dense 5 relu o: dense 2 relu }");
		assertEquals(List.of("c", "h"), QcfsLayers.of(lenet).stream().map(l -> l.key()).toList());
	}
}
