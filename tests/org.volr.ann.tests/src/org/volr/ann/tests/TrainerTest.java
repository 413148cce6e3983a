package org.volr.ann.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.ann.tests.Nets.network;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.volr.ann.AnnModel;
import org.volr.ann.Evaluator;
import org.volr.ann.Trainer;
import org.volr.ann.TrainingResult;
import org.volr.core.data.Dataset;
import org.volr.core.data.DatasetOptions;
import org.volr.core.data.Datasets;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.model.Optimizer;
import org.volr.model.Training;
import org.volr.model.VolrFactory;
import org.volr.net.ResolvedNetwork;

/** Training with SameDiff on the real Fashion-MNIST (Debian's dataset-fashion-mnist). */
class TrainerTest {
	private static final Path FASHION = Path.of(System.getProperty("volr.fashion.mnist", "/usr/share/datasets/fashion-mnist"));
	private static final String MLP = "network mlp { input [1, 28, 28] flatten dense 100 relu dense 10 softmax }";

	private static Dataset fashion(String split, int limit) {
		return Datasets.open("idx", FASHION, split, DatasetOptions.DEFAULT.withLimit(limit));
	}

	private static Training settings(int epochs, int batch, Optimizer optimizer, double rate, long seed) {
		Training t = VolrFactory.eINSTANCE.createTraining();
		t.setEpochs(epochs);
		t.setBatch(batch);
		t.setOptimizer(optimizer);
		t.setLearningRate(rate);
		t.setSeed(seed);
		return t;
	}

	@Test
	void mlpLearnsFashionMnistInOneEpoch() {
		ResolvedNetwork mlp = network(MLP);
		TrainingResult run = Trainer.trainWithLosses(mlp, settings(1, 16, Optimizer.ADAM, 1e-3, 7), fashion("train", 6000), Progress.NONE);
		assertEquals(List.of("layer2.weight", "layer2.bias", "layer3.weight", "layer3.bias"), List.copyOf(run.weights().names()));
		double accuracy = Evaluator.accuracy(AnnModel.of(mlp, run.weights()), fashion("test", 1000), 250, Progress.NONE);
		System.out.printf("784-100-10 MLP, 6000 Fashion-MNIST images, 1 epoch: %.1f %% on 1000 test images, %d ms%n",
				100 * accuracy, run.millis());
		assertTrue(accuracy > 0.75, "accuracy " + accuracy);
	}

	@Test
	void sameSeedSameWeightsOtherSeedOtherWeights() {
		ResolvedNetwork mlp = network(MLP);
		Dataset data = fashion("train", 2000);
		WeightStore a = Trainer.train(mlp, settings(1, 50, Optimizer.ADAM, 1e-3, 11), data, Progress.NONE);
		WeightStore b = Trainer.train(mlp, settings(1, 50, Optimizer.ADAM, 1e-3, 11), data, Progress.NONE);
		WeightStore c = Trainer.train(mlp, settings(1, 50, Optimizer.ADAM, 1e-3, 12), data, Progress.NONE);
		for (String name : a.names()) {
			assertEquals(a.get(name), b.get(name), name + " differs between two runs with the same seed");
			assertNotEquals(a.get(name), c.get(name), name + " is the same for another seed");
		}
	}

	/** Sum pooling in the training graph (a depthwise convolution with a constant kernel of ones) learns too. */
	@Test
	void aConvNetWithSumPoolingLearns() {
		ResolvedNetwork cnn = network("network cnn { input [1, 28, 28] c1: conv2d(4, kernel: 5, stride: 2) relu"
				+ " sumpool(3, stride: 2, padding: same) flatten out: dense 10 softmax }");
		TrainingResult run = Trainer.trainWithLosses(cnn, settings(2, 50, Optimizer.ADAM, 3e-3, 3), fashion("train", 1000), Progress.NONE);
		float[] loss = run.batchLosses();
		float first = mean(loss, 0, 5), last = mean(loss, loss.length - 5, loss.length);
		assertTrue(last < 0.8 * first, "loss went from " + first + " to " + last);
		assertEquals(List.of("c1.weight", "c1.bias", "out.weight", "out.bias"), List.copyOf(run.weights().names()));
		double accuracy = Evaluator.accuracy(AnnModel.of(cnn, run.weights()), fashion("test", 500), 250, Progress.NONE);
		assertTrue(accuracy > 0.5, "accuracy " + accuracy);
	}

	@Test
	void tinyConvNetLossDecreases() {
		ResolvedNetwork cnn = network("network cnn { input [1, 28, 28] c1: conv2d(4, kernel: 5, stride: 2) relu maxpool 2"
				+ " flatten out: dense 10 softmax }");
		TrainingResult run = Trainer.trainWithLosses(cnn, settings(2, 50, Optimizer.SGD, 0.1, 3), fashion("train", 1000), Progress.NONE);
		float[] loss = run.batchLosses();
		assertEquals(40, loss.length);
		float first = mean(loss, 0, 5), last = mean(loss, loss.length - 5, loss.length);
		System.out.printf("tiny CNN: mean loss of the first 5 batches %.3f, of the last 5 %.3f, %d ms%n", first, last, run.millis());
		assertTrue(last < 0.8 * first, "loss went from " + first + " to " + last);
		assertEquals(List.of(4, 1, 5, 5), java.util.Arrays.stream(run.weights().get("c1.weight").shape()).boxed().toList());
		double accuracy = Evaluator.accuracy(AnnModel.of(cnn, run.weights()), fashion("test", 500), 250, Progress.NONE);
		assertTrue(accuracy > 0.5, "accuracy " + accuracy);
	}

	/** A dilated convolution trains too (nd4j's oneDNN helper refuses dilation; the training runs without it). */
	@Test
	void dilatedConvNetTrains() {
		ResolvedNetwork cnn = network("network cnn { input [1, 28, 28] c1: conv2d(4, kernel: 3, dilation: 2, stride: 2) relu"
				+ " flatten out: dense 10 softmax }");
		TrainingResult run = Trainer.trainWithLosses(cnn, settings(1, 50, Optimizer.SGD, 0.1, 3), fashion("train", 500), Progress.NONE);
		float[] loss = run.batchLosses();
		assertTrue(mean(loss, loss.length - 3, loss.length) < mean(loss, 0, 3), java.util.Arrays.toString(loss));
		double accuracy = Evaluator.accuracy(AnnModel.of(cnn, run.weights()), fashion("test", 200), 100, Progress.NONE);
		assertTrue(accuracy > 0.3, "accuracy " + accuracy);
	}

	private static float mean(float[] v, int from, int to) {
		float s = 0;
		for (int i = from; i < to; i++)
			s += v[i];
		return s / (to - from);
	}
}
