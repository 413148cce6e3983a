package org.volr.convert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.volr.ann.AnnModel;
import org.volr.ann.LayerActivation;
import org.volr.core.data.Batch;
import org.volr.core.data.BatchIterator;
import org.volr.core.data.Dataset;
import org.volr.core.nd4j.Nd4jSupport;
import org.volr.core.progress.Progress;
import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;
import org.volr.model.Conversion;
import org.volr.model.InitialPotential;
import org.volr.net.NetLayer;
import org.volr.net.ResolvedNetwork;

/**
 * Threshold calibration for a target number of steps T (Li et al., ICML 2021, "SNN Calibration", its light form), in
 * place of {@link Normalization}'s percentile when the conversion says {@code calibrate for T steps}. In T steps a
 * neuron fires at most T times, so a layer passes on only T + 1 values of its activation a (SEMANTICS.md, "Initial
 * potential"):
 *
 * <pre>
 *     q(a) = λ/T · clip(floor(a·T/λ + φ), 0, T),   φ = 1/2 with init half, 0 with init zero
 * </pre>
 *
 * A percentile λ, chosen for many steps, is too high for a few: most activations then fall between few levels. So
 * for every layer with weights, in order:
 * <ol>
 * <li>λ (per channel with {@code channelwise}) is the point of the grid max·(1 − 0.01·i), i = 0..94, that minimises the
 * squared error Σ (a − q(a))² over the ANN's activations on the samples (the output layer's pre-activations, as it is
 * normalised on them);</li>
 * <li>the bias is corrected by the mean error per channel, E[a] − E[q(a')], where a' is the layer's activation computed
 * from the layers before it already quantised (with their λ and corrected biases): the rounding and clipping error that
 * would otherwise build up from layer to layer. The output layer is read out, not passed on: its correction is the mean
 * change of its pre-activation, E[z] − E[z'].</li>
 * </ol>
 * With {@code channelwise} every hidden layer gets a λ per channel; the output layer keeps one, since its units are the
 * classes the readout compares (a λ per class would weigh them differently).
 * Average pooling layers, which also fire in the spiking network, are not quantised here (they keep the scale of what
 * they read), nor is a layer's input uneven in time as spikes are: the pipeline corrects the hidden layers' biases once
 * more against the spiking network itself (org.volr.pipeline's SpikingBiasCorrection), which needs the simulator.
 * Deterministic: the samples are a fixed prefix of the data.
 */
public final class Calibration {
	/** The grid of thresholds: λ = max·(1 − STEP·i), i = 0 .. POINTS − 1 (Li et al.'s). */
	static final double STEP = 0.01;
	static final int POINTS = 95;
	private static final int BATCH = 100;

	private Calibration() {
	}

	/**
	 * What calibrating one layer with weights chose, per channel (one entry unless channel-wise).
	 *
	 * @param max       the largest activation on the samples (the top of the grid; 0 when none was positive), per λ
	 * @param lambda    the threshold chosen, λ
	 * @param biasShift what was added to the bias of each output channel (in the ANN's units, before normalisation)
	 */
	public record CalibratedLayer(String layer, int steps, float[] max, float[] lambda, float[] biasShift) {
		/** λ over the largest activation, averaged over the channels that had one: how far below the maximum λ went. */
		public double meanScale() {
			double sum = 0;
			int n = 0;
			for (int c = 0; c < max.length; c++)
				if (max[c] > 0) {
					sum += lambda[c] / max[c];
					n++;
				}
			return n == 0 ? 1 : sum / n;
		}

		public double meanAbsoluteShift() {
			double sum = 0;
			for (float b : biasShift)
				sum += Math.abs(b);
			return sum / biasShift.length;
		}
	}

	/**
	 * @param weights the weights with their biases corrected (not yet normalised)
	 * @param scales  λ per layer with weights, in layer order, as {@link Normalization#scales} gives them
	 */
	public record Result(WeightStore weights, List<LayerScale> scales, List<CalibratedLayer> layers) {
	}

	/** The number of steps the conversion calibrates for, or 0 when it does not. */
	public static int steps(Conversion settings) {
		return settings == null || settings.getCalibration() == null ? 0 : (int) Math.round(settings.getCalibration().getValue());
	}

	/** q(a) of one value: the activation a layer with threshold λ passes on in {@code steps} steps. */
	public static float quantise(float a, float lambda, int steps, InitialPotential init) {
		double level = Math.floor(a * (double) steps / lambda + phase(init));
		return (float) (lambda * Math.max(0, Math.min(steps, level)) / steps);
	}

	private static double phase(InitialPotential init) {
		return init == InitialPotential.HALF ? 0.5 : 0;
	}

	/** Σ (a − q(a))² over the values (only positive ones vary with λ: q of a value ≤ 0 is 0 whatever λ). */
	public static double quantisationError(float[] values, int count, float lambda, int steps, InitialPotential init) {
		double sum = 0;
		for (int i = 0; i < count; i++) {
			double d = values[i] - (double) quantise(values[i], lambda, steps, init);
			sum += d * d;
		}
		return sum;
	}

	/**
	 * The point of the grid max·(1 − 0.01·i) with the least quantisation error over the values (the first, largest, on a
	 * tie); 1 when no value is positive (nothing to scale, as {@link Normalization} keeps it).
	 */
	public static float threshold(float[] values, int count, int steps, InitialPotential init) {
		float max = 0;
		for (int i = 0; i < count; i++)
			max = Math.max(max, values[i]);
		if (!(max > 0))
			return 1f;
		float best = max;
		double bestError = Double.POSITIVE_INFINITY;
		for (int i = 0; i < POINTS; i++) {
			float lambda = (float) (max * (1 - STEP * i));
			double error = quantisationError(values, count, lambda, steps, init);
			if (error < bestError) {
				bestError = error;
				best = lambda;
			}
		}
		return best;
	}

	/** Calibrates every layer with weights for the conversion's steps on its first {@code samples} samples of {@code data}. */
	public static Result calibrate(ResolvedNetwork network, WeightStore weights, Dataset data, Conversion settings, Progress progress) {
		Nd4jSupport.init();
		Progress p = progress == null ? Progress.NONE : progress;
		int steps = steps(settings);
		InitialPotential init = settings.getInit();
		boolean channelwise = settings.isChannelwise();
		List<INDArray> batches = read(data, Math.min(data.size(), settings.isSetSamples() ? settings.getSamples() : Normalization.DEFAULT_SAMPLES));
		int samples = batches.stream().mapToInt(b -> (int) b.size(0)).sum();
		if (samples == 0)
			throw new ConversionException("calibration needs at least one sample, " + data.name() + " gives none");
		// the ANN's own activations: what every layer should pass on
		p.begin("calibrating thresholds for " + steps + " steps on " + samples + " samples of " + data.name(), samples);
		List<LayerValues> exact = null;
		AnnModel model = AnnModel.of(network, weights);
		try {
			for (INDArray x : batches) {
				p.checkCancelled();
				List<LayerActivation> acts = model.activations(x);
				if (exact == null)
					exact = start(acts, channelwise);
				for (int i = 0; i < acts.size(); i++)
					exact.get(i).add(value(acts, i), true);
				p.advance((int) x.size(0));
			}
		} finally {
			p.done();
		}
		if (exact == null || exact.isEmpty())
			throw new ConversionException("network '" + network.name() + "' has no layer with weights to calibrate");
		int layers = exact.size();
		float[][] lambda = new float[layers][];
		for (int l = 0; l < layers; l++)
			lambda[l] = exact.get(l).thresholds(steps, init);
		// bias correction, layer by layer, with the layers before already quantised and corrected
		WeightStore corrected = weights.copy();
		Map<String, Integer> index = new HashMap<>();
		for (int l = 0; l < layers; l++)
			index.put(exact.get(l).layer.key(), l);
		List<CalibratedLayer> report = new ArrayList<>();
		List<LayerScale> scales = new ArrayList<>();
		for (int k = 0; k < layers; k++) {
			int current = k;
			AnnModel quantised = AnnModel.of(network, corrected);
			LayerValues seen = exact.get(k).emptyCopy();
			for (INDArray x : batches) {
				p.checkCancelled();
				List<LayerActivation> acts = quantised.activations(x, (layer, a) -> {
					Integer l = index.get(layer.key());
					return l != null && l < current ? quantise(a, lambda[l], steps, init) : a;
				});
				boolean output = k == layers - 1;
				INDArray v = value(acts, k);
				seen.add(output ? v : quantise(v, lambda[k], steps, init), false);
			}
			LayerValues want = exact.get(k);
			float[] shift = new float[want.channels];
			for (int c = 0; c < shift.length; c++)
				shift[c] = (float) (want.mean(c) - seen.mean(c));
			addToBias(corrected, want.layer, shift);
			report.add(new CalibratedLayer(want.layer.key(), steps, want.max.clone(), lambda[k].clone(), shift));
			scales.add(new LayerScale(want.layer.key(), lambda[k], want.clippedFraction(lambda[k])));
		}
		return new Result(corrected, List.copyOf(scales), List.copyOf(report));
	}

	/** What the normalisation looks at: a hidden layer's activation, the output layer's pre-activation. */
	private static INDArray value(List<LayerActivation> acts, int i) {
		LayerActivation a = acts.get(i);
		return i == acts.size() - 1 ? a.preActivation() : a.postActivation();
	}

	private static List<INDArray> read(Dataset data, int samples) {
		List<INDArray> out = new ArrayList<>();
		try (BatchIterator batches = data.batches(BATCH)) {
			int seen = 0;
			while (seen < samples && batches.hasNext()) {
				Batch b = batches.next();
				int n = Math.min(b.size(), samples - seen);
				INDArray x = b.featuresAsINDArray();
				if (n < b.size())
					x = x.get(NDArrayIndex.interval(0, n)).dup('c');
				out.add(x);
				seen += n;
			}
		}
		return out;
	}

	/**
	 * One LayerValues per layer with weights, per channel when channel-wise, except the output layer: its units are the
	 * classes, compared with one another when read out, so one λ keeps their scale the same.
	 */
	private static List<LayerValues> start(List<LayerActivation> acts, boolean channelwise) {
		List<LayerValues> layers = new ArrayList<>();
		for (int i = 0; i < acts.size(); i++) {
			LayerActivation a = acts.get(i);
			int channels = (int) a.preActivation().size(1);
			layers.add(new LayerValues(a.layer(), channelwise && i < acts.size() - 1 ? channels : 1, channels));
		}
		return layers;
	}

	/** q of every value of a batch [n, C, ...], with λ per channel (or one for all). */
	static INDArray quantise(INDArray batch, float[] lambda, int steps, InitialPotential init) {
		INDArray c = batch.dup('c');
		float[] v = c.data().asFloat();
		long perChannel = v.length / batch.size(0) / batch.size(1);
		for (int i = 0; i < v.length; i++) {
			int channel = lambda.length == 1 ? 0 : (int) ((i / perChannel) % lambda.length);
			v[i] = quantise(v[i], lambda[channel], steps, init);
		}
		return Nd4j.create(v, c.shape(), 'c');
	}

	/** b_c ← b_c + shift_c for every output channel (a layer without a bias gets one). */
	public static void addToBias(WeightStore weights, NetLayer layer, float[] shift) {
		int out = layer.biasShape()[0];
		float[] bias = new float[out];
		if (weights.contains(layer.biasKey()))
			System.arraycopy(weights.get(layer.biasKey()).data(), 0, bias, 0, out);
		for (int c = 0; c < out; c++)
			bias[c] += shift[c];
		weights.put(layer.biasKey(), new FloatTensor(new int[] { out }, bias));
	}

	/**
	 * One layer's values on the samples: the positive ones and their largest per group that gets a λ (each channel, or the
	 * whole layer), and the mean of every value per channel (for the bias correction, which is per channel either way).
	 */
	private static final class LayerValues {
		final NetLayer layer;
		final int groups, channels;
		final Percentiles[] positive;
		final float[] max;
		final double[] sum;
		final long[] count;

		LayerValues(NetLayer layer, int groups, int channels) {
			this.layer = layer;
			this.groups = groups;
			this.channels = channels;
			positive = new Percentiles[groups];
			for (int g = 0; g < groups; g++)
				positive[g] = new Percentiles();
			max = new float[groups];
			sum = new double[channels];
			count = new long[channels];
		}

		LayerValues emptyCopy() {
			return new LayerValues(layer, groups, channels);
		}

		/** values [n, C, ...] in C order; {@code keep}: keep the positive values (for the threshold search), else only the means. */
		void add(INDArray batch, boolean keep) {
			float[] v = batch.dup('c').data().asFloat();
			long perChannel = v.length / batch.size(0) / channels;
			for (int i = 0; i < v.length; i++) {
				int c = (int) ((i / perChannel) % channels);
				sum[c] += v[i];
				count[c]++;
				if (keep && v[i] > 0) {
					int g = groups == 1 ? 0 : c;
					positive[g].add(v[i]);
					max[g] = Math.max(max[g], v[i]);
				}
			}
		}

		double mean(int c) {
			return count[c] == 0 ? 0 : sum[c] / count[c];
		}

		float[] thresholds(int steps, InitialPotential init) {
			float[] lambda = new float[groups];
			for (int g = 0; g < groups; g++)
				lambda[g] = threshold(positive[g].values(), positive[g].size(), steps, init);
			return lambda;
		}

		/** The fraction of all values above λ: they would need more than one spike per step. */
		double clippedFraction(float[] lambda) {
			long above = 0, total = 0;
			for (int g = 0; g < groups; g++)
				above += positive[g].countAbove(lambda[g]);
			for (long n : count)
				total += n;
			return total == 0 ? 0 : (double) above / total;
		}
	}
}
