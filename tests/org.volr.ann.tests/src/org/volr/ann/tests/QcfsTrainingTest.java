package org.volr.ann.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.ann.tests.Nets.network;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.volr.ann.AnnException;
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
import org.volr.model.TrainActivation;
import org.volr.model.Training;
import org.volr.model.VolrFactory;
import org.volr.net.ResolvedNetwork;

/** Training and fine-tuning with QCFS on the real Fashion-MNIST (Debian's dataset-fashion-mnist). */
class QcfsTrainingTest {
	private static final Path FASHION = Path.of(System.getProperty("volr.fashion.mnist", "/usr/share/datasets/fashion-mnist"));
	private static final String MLP = "network mlp { input [1, 28, 28] flatten h: dense 100 relu o: dense 10 softmax }";
	/** The stated margin: QCFS with L = 8 within 2 points of relu, trained alike (same seed, data and epochs). */
	private static final double MARGIN = 0.02;

	private static Dataset fashion(String split, int limit) {
		return Datasets.open("idx", FASHION, split, DatasetOptions.DEFAULT.withLimit(limit));
	}

	private static Training settings(int epochs, int levels) {
		Training t = VolrFactory.eINSTANCE.createTraining();
		t.setEpochs(epochs);
		t.setBatch(32);
		t.setOptimizer(Optimizer.ADAM);
		t.setLearningRate(1e-3);
		t.setSeed(5);
		if (levels > 0) {
			t.setActivation(TrainActivation.QCFS);
			t.setLevels(levels);
		}
		return t;
	}

	private static double accuracy(ResolvedNetwork net, WeightStore w) {
		return Evaluator.accuracy(AnnModel.of(net, w), fashion("test", 1000), 250, Progress.NONE);
	}

	@Test
	void qcfsMlpLearnsAsWellAsRelu() {
		ResolvedNetwork mlp = network(MLP);
		Dataset train = fashion("train", 6000);
		WeightStore relu = Trainer.train(mlp, settings(1, 0), train, Progress.NONE);
		TrainingResult qcfs = Trainer.trainWithLosses(mlp, settings(1, 8), train, Progress.NONE);
		WeightStore w = qcfs.weights();
		assertEquals(List.of("h.weight", "h.bias", "h.clip", "h.levels", "o.weight", "o.bias"), List.copyOf(w.names()));
		assertArrayEquals(new float[] { 8 }, w.get("h.levels").data(), 0f);
		float lambda = w.get("h.clip").data()[0];
		assertTrue(lambda > 0, "λ " + lambda);
		double a = accuracy(mlp, relu), q = accuracy(mlp, w);
		System.out.printf("784-100-10 MLP, 6000 Fashion-MNIST images, 1 epoch: relu %.1f %%, qcfs L=8 %.1f %% (λ %.3f) on 1000 test images%n",
				100 * a, 100 * q, lambda);
		assertTrue(a > 0.75, "relu accuracy " + a);
		assertTrue(q > a - MARGIN, "qcfs " + q + " against relu " + a);
	}

	/** Without a clip the same weights compute the relu network; with it, the quantised one: the λ is really used. */
	@Test
	void theLearntClipIsPartOfTheTrainedNetwork() {
		ResolvedNetwork mlp = network(MLP);
		WeightStore w = Trainer.train(mlp, settings(1, 2), fashion("train", 2000), Progress.NONE);
		double quantised = accuracy(mlp, w);
		w.put("h.clip", new int[] { 1 }, new float[] { 1e-3f }); // every activation of h becomes 0 or 0.001: the network guesses
		assertTrue(accuracy(mlp, w) < quantised - 0.3, "a tiny clip should ruin the network");
	}

	@Test
	void aConvNetTrainsWithQcfsAsWellAsWithRelu() {
		ResolvedNetwork cnn = network("network cnn { input [1, 28, 28] c1: conv2d(4, kernel: 5, stride: 2) relu avgpool 2"
				+ " flatten f: dense 32 relu out: dense 10 softmax }");
		Dataset train = fashion("train", 2000);
		Training relu = settings(2, 0), qcfs = settings(2, 4);
		relu.setLearningRate(3e-3);
		qcfs.setLearningRate(3e-3);
		WeightStore r = Trainer.train(cnn, relu, train, Progress.NONE), q = Trainer.train(cnn, qcfs, train, Progress.NONE);
		assertEquals(List.of("c1.weight", "c1.bias", "c1.clip", "c1.levels", "f.weight", "f.bias", "f.clip", "f.levels", "out.weight",
				"out.bias"), List.copyOf(q.names()));
		double a = accuracy(cnn, r), b = accuracy(cnn, q);
		System.out.printf("small CNN, 2000 images, 2 epochs: relu %.1f %%, qcfs L=4 %.1f %% (λ %.3f, %.3f)%n", 100 * a, 100 * b,
				q.get("c1.clip").data()[0], q.get("f.clip").data()[0]);
		assertTrue(b > a - 2 * MARGIN && b > 0.6, "qcfs " + b + " against relu " + a);
	}

	/**
	 * A fine-tune starts from given weights: its λ from the 99.9th percentile of each layer's activations, its weights
	 * the given ones, so one short epoch of QCFS keeps the relu network's accuracy within the margin.
	 */
	@Test
	void aReluNetworkFineTunedWithQcfsKeepsItsAccuracy() {
		ResolvedNetwork mlp = network(MLP);
		WeightStore relu = Trainer.train(mlp, settings(2, 0), fashion("train", 6000), Progress.NONE);
		Training fineTune = settings(1, 4);
		fineTune.setLearningRate(1e-4);
		WeightStore tuned = Trainer.train(mlp, fineTune, relu, fashion("train", 2000), Progress.NONE);
		double before = accuracy(mlp, relu), after = accuracy(mlp, tuned);
		System.out.printf("fine-tune of a relu MLP (%.1f %%) with qcfs L=4, 1 epoch on 2000 images: %.1f %% (λ %.3f)%n", 100 * before,
				100 * after, tuned.get("h.clip").data()[0]);
		assertTrue(after > before - MARGIN, "fine-tuned " + after + " against " + before);
		// the fine-tune moved the given weights a little, not back to random ones
		float[] a = relu.get("h.weight").data(), b = tuned.get("h.weight").data();
		double moved = 0, size = 0;
		for (int i = 0; i < a.length; i++) {
			moved += (a[i] - b[i]) * (a[i] - b[i]);
			size += a[i] * a[i];
		}
		assertTrue(moved > 0 && moved < 0.05 * size, "moved " + moved + " of " + size);
	}

	@Test
	void startWeightsMissingALayerAreRefused() {
		ResolvedNetwork mlp = network(MLP);
		WeightStore partial = new WeightStore().put("h.weight", new int[] { 784, 100 }, new float[784 * 100]);
		AnnException e = assertThrows(AnnException.class, () -> Trainer.train(mlp, settings(1, 4), partial, fashion("train", 100),
				Progress.NONE));
		assertTrue(e.getMessage().contains("no 'o.weight'"), e.getMessage());
	}

	@Test
	void qcfsWithoutLevelsOrOnANetworkThatCannotTakeItIsRefused() {
		Training noLevels = settings(1, 0);
		noLevels.setActivation(TrainActivation.QCFS);
		AnnException e = assertThrows(AnnException.class, () -> Trainer.train(network(MLP), noLevels, fashion("train", 100), Progress.NONE));
		assertTrue(e.getMessage().contains("'activation qcfs 8'"), e.getMessage());
		ResolvedNetwork separate = network("network n { input [1, 28, 28] flatten h: dense 10 linear r: activation relu o: dense 10 softmax }");
		e = assertThrows(AnnException.class, () -> Trainer.train(separate, settings(1, 4), fashion("train", 100), Progress.NONE));
		assertTrue(e.getMessage().startsWith("layer 'r' applies a relu of its own"), e.getMessage());
	}
}
