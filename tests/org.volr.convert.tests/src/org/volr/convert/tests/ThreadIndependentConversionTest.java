package org.volr.convert.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.volr.convert.ConversionResult;
import org.volr.convert.Converter;
import org.volr.core.data.Dataset;
import org.volr.core.data.DatasetOptions;
import org.volr.core.data.Datasets;
import org.volr.core.nd4j.Nd4jSupport;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Conversion;
import org.volr.model.Network;
import org.volr.model.Normalization;
import org.volr.model.VolrFactory;
import org.volr.net.ResolvedNetwork;

/**
 * A conversion gives the same λ and weights bit for bit whether nd4j may use every core or only one: a sweep under
 * Spark converts one point while another point's simulation holds nd4j to one thread (Nd4jSupport.oneThread is
 * process-wide), and `volr sweep --sequential` converts with every core. Before the conversion fixed its thread count,
 * OpenBLAS summed the ANN's products in another order in the two cases, and a 99.9th percentile moved by an ulp: three
 * of twelve rows of the benchmark's sweep differed in their synaptic operations (bench/README.md). Here λ of fc2 and fc3
 * came out an ulp apart (0.90866023 against 0.9086603 for fc2).
 */
class ThreadIndependentConversionTest {
	private static final Path DATA = Path.of(System.getProperty("volr.thirdparty", "../../testdata"));

	/** Glorot-uniform weights [in, out] from a seeded generator: activations spread like a trained layer's. */
	private static float[] glorot(Random random, int in, int out) {
		float[] w = new float[in * out];
		double limit = Math.sqrt(6.0 / (in + out));
		for (int i = 0; i < w.length; i++)
			w[i] = (float) ((2 * random.nextDouble() - 1) * limit);
		return w;
	}

	@Test
	void lambdaAndWeightsDoNotDependOnNd4jsThreads() {
		assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one core: nd4j has only one thread count to compare");
		// the benchmark's MLP, whose products are large enough for OpenBLAS to split them over threads, on real MNIST images
		ResolvedNetwork network = Resolved.of((Network) VolrLanguage.create()
				.parse("network mlp { input [1, 28, 28] flatten fc1: dense 500 relu fc2: dense 500 relu fc3: dense 10 softmax }").getElements().get(0));
		Random random = new Random(1);
		WeightStore weights = new WeightStore().put("fc1.weight", new int[] { 784, 500 }, glorot(random, 784, 500))
				.put("fc2.weight", new int[] { 500, 500 }, glorot(random, 500, 500)).put("fc3.weight", new int[] { 500, 10 }, glorot(random, 500, 10));
		Dataset mnist = Datasets.open("npz", DATA.resolve("mnist-npz"), "test", DatasetOptions.DEFAULT);
		Conversion settings = VolrFactory.eINSTANCE.createConversion();
		settings.setNormalization(Normalization.PERCENTILE);
		settings.setPercentile(99.9);
		settings.setSamples(200);

		assertEquals(Runtime.getRuntime().availableProcessors(), Nd4jSupport.threads(), "nd4j starts with every core");
		ConversionResult everyCore = Converter.convert(network, weights, settings, mnist, Progress.NONE);
		ConversionResult besideASimulation;
		try (Nd4jSupport.Setting simulation = Nd4jSupport.oneThread()) {
			besideASimulation = Converter.convert(network, weights, settings, mnist, Progress.NONE);
		}

		assertEquals(everyCore.scales().size(), besideASimulation.scales().size());
		for (int l = 0; l < everyCore.scales().size(); l++)
			assertArrayEquals(everyCore.scales().get(l).lambda(), besideASimulation.scales().get(l).lambda(),
					"λ of " + everyCore.scales().get(l).layer());
		for (String name : everyCore.converted().names())
			assertArrayEquals(everyCore.converted().get(name).data(), besideASimulation.converted().get(name).data(), name);
	}
}
