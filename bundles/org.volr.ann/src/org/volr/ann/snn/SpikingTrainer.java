package org.volr.ann.snn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.volr.ann.AnnException;
import org.volr.ann.GlorotUniform;
import org.volr.ann.InMemory;
import org.volr.ann.LearningRateSchedule;
import org.volr.ann.Trainer;
import org.volr.core.data.Dataset;
import org.volr.core.nd4j.Nd4jSupport;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.model.Optimizer;
import org.volr.model.SpikeLoss;
import org.volr.model.Surrogate;
import org.volr.model.Training;
import org.volr.net.NetLayer;
import org.volr.net.ResolvedNetwork;
import org.volr.net.SpikingTraining;

/**
 * Trains a spiking network directly (train { spiking, ... }): backpropagation through time over the simulator's own
 * steps ({@link SpikingNet}), softmax cross-entropy on the output's spike counts or summed input current, Adam or SGD
 * at the rate the {@link LearningRateSchedule} gives each epoch.
 * Kernels start Glorot-uniform and biases at zero, or at given weights (a fine-tune, e.g. of a converted network: its
 * scaled weights under the neurons' own thresholds); everything random (initial weights, the order of samples in every
 * epoch) comes from one generator seeded by {@code Training.seed}, so two runs with the same seed give the same weights.
 */
public final class SpikingTrainer {
	private SpikingTrainer() {
	}

	/** The settings of a run that {@link Training} leaves to the experiment: its neurons and steps. */
	public record Run(List<SpikingNeurons> neurons, int steps) {
	}

	public static SpikingTrainingResult train(ResolvedNetwork network, Training settings, Run run, Dataset train, Progress progress) {
		return train(network, settings, run, train, null, progress);
	}

	/**
	 * @param start the weights to start from ("{key}.weight" [in, out] and "{key}.bias" of every dense layer, a missing
	 *              bias zero), or null for Glorot-uniform kernels and zero biases; not changed
	 */
	public static SpikingTrainingResult train(ResolvedNetwork network, Training settings, Run run, Dataset train, WeightStore start,
			Progress progress) {
		String refusal = SpikingTraining.refusal(network);
		if (refusal != null)
			throw new AnnException(refusal);
		Nd4jSupport.init();
		Progress p = progress == null ? Progress.NONE : progress;
		int epochs = settings.getEpochs(), batch = settings.getBatch();
		if (epochs <= 0 || batch <= 0)
			throw new AnnException("training needs positive epochs and batch size, got epochs " + epochs + ", batch " + batch);
		if (!(settings.getLearningRate() > 0))
			throw new AnnException("learning rate must be positive, got " + settings.getLearningRate());
		long seed = settings.isSetSeed() ? settings.getSeed() : Trainer.DEFAULT_SEED;
		SplittableRandom random = new SplittableRandom(seed);
		List<NetLayer> dense = SpikingTraining.denseLayers(network);
		SplittableRandom initialisation = random.split(); // split even for a fine-tune, so that the epochs' order is the seed's
		SpikingNet net = start == null ? initial(network, dense, settings, run, initialisation)
				: net(network, dense, start, run, lossOf(settings), surrogateOf(settings), true);
		InMemory data = InMemory.load(train, p);
		int classes = net.sizes[net.layers()];
		if (data.classes() > classes)
			throw new AnnException(train.name() + " has " + data.classes() + " classes, the network's output " + classes);
		SplittableRandom shuffling = random.split();
		float[][] parameters = parameters(net);
		LearningRateSchedule schedule = LearningRateSchedule.of(settings);
		ParameterUpdate update = new ParameterUpdate(settings.getOptimizer(), schedule.rate(0), parameters);
		int batchesPerEpoch = (data.size() + batch - 1) / batch;
		float[] losses = new float[epochs], accuracies = new float[epochs];
		double[] rates = new double[epochs];
		long began = System.currentTimeMillis();
		p.begin("training " + network.name() + " as a spiking network", (long) epochs * batchesPerEpoch);
		// the trainer's own loops share each batch out to every core (Samples); OpenBLAS threads would only compete with
		// them, spinning idle after each product, so its products run on the calling thread
		try (Nd4jSupport.Setting oneThread = Nd4jSupport.oneThread()) {
			for (int epoch = 0; epoch < epochs; epoch++) {
				int[] order = Trainer.permutation(data.size(), shuffling);
				rates[epoch] = schedule.rate(epoch);
				update.rate(rates[epoch]);
				double lossSum = 0;
				long correct = 0;
				for (int from = 0; from < order.length; from += batch) {
					p.checkCancelled();
					int n = Math.min(batch, order.length - from);
					float[] x = new float[n * data.sampleSize()];
					int[] y = new int[n];
					for (int i = 0; i < n; i++) {
						int s = order[from + i];
						System.arraycopy(data.features(), s * data.sampleSize(), x, i * data.sampleSize(), data.sampleSize());
						y[i] = data.labels()[s];
					}
					SpikingNet.Pass pass = net.forward(x, n);
					lossSum += net.loss(pass, y) * n;
					correct += correct(pass, y, classes);
					SpikingNet.Gradient g = net.backward(pass, y);
					update.apply(parameters, gradients(g));
					p.advance(1);
				}
				losses[epoch] = (float) (lossSum / data.size());
				accuracies[epoch] = (float) correct / data.size();
			}
		} finally {
			p.done();
		}
		return new SpikingTrainingResult(weights(dense, net), losses, accuracies, rates, System.currentTimeMillis() - began);
	}

	/** Samples whose highest logit (ties to the lower class) is their label. */
	private static int correct(SpikingNet.Pass pass, int[] labels, int classes) {
		int correct = 0;
		for (int k = 0; k < pass.n; k++) {
			int best = 0;
			for (int c = 1; c < classes; c++)
				if (pass.logits[k * classes + c] > pass.logits[k * classes + best])
					best = c;
			correct += best == labels[k] ? 1 : 0;
		}
		return correct;
	}

	private static SpikingNet initial(ResolvedNetwork network, List<NetLayer> dense, Training settings, Run run, SplittableRandom random) {
		if (run.neurons().size() != dense.size())
			throw new IllegalArgumentException(dense.size() + " dense layers, neurons given for " + run.neurons().size());
		int[] sizes = new int[dense.size() + 1];
		sizes[0] = network.inputSize();
		float[][] w = new float[dense.size()][], b = new float[dense.size()][];
		for (int l = 0; l < dense.size(); l++) {
			NetLayer layer = dense.get(l);
			sizes[l + 1] = layer.outSize();
			w[l] = GlorotUniform.sample(layer.inSize() * layer.outSize(), layer.inSize(), layer.outSize(), random);
			b[l] = new float[layer.outSize()];
		}
		return new SpikingNet(sizes, w, b, run.neurons(), run.steps(), lossOf(settings), surrogateOf(settings), false);
	}

	public static SpikeLoss lossOf(Training settings) {
		return settings.isSetLoss() ? settings.getLoss() : SpikeLoss.COUNTS;
	}

	public static SurrogateGradient surrogateOf(Training settings) {
		Surrogate kind = settings.getSurrogate();
		return new SurrogateGradient(kind, (float) settings.getSlope());
	}

	private static float[][] parameters(SpikingNet net) {
		List<float[]> all = new ArrayList<>();
		for (int l = 0; l < net.layers(); l++) {
			all.add(net.weights[l]);
			all.add(net.biases[l]);
		}
		return all.toArray(float[][]::new);
	}

	private static float[][] gradients(SpikingNet.Gradient g) {
		List<float[]> all = new ArrayList<>();
		for (int l = 0; l < g.weights().length; l++) {
			all.add(g.weights()[l]);
			all.add(g.biases()[l]);
		}
		return all.toArray(float[][]::new);
	}

	private static WeightStore weights(List<NetLayer> dense, SpikingNet net) {
		WeightStore store = new WeightStore();
		for (int l = 0; l < dense.size(); l++) {
			NetLayer layer = dense.get(l);
			store.put(layer.weightKey(), new int[] { layer.inSize(), layer.outSize() }, net.weights[l].clone());
			store.put(layer.biasKey(), new int[] { layer.outSize() }, net.biases[l].clone());
		}
		return store;
	}

	/** The trainer's forward pass over a data set: every sample's output spike counts and summed input current, [samples·classes]. */
	public record Outputs(int[] counts, float[] integrated) {
	}

	/**
	 * The trainer's forward pass with given weights over a whole data set, in batches of {@code batch}: what the
	 * simulator must reproduce.
	 */
	public static Outputs outputs(ResolvedNetwork network, WeightStore weights, Run run, Dataset data, int batch) {
		Nd4jSupport.init();
		List<NetLayer> dense = SpikingTraining.denseLayers(network);
		SpikingNet net = net(network, dense, weights, run, SpikeLoss.COUNTS, new SurrogateGradient(Surrogate.FAST_SIGMOID, 1f), false);
		InMemory all = InMemory.load(data, Progress.NONE);
		int classes = net.sizes[dense.size()];
		int[] counts = new int[all.size() * classes];
		float[] integrated = new float[all.size() * classes];
		for (int from = 0; from < all.size(); from += batch) {
			int n = Math.min(batch, all.size() - from);
			float[] x = java.util.Arrays.copyOfRange(all.features(), from * all.sampleSize(), (from + n) * all.sampleSize());
			SpikingNet.Pass pass = net.forward(x, n);
			System.arraycopy(pass.outputCounts(), 0, counts, from * classes, n * classes);
			System.arraycopy(pass.integrated, 0, integrated, from * classes, n * classes);
		}
		return new Outputs(counts, integrated);
	}

	/**
	 * The net with the given weights (copied when {@code copy}, since training changes them); a weight array missing or
	 * of another size is refused naming its key.
	 */
	private static SpikingNet net(ResolvedNetwork network, List<NetLayer> dense, WeightStore weights, Run run, SpikeLoss loss,
			SurrogateGradient surrogate, boolean copy) {
		int[] sizes = new int[dense.size() + 1];
		sizes[0] = network.inputSize();
		float[][] w = new float[dense.size()][], b = new float[dense.size()][];
		for (int l = 0; l < dense.size(); l++) {
			NetLayer layer = dense.get(l);
			sizes[l + 1] = layer.outSize();
			w[l] = array(weights, layer.weightKey(), layer.inSize() * layer.outSize(), copy);
			b[l] = weights.contains(layer.biasKey()) ? array(weights, layer.biasKey(), layer.outSize(), copy) : new float[layer.outSize()];
		}
		return new SpikingNet(sizes, w, b, run.neurons(), run.steps(), loss, surrogate, false);
	}

	private static float[] array(WeightStore weights, String key, int size, boolean copy) {
		if (!weights.contains(key))
			throw new AnnException("the weights have no " + key);
		float[] a = weights.get(key).data();
		if (a.length != size)
			throw new AnnException(key + " has " + a.length + " values, the network needs " + size);
		return copy ? a.clone() : a;
	}
}
