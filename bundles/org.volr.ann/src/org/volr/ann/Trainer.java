package org.volr.ann;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;
import org.volr.core.data.Dataset;
import org.volr.core.nd4j.Nd4jSupport;
import org.volr.core.progress.Progress;
import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;
import org.volr.model.Optimizer;
import org.volr.model.TrainActivation;
import org.volr.model.Training;
import org.volr.net.QcfsLayers;
import org.volr.net.ResolvedNetwork;
import org.volr.net.WeightKeys;

/**
 * Trains a network for classification with nd4j's SameDiff (automatic differentiation): softmax cross-entropy,
 * Adam or SGD at the rate the {@link LearningRateSchedule} gives each epoch, Glorot-uniform kernels and zero biases.
 * Everything random (initial weights, the order of samples in every epoch, dropout masks) comes from one generator
 * seeded by {@code Training.seed}, so two runs with the same seed produce the same weights. Under {@code activation qcfs L} the hidden layers quantise instead of their relu
 * ({@link Qcfs}), each learning its clip λ, which the weights then give ({@link WeightKeys#clip}, {@link
 * WeightKeys#levels}); training may start from given weights instead of random ones (a fine-tune).
 */
public final class Trainer {
	/** Used when the model gives no seed, so that unseeded runs are still repeatable. */
	public static final long DEFAULT_SEED = 42;

	private Trainer() {
	}

	/** Trains and returns the weights in Volr Studio's conventions (see {@link AnnModel}). */
	public static WeightStore train(ResolvedNetwork network, Training settings, Dataset train, Progress progress) {
		return run(network, settings, null, train, progress, false).weights();
	}

	/**
	 * Trains starting from {@code start}'s weights (checked against the network by the caller; a missing bias is
	 * zero), and from its clips λ under QCFS where it gives them.
	 */
	public static WeightStore train(ResolvedNetwork network, Training settings, WeightStore start, Dataset train, Progress progress) {
		return run(network, settings, start, train, progress, false).weights();
	}

	/** Trains and also measures every mini-batch's loss (one extra forward pass per batch). */
	public static TrainingResult trainWithLosses(ResolvedNetwork network, Training settings, Dataset train, Progress progress) {
		return run(network, settings, null, train, progress, true);
	}

	/** {@link #trainWithLosses} starting from given weights, as {@link #train(ResolvedNetwork, Training, WeightStore, Dataset, Progress)}. */
	public static TrainingResult trainWithLosses(ResolvedNetwork network, Training settings, WeightStore start, Dataset train,
			Progress progress) {
		return run(network, settings, start, train, progress, true);
	}

	private static TrainingResult run(ResolvedNetwork network, Training settings, WeightStore start, Dataset train, Progress progress,
			boolean measureLoss) {
		NetworkCompiler.refuseRecurrence(network);
		Nd4jSupport.init();
		Progress p = progress == null ? Progress.NONE : progress;
		int epochs = settings.getEpochs(), batch = settings.getBatch();
		if (epochs <= 0 || batch <= 0)
			throw new AnnException("training needs positive epochs and batch size, got epochs " + epochs + ", batch " + batch);
		int levels = qcfsLevels(network, settings);
		long seed = settings.isSetSeed() ? settings.getSeed() : DEFAULT_SEED;
		SplittableRandom random = new SplittableRandom(seed);
		InMemory data = InMemory.load(train, p);
		int batchesPerEpoch = (data.size() + batch - 1) / batch;
		TrainingGraph graph = new TrainingGraph(network, train.numClasses(), random.split(), levels, start);
		graph.sd.setTrainingConfig(TrainingConfig.builder()
				.updater(updater(settings, batchesPerEpoch))
				.dataSetFeatureMapping(featureNames(graph))
				.dataSetLabelMapping(TrainingGraph.LABEL)
				.build());
		SplittableRandom shuffling = random.split(), dropout = random.split();
		float[] losses = new float[measureLoss ? epochs * batchesPerEpoch : 0];
		int iteration = 0;
		long began = System.currentTimeMillis();
		p.begin("training " + network.name(), (long) epochs * batchesPerEpoch);
		try (Nd4jSupport.Setting plain = graph.oneDnnRefuses ? Nd4jSupport.withoutHelpers() : null) {
			if (!graph.qcfsLayers.isEmpty())
				ClipStart.set(graph, firstSamples(graph, data, ClipStart.SAMPLES), start);
			for (int epoch = 0; epoch < epochs; epoch++) {
				int[] order = permutation(data.size(), shuffling);
				for (int from = 0; from < order.length; from += batch) {
					p.checkCancelled();
					int n = Math.min(batch, order.length - from);
					MultiDataSet b = batchOf(graph, data, order, from, n, dropout);
					if (measureLoss)
						losses[iteration] = loss(graph, b);
					if (iteration == 0)
						withoutStandardOutput(() -> graph.sd.fit(b));
					else
						graph.sd.fit(b);
					iteration++;
					p.advance(1);
				}
			}
		} finally {
			p.done();
		}
		long millis = System.currentTimeMillis() - began;
		return new TrainingResult(weights(graph), losses, millis);
	}

	/** The trained parameters; a QCFS layer's clip λ and levels L follow its bias, each as one value. */
	private static WeightStore weights(TrainingGraph graph) {
		WeightStore weights = new WeightStore();
		for (var e : graph.parameters.entrySet()) {
			weights.put(e.getKey(), FloatTensor.of(e.getValue().getArr()));
			for (TrainingGraph.QcfsLayer q : graph.qcfsLayers)
				if (e.getKey().equals(WeightKeys.bias(q.key()))) {
					weights.put(WeightKeys.clip(q.key()), new int[] { 1 }, new float[] { q.clip().getArr().getFloat(0) });
					weights.put(WeightKeys.levels(q.key()), new int[] { 1 }, new float[] { graph.levels });
				}
		}
		return weights;
	}

	/** L under {@code activation qcfs L}, 0 under relu; a network that cannot take QCFS is refused by name. */
	private static int qcfsLevels(ResolvedNetwork network, Training settings) {
		if (settings.getActivation() != TrainActivation.QCFS)
			return 0;
		if (!settings.isSetLevels() || settings.getLevels() <= 0)
			throw new AnnException("qcfs needs a positive number of levels L, e.g. 'activation qcfs 8'"
					+ (settings.isSetLevels() ? ", got " + settings.getLevels() : ""));
		String refusal = QcfsLayers.refusal(network);
		if (refusal != null)
			throw new AnnException(refusal);
		return settings.getLevels();
	}

	/** The graph's inputs for the first n samples in the data's order, with masks of ones: nothing dropped. */
	private static Map<String, INDArray> firstSamples(TrainingGraph graph, InMemory data, int n) {
		n = Math.min(n, data.size());
		int size = data.sampleSize();
		float[] x = new float[n * size];
		System.arraycopy(data.features(), 0, x, 0, x.length);
		Map<String, INDArray> inputs = new HashMap<>();
		inputs.put(TrainingGraph.INPUT, Nd4j.create(x, batchShape(n, data.sampleShape()), 'c'));
		for (TrainingGraph.DropoutMask m : graph.dropoutMasks)
			inputs.put(m.placeholder(), Nd4j.ones(batchShape(n, m.sampleShape())));
		return inputs;
	}

	/**
	 * SameDiff prints a line per operation to System.out (not to a logger) while it builds the gradient graph on
	 * the first fit; on the command line that would bury the results.
	 */
	private static void withoutStandardOutput(Runnable r) {
		java.io.PrintStream out = System.out;
		System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
		try {
			r.run();
		} finally {
			System.setOut(out);
		}
	}

	// SameDiff's History of a single-batch fit carries no loss, so the loss is computed with the same inputs
	private static float loss(TrainingGraph graph, MultiDataSet batch) {
		Map<String, INDArray> inputs = new HashMap<>();
		String[] features = featureNames(graph);
		for (int i = 0; i < features.length; i++)
			inputs.put(features[i], batch.getFeatures(i));
		inputs.put(TrainingGraph.LABEL, batch.getLabels(0));
		return graph.sd.outputSingle(inputs, graph.loss.name()).getFloat(0);
	}

	private static IUpdater updater(Training settings, int batchesPerEpoch) {
		ISchedule rate = LearningRateSchedule.of(settings).perBatch(batchesPerEpoch);
		return settings.getOptimizer() == Optimizer.SGD ? new Sgd(rate) : new Adam(rate);
	}

	private static String[] featureNames(TrainingGraph graph) {
		String[] names = new String[1 + graph.dropoutMasks.size()];
		names[0] = TrainingGraph.INPUT;
		for (int i = 0; i < graph.dropoutMasks.size(); i++)
			names[i + 1] = graph.dropoutMasks.get(i).placeholder();
		return names;
	}

	/** Fisher–Yates with the run's generator: the same seed gives the same order on every machine. */
	public static int[] permutation(int size, SplittableRandom random) {
		int[] order = new int[size];
		for (int i = 0; i < size; i++)
			order[i] = i;
		for (int i = size - 1; i > 0; i--) {
			int j = random.nextInt(i + 1);
			int t = order[i];
			order[i] = order[j];
			order[j] = t;
		}
		return order;
	}

	private static MultiDataSet batchOf(TrainingGraph graph, InMemory data, int[] order, int from, int n, SplittableRandom dropout) {
		int sampleSize = data.sampleSize();
		float[] x = new float[n * sampleSize];
		float[] y = new float[n * data.classes()];
		for (int i = 0; i < n; i++) {
			int s = order[from + i];
			System.arraycopy(data.features(), s * sampleSize, x, i * sampleSize, sampleSize);
			y[i * data.classes() + data.labels()[s]] = 1f;
		}
		INDArray[] features = new INDArray[1 + graph.dropoutMasks.size()];
		features[0] = Nd4j.create(x, batchShape(n, data.sampleShape()), 'c');
		for (int m = 0; m < graph.dropoutMasks.size(); m++)
			features[m + 1] = mask(graph.dropoutMasks.get(m), n, dropout);
		INDArray labels = Nd4j.create(y, new long[] { n, data.classes() }, 'c');
		return new MultiDataSet(features, new INDArray[] { labels });
	}

	/** Inverted dropout: kept values are scaled by 1/(1 − rate), so inference needs no change. */
	private static INDArray mask(TrainingGraph.DropoutMask m, int n, SplittableRandom random) {
		int size = 1;
		for (int d : m.sampleShape())
			size *= d;
		float keep = (float) (1 / (1 - m.rate()));
		float[] values = new float[n * size];
		for (int i = 0; i < values.length; i++)
			values[i] = random.nextDouble() < m.rate() ? 0f : keep;
		return Nd4j.create(values, batchShape(n, m.sampleShape()), 'c');
	}

	private static long[] batchShape(int n, int[] sample) {
		long[] shape = new long[sample.length + 1];
		shape[0] = n;
		for (int i = 0; i < sample.length; i++)
			shape[i + 1] = sample[i];
		return shape;
	}

}
