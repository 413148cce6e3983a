package org.volr.sim.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.volr.core.weights.WeightStore;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Network;
import org.volr.model.VolrFile;
import org.volr.sim.SpikingNetwork;
import org.volr.sim.plan.ConvPlan;
import org.volr.sim.plan.LayerPlan;

/**
 * Work done for many samples or spikes at once against the same work one at a time. The constant input currents of a
 * whole batch by nd4j (one matrix product or convolution op) against the
 * simulator's own per-sample scatter (W·x spike by spike, plus the bias), for every geometry a first layer can have:
 * the two are independent implementations of the same map.
 */
class LayerPlanBatchTest {
	@ParameterizedTest
	@ValueSource(strings = { //
			"input [2, 9, 9]; f: conv2d(3, kernel: 3, padding: same); 3 2 3 3", //
			"input [2, 9, 9]; f: conv2d(3, kernel: 4, padding: same); 3 2 4 4", // uneven padding: one before, two after
			"input [2, 10, 9]; f: conv2d(4, kernel: [3, 2], stride: 2); 4 2 3 2", // windows leave rows and columns over
			"input [1, 11, 11]; f: conv2d(2, kernel: 3, dilation: 2, padding: same); 2 1 3 3", //
			"input [3, 8, 8]; f: conv2d(5, kernel: 3, stride: 2, padding: 1); 5 3 3 3", //
			"input [2, 8, 8]; f: depthwise_conv2d(multiplier: 2, kernel: 3, padding: same); 4 1 3 3", //
			"input [3, 20]; f: conv1d(4, kernel: 5, stride: 2, padding: same); 4 3 5", //
			"input [30]; f: dense 7; 30 7" })
	void batchCurrentsEqualTheScatter(String testCase) throws Exception {
		LayerPlan first = firstLayer(testCase, new Random(7), true);
		Random r = new Random(3);
		for (int samples : new int[] { 5, 3, 5 }) { // a shorter last batch, then the full size again (buffers kept per size)
			int in = first.inSize(), out = first.outSize();
			float[] x = new float[samples * in];
			for (int i = 0; i < x.length; i++)
				x[i] = r.nextFloat() < 0.3f ? 0f : r.nextFloat(); // zeros as in real images
			float[] batch = new float[samples * out];
			first.forwardBatch(x, samples, batch);
			float[] one = new float[out];
			for (int s = 0; s < samples; s++) {
				first.forward(x, s * in, one);
				for (int j = 0; j < out; j++) {
					float expected = one[j] + first.bias()[j];
					assertEquals(expected, batch[s * out + j], 1e-5f * Math.max(1f, Math.abs(expected)),
							testCase + ": batch of " + samples + ", sample " + s + ", output " + j);
				}
			}
		}
	}

	/**
	 * The simulator computes the first batch's constant currents in slices of 64 samples (Simulator.FIRST_BATCH_SLICE,
	 * so that the simulation starts before the whole batch is computed; a single sample left over joins the slice
	 * before it) and every later batch in one product, and a shard of a run starting at a batch (volr sweep, run
	 * --master) computes that batch in one product too. That gives every sample the same currents only because
	 * OpenBLAS computes a row of a product of two rows or more the same whatever the other rows; a product of one row
	 * goes through its matrix-vector kernel, which sums in another order (measured: 4,476 of 5,000,000 currents differ
	 * when 1000-sample batches are cut into slices of 333, which leave one row). Checked on real images (the first
	 * Fashion-MNIST test images, as the simulator reads them) for the MLP's first layer and LeNet-5's, batches of
	 * 1000 (the MLP examples'), 500 (LeNet's), 937 and 65 (64 + 1).
	 */
	@ParameterizedTest
	@ValueSource(strings = { "input [784]; f: dense 500; 784 500", "input [1, 28, 28]; f: conv2d(6, kernel: 5, padding: same); 6 1 5 5" })
	void slicesOfABatchGiveTheWholeBatchsCurrents(String testCase) throws Exception {
		LayerPlan first = firstLayer(testCase, new Random(17), true);
		float[] images;
		try (org.volr.core.data.BatchIterator batches = org.volr.core.data.Datasets
				.open("idx", java.nio.file.Path.of(System.getProperty("volr.fashion.mnist", "/usr/share/datasets/fashion-mnist")), "test",
						org.volr.core.data.DatasetOptions.DEFAULT.withLimit(1000))
				.batches(1000)) {
			images = batches.next().features();
		}
		int in = first.inSize(), out = first.outSize();
		for (int samples : new int[] { 1000, 500, 937, 65 }) {
			float[] x = java.util.Arrays.copyOf(images, samples * in), whole = new float[samples * out], sliced = new float[samples * out];
			first.forwardBatch(x, samples, whole);
			for (int from = 0, to; from < samples; from = to) {
				to = Math.min(samples, from + 64);
				if (samples - to == 1) // as Simulator.sliceEnd
					to = samples;
				float[] part = new float[(to - from) * out];
				first.forwardBatch(java.util.Arrays.copyOfRange(x, from * in, to * in), to - from, part);
				System.arraycopy(part, 0, sliced, from * out, part.length);
			}
			int differing = 0;
			for (int k = 0; k < whole.length; k++)
				if (Float.floatToRawIntBits(whole[k]) != Float.floatToRawIntBits(sliced[k]))
					differing++;
			assertEquals(0, differing, testCase + ", batch of " + samples + ": currents differing from the whole batch's product");
		}
	}

	/**
	 * A step's spikes delivered at once (channels-last buffer, contiguous kernel-row runs, or one by one: chosen by
	 * how many there are) give bit for bit the currents of delivering them one spike at a time.
	 */
	@ParameterizedTest
	@ValueSource(strings = { //
			"input [2, 9, 9]; f: conv2d(16, kernel: 3, padding: same); 16 2 3 3", //
			"input [2, 9, 9]; f: conv2d(3, kernel: 4, padding: same); 3 2 4 4", //
			"input [2, 10, 9]; f: conv2d(4, kernel: [3, 2], stride: 2); 4 2 3 2", //
			"input [1, 11, 11]; f: conv2d(2, kernel: 3, dilation: 2, padding: same); 2 1 3 3", //
			"input [2, 8, 8]; f: depthwise_conv2d(multiplier: 2, kernel: 3, padding: same); 4 1 3 3", //
			"input [3, 20]; f: conv1d(4, kernel: 5, padding: same); 4 3 5", //
			// delivered by rows of images (see rowImagesWhereOutputRowsAreShort)
			"input [6, 14, 14]; f: conv2d(16, kernel: 5); 16 6 5 5", // LeNet-5's c3
			"input [2, 6, 6]; f: conv2d(4, kernel: 3, padding: same); 4 2 3 3", //
			"input [3, 8, 8]; f: conv2d(5, kernel: 3, stride: 2, padding: 1); 5 3 3 3", //
			"input [3, 12]; f: conv1d(4, kernel: 5); 4 3 5", //
			// bands of two output rows whose last band has one row (odd output heights: 9 and 3)
			"input [2, 11, 8]; f: conv2d(7, kernel: [3, 5]); 7 2 3 5", //
			"input [3, 7, 9]; f: conv2d(4, kernel: 5, stride: [2, 1], padding: 1); 4 3 5 5" })
	void spikesOfAStepAtOnceEqualOneByOne(String testCase) throws Exception {
		LayerPlan conv = firstLayer(testCase, new Random(5), false);
		Random r = new Random(11);
		for (double activity : new double[] { 0.01, 0.2, 0.9, 1.0 }) {
			int[] spikes = new int[conv.inSize()];
			int count = 0;
			for (int i = 0; i < conv.inSize(); i++)
				if (r.nextDouble() < activity)
					spikes[count++] = i;
			float[] atOnce = new float[conv.outSize()], oneByOne = new float[conv.outSize()];
			int ops = conv.deliverAll(spikes, count, atOnce), expectedOps = 0;
			for (int e = 0; e < count; e++)
				expectedOps += conv.deliver(spikes[e], oneByOne);
			org.junit.jupiter.api.Assertions.assertArrayEquals(oneByOne, atOnce, testCase + " at activity " + activity);
			assertEquals(expectedOps, ops, "synaptic operations");
		}
	}

	/**
	 * Which convolutions take the rows of images: those whose output rows are at most twice what one spike reaches in
	 * them, not depthwise ones (a spike reaches one channel's outputs only), not wide maps.
	 */
	@ParameterizedTest
	@ValueSource(strings = { //
			"true; input [6, 14, 14]; f: conv2d(16, kernel: 5); 16 6 5 5", //
			"true; input [3, 8, 8]; f: conv2d(5, kernel: 3, stride: 2, padding: 1); 5 3 3 3", //
			"true; input [2, 11, 8]; f: conv2d(7, kernel: [3, 5]); 7 2 3 5", //
			"true; input [3, 7, 9]; f: conv2d(4, kernel: 5, stride: [2, 1], padding: 1); 4 3 5 5", //
			"false; input [2, 9, 9]; f: conv2d(3, kernel: 3, padding: same); 3 2 3 3", //
			"false; input [2, 6, 6]; f: depthwise_conv2d(multiplier: 2, kernel: 3, padding: same); 4 1 3 3" })
	void rowImagesWhereOutputRowsAreShort(String testCase) throws Exception {
		int split = testCase.indexOf("; ");
		ConvPlan conv = (ConvPlan) firstLayer(testCase.substring(split + 2), new Random(5), false);
		assertEquals(Boolean.parseBoolean(testCase.substring(0, split)), conv.deliversByRows(), testCase);
	}

	/**
	 * Pooling's spikes of a step delivered at once (a table of each input's one window where windows do not overlap)
	 * give bit for bit the currents and the synaptic operations of delivering them one spike at a time.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "input [3, 8, 8]; avgpool 2", "input [2, 9, 9]; avgpool 2", // 9 × 9: the last row and column in no window
			"input [2, 9, 9]; avgpool(3, stride: 2)", "input [2, 6, 6]; sumpool 2", "input [2, 5, 5]; avgpool(2, stride: 2, padding: same)",
			"input [4, 6, 6]; globalavgpool", "input [3, 10]; avgpool1d 3" })
	void poolSpikesOfAStepAtOnceEqualOneByOne(String testCase) throws Exception {
		String[] parts = testCase.split("; ");
		// a network must end in a layer read out: the pool, then a dense layer with weights of the pool's output size
		Network network = network("network n {\n " + parts[0] + "\n f: " + parts[1] + "\n flatten\n o: dense 2\n}");
		int pooled = org.volr.net.NetworkResolver.resolve(network).layers().get(0).outSize();
		WeightStore weights = new WeightStore();
		weights.put("o.weight", new int[] { pooled, 2 }, new float[pooled * 2]);
		LayerPlan pool = SpikingNetwork.lower(network, weights).layers().get(0);
		Random r = new Random(13);
		for (double activity : new double[] { 0.05, 0.5, 1.0 }) {
			int[] spikes = new int[pool.inSize()];
			int count = 0;
			for (int i = 0; i < pool.inSize(); i++)
				if (r.nextDouble() < activity)
					spikes[count++] = i;
			float[] atOnce = new float[pool.outSize()], oneByOne = new float[pool.outSize()];
			int ops = pool.deliverAll(spikes, count, atOnce), expectedOps = 0;
			for (int e = 0; e < count; e++)
				expectedOps += pool.deliver(spikes[e], oneByOne);
			org.junit.jupiter.api.Assertions.assertArrayEquals(oneByOne, atOnce, testCase + " at activity " + activity);
			assertEquals(expectedOps, ops, "synaptic operations");
		}
	}

	/**
	 * The first layer of a test case "input ...; f: layer; weight shape", lowered with random weights (and a random
	 * bias per output channel when asked).
	 */
	static LayerPlan firstLayer(String testCase, Random random, boolean withBias) throws Exception {
		String[] parts = testCase.split("; ");
		Network network = network("network n {\n " + parts[0] + "\n " + parts[1] + "\n}");
		int[] shape = java.util.Arrays.stream(parts[2].split(" ")).mapToInt(Integer::parseInt).toArray();
		WeightStore weights = new WeightStore();
		weights.put("f.weight", shape, uniform(random, java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)));
		if (withBias) {
			int channels = parts[1].contains("dense") ? shape[1] : shape[0];
			weights.put("f.bias", new int[] { channels }, uniform(random, channels));
		}
		return SpikingNetwork.lower(network, weights).layers().get(0);
	}

	static Network network(String text) {
		VolrFile file = VolrLanguage.create().parse(text);
		return (Network) file.getElements().get(0);
	}

	static float[] uniform(Random r, int n) {
		float[] a = new float[n];
		for (int i = 0; i < n; i++)
			a[i] = r.nextFloat() - 0.4f;
		return a;
	}
}
