package org.volr.ann.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.ann.tests.Nets.network;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.volr.ann.AnnException;
import org.volr.ann.snn.SpikingNeurons;
import org.volr.ann.snn.SpikingTrainer;
import org.volr.ann.snn.SpikingTrainingResult;
import org.volr.core.data.Dataset;
import org.volr.core.data.DatasetOptions;
import org.volr.core.data.Datasets;
import org.volr.core.progress.Progress;
import org.volr.model.Optimizer;
import org.volr.model.ResetMode;
import org.volr.model.SpikeLoss;
import org.volr.model.Training;
import org.volr.model.VolrFactory;
import org.volr.net.ResolvedNetwork;

/** Spiking training on real Fashion-MNIST: seeded, it learns, and what it cannot train is refused by name. */
class SpikingTrainerTest {
	private static final Path FASHION = Path.of(System.getProperty("volr.fashion.mnist", "/usr/share/datasets/fashion-mnist"));
	private static final String FC = "network fc { input [1, 28, 28] flatten h: dense 32 relu out: dense 10 softmax }";
	private static final SpikingNeurons LIF = new SpikingNeurons(1f, (float) Math.exp(-1 / 20.0), 0f, ResetMode.SUBTRACT, 0f);

	private static Training settings(long seed) {
		Training t = VolrFactory.eINSTANCE.createTraining();
		t.setSpiking(true);
		t.setEpochs(1);
		t.setBatch(50);
		t.setOptimizer(Optimizer.ADAM);
		t.setLearningRate(1e-3);
		t.setSlope(5);
		t.setLoss(SpikeLoss.MEMBRANE);
		t.setSeed(seed);
		return t;
	}

	@Test
	void sameSeedSameWeightsOtherSeedOtherWeightsAndTheLossFalls() {
		ResolvedNetwork fc = network(FC);
		Dataset data = Datasets.open("idx", FASHION, "train", DatasetOptions.DEFAULT.withLimit(2000));
		SpikingTrainer.Run run = new SpikingTrainer.Run(List.of(LIF, LIF), 10);
		Training twoEpochs = settings(5);
		twoEpochs.setEpochs(2);
		SpikingTrainingResult a = SpikingTrainer.train(fc, twoEpochs, run, data, Progress.NONE);
		SpikingTrainingResult b = SpikingTrainer.train(fc, twoEpochs, run, data, Progress.NONE);
		Training otherSeed = settings(6);
		otherSeed.setEpochs(2);
		SpikingTrainingResult c = SpikingTrainer.train(fc, otherSeed, run, data, Progress.NONE);
		assertEquals(List.of("h.weight", "h.bias", "out.weight", "out.bias"), List.copyOf(a.weights().names()));
		for (String name : a.weights().names())
			assertArrayEquals(a.weights().get(name).data(), b.weights().get(name).data(), name);
		assertFalse(Arrays.equals(a.weights().get("h.weight").data(), c.weights().get("h.weight").data()));
		assertTrue(a.epochLosses()[1] < a.epochLosses()[0], Arrays.toString(a.epochLosses()));
		assertTrue(a.epochAccuracies()[1] > 0.6, Arrays.toString(a.epochAccuracies()));
	}

	/**
	 * Under cosine over two epochs the first epoch steps at the given rate as a constant rate does (same loss and
	 * accuracy, measured during it), the second at half of it, as the result's rates say; the same seed, the same weights.
	 */
	@Test
	void cosineScheduleStepsAtTheFormulasRatesAndStaysSeeded() {
		ResolvedNetwork fc = network(FC);
		Dataset data = Datasets.open("idx", FASHION, "train", DatasetOptions.DEFAULT.withLimit(1000));
		SpikingTrainer.Run run = new SpikingTrainer.Run(List.of(LIF, LIF), 10);
		Training constant = settings(5), cosine = settings(5);
		constant.setEpochs(2);
		cosine.setEpochs(2);
		cosine.setSchedule(org.volr.model.LearningRateSchedule.COSINE);
		SpikingTrainingResult c = SpikingTrainer.train(fc, constant, run, data, Progress.NONE);
		SpikingTrainingResult a = SpikingTrainer.train(fc, cosine, run, data, Progress.NONE);
		SpikingTrainingResult b = SpikingTrainer.train(fc, cosine, run, data, Progress.NONE);
		assertArrayEquals(new double[] { 1e-3, 1e-3 }, c.epochRates());
		assertArrayEquals(new double[] { 1e-3, 1e-3 * (1 + Math.cos(Math.PI / 2)) / 2 }, a.epochRates(), 1e-18);
		assertEquals(c.epochLosses()[0], a.epochLosses()[0]);
		assertEquals(c.epochAccuracies()[0], a.epochAccuracies()[0]);
		assertFalse(Arrays.equals(c.weights().get("h.weight").data(), a.weights().get("h.weight").data()));
		for (String name : a.weights().names())
			assertArrayEquals(a.weights().get(name).data(), b.weights().get(name).data(), name);
	}

	/**
	 * A fine-tune starts from the weights it is given (its first epoch, measured before each update, is as good as the
	 * network they came from, not as a random start), leaves them unchanged, and names a missing array.
	 */
	@Test
	void aFineTuneStartsFromTheGivenWeightsAndLeavesThemUnchanged() {
		ResolvedNetwork fc = network(FC);
		Dataset data = Datasets.open("idx", FASHION, "train", DatasetOptions.DEFAULT.withLimit(2000));
		SpikingTrainer.Run run = new SpikingTrainer.Run(List.of(LIF, LIF), 10);
		SpikingTrainingResult trained = SpikingTrainer.train(fc, settings(5), run, data, Progress.NONE);
		float[] before = trained.weights().get("h.weight").data().clone();
		SpikingTrainingResult tuned = SpikingTrainer.train(fc, settings(7), run, data, trained.weights(), Progress.NONE);
		SpikingTrainingResult again = SpikingTrainer.train(fc, settings(7), run, data, trained.weights(), Progress.NONE);
		assertArrayEquals(before, trained.weights().get("h.weight").data());
		assertArrayEquals(tuned.weights().get("out.weight").data(), again.weights().get("out.weight").data());
		assertTrue(tuned.epochAccuracies()[0] > trained.epochAccuracies()[0] + 0.1,
				tuned.epochAccuracies()[0] + " after " + trained.epochAccuracies()[0]);
		org.volr.core.weights.WeightStore partial = new org.volr.core.weights.WeightStore();
		partial.put("h.weight", new int[] { 784, 32 }, before);
		AnnException e = assertThrows(AnnException.class, () -> SpikingTrainer.train(fc, settings(7), run, data, partial, Progress.NONE));
		assertEquals("the weights have no out.weight", e.getMessage());
	}

	@Test
	void convolutionIsRefusedByName() {
		ResolvedNetwork conv = network("network c { input [1, 28, 28] c1: conv2d(4, kernel: 3) relu flatten out: dense 10 softmax }");
		Dataset data = Datasets.open("idx", FASHION, "train", DatasetOptions.DEFAULT.withLimit(100));
		AnnException e = assertThrows(AnnException.class, () -> SpikingTrainer.train(conv, settings(1), new SpikingTrainer.Run(List.of(LIF), 5),
				data, Progress.NONE));
		assertTrue(e.getMessage().contains("spiking training of convolution layers is not supported yet (layer 'c1')"), e.getMessage());
	}
}
