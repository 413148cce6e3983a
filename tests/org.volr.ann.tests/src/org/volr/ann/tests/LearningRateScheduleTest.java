package org.volr.ann.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.volr.ann.tests.Nets.network;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.schedule.ISchedule;
import org.volr.ann.LearningRateSchedule;
import org.volr.ann.Trainer;
import org.volr.ann.TrainingResult;
import org.volr.core.data.Dataset;
import org.volr.core.data.DatasetOptions;
import org.volr.core.data.Datasets;
import org.volr.core.progress.Progress;
import org.volr.model.Optimizer;
import org.volr.model.Training;
import org.volr.model.VolrFactory;
import org.volr.net.ResolvedNetwork;

/**
 * The learning rate of every epoch (SEMANTICS.md, "Learning-rate schedule") as the formula gives it, as nd4j's updaters
 * of the ANN trainer are handed it, and what it does to ANN training; the spiking trainer's side is in SpikingTrainerTest.
 */
class LearningRateScheduleTest {
	private static final Path FASHION = Path.of(System.getProperty("volr.fashion.mnist", "/usr/share/datasets/fashion-mnist"));
	private static final org.volr.model.LearningRateSchedule COSINE = org.volr.model.LearningRateSchedule.COSINE,
			CONSTANT = org.volr.model.LearningRateSchedule.CONSTANT;

	@Test
	void cosineAnnealsTheRateTowardsZeroOneValuePerEpoch() {
		LearningRateSchedule s = new LearningRateSchedule(COSINE, 0.01, 4);
		// r·(1 + cos(π e / 4)) / 2 for e = 0..3: cos 0 = 1, cos π/4 = √2/2, cos π/2 = 0, cos 3π/4 = −√2/2
		double half = Math.sqrt(2) / 2;
		double[] expected = { 0.01, 0.01 * (1 + half) / 2, 0.005, 0.01 * (1 - half) / 2 };
		for (int e = 0; e < 4; e++)
			assertEquals(expected[e], s.rate(e), 1e-15, "epoch " + e);
		assertEquals(0.0085355339059327, s.rate(1), 1e-15);
		assertEquals(0.0014644660940673, s.rate(3), 1e-15);
		assertThrows(IllegalArgumentException.class, () -> s.rate(4));
	}

	@Test
	void constantIsTheRateInEveryEpochAndTheDefault() {
		LearningRateSchedule s = new LearningRateSchedule(CONSTANT, 0.003, 3);
		for (int e = 0; e < 3; e++)
			assertEquals(0.003, s.rate(e));
		Training t = VolrFactory.eINSTANCE.createTraining();
		t.setEpochs(3);
		t.setLearningRate(0.003);
		assertEquals(s, LearningRateSchedule.of(t));
		t.setSchedule(COSINE);
		assertEquals(new LearningRateSchedule(COSINE, 0.003, 3), LearningRateSchedule.of(t));
	}

	@Test
	void nd4jAsksByIterationAndGetsTheRateOfThatIterationsEpoch() {
		LearningRateSchedule s = new LearningRateSchedule(COSINE, 0.01, 3);
		ISchedule perBatch = s.perBatch(4);
		for (int iteration = 0; iteration < 12; iteration++)
			// SameDiff's epoch counter counts every fit(batch) call: the second argument must not matter
			for (int epoch : new int[] { 0, iteration, 99 })
				assertEquals(s.rate(iteration / 4), perBatch.valueAt(iteration, epoch), "iteration " + iteration);
		assertEquals(s.rate(2), perBatch.valueAt(12, 0), "a batch beyond the last epoch keeps the last epoch's rate");
	}

	@Test
	void badRatesAndEpochsAreRefused() {
		assertThrows(RuntimeException.class, () -> new LearningRateSchedule(COSINE, 0, 3));
		assertThrows(RuntimeException.class, () -> new LearningRateSchedule(COSINE, 0.1, 0));
	}

	/**
	 * ANN training under cosine over two epochs: the first epoch runs at the given rate, batch for batch as a constant
	 * rate does (same losses), the second at half of it (the losses part), and the same seed gives the same weights.
	 */
	@Test
	void annTrainingFollowsTheScheduleAndStaysSeeded() {
		ResolvedNetwork mlp = network("network mlp { input [1, 28, 28] flatten dense 16 relu dense 10 softmax }");
		Dataset data = Datasets.open("idx", FASHION, "train", DatasetOptions.DEFAULT.withLimit(500));
		TrainingResult constant = Trainer.trainWithLosses(mlp, settings(null), data, Progress.NONE);
		TrainingResult cosine = Trainer.trainWithLosses(mlp, settings(COSINE), data, Progress.NONE);
		TrainingResult again = Trainer.trainWithLosses(mlp, settings(COSINE), data, Progress.NONE);
		int perEpoch = 10; // 500 images in batches of 50
		assertEquals(2 * perEpoch, cosine.batchLosses().length);
		// the first loss of epoch 2 is measured after epoch 1's 10 updates, all at r: the same as the constant run's
		assertArrayEquals(Arrays.copyOf(constant.batchLosses(), perEpoch + 1), Arrays.copyOf(cosine.batchLosses(), perEpoch + 1));
		assertFalse(Arrays.equals(constant.batchLosses(), cosine.batchLosses()), "epoch 2 at r/2 should train differently");
		assertArrayEquals(cosine.batchLosses(), again.batchLosses());
		for (String name : cosine.weights().names())
			assertEquals(cosine.weights().get(name), again.weights().get(name), name);
	}

	private static Training settings(org.volr.model.LearningRateSchedule schedule) {
		Training t = VolrFactory.eINSTANCE.createTraining();
		t.setEpochs(2);
		t.setBatch(50);
		t.setOptimizer(Optimizer.ADAM);
		t.setLearningRate(0.01);
		t.setSeed(3);
		if (schedule != null)
			t.setSchedule(schedule);
		return t;
	}
}
