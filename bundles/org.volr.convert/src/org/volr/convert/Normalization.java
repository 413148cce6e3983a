package org.volr.convert;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.volr.ann.AnnModel;
import org.volr.ann.LayerActivation;
import org.volr.core.data.Batch;
import org.volr.core.data.BatchIterator;
import org.volr.core.data.Dataset;
import org.volr.core.nd4j.Nd4jSupport;
import org.volr.core.progress.Progress;
import org.volr.model.Conversion;

/**
 * Data-based normalisation (Rueckauer et al.'s "robust" normalisation, as in the SNN Conversion Toolbox): for every
 * layer with weights, λ is the p-th percentile of its positive activations over the first {@code samples} samples
 * of a dataset, computed on the original network. Unlike the toolbox, the output layer is normalised too (on its
 * pre-softmax values, which is what its spiking neurons integrate), λ may be chosen per channel, the percentile is
 * not truncated to an integer, and the samples are a fixed prefix of the data, so the result is deterministic.
 */
public final class Normalization {
	/** Samples used when the conversion does not say. */
	public static final int DEFAULT_SAMPLES = 1000;
	private static final int BATCH = 100;

	private Normalization() {
	}

	/**
	 * @param settings normalization (PERCENTILE: λ = percentile; MAX: λ = the largest activation; NONE: λ = 1),
	 *                 percentile, channelwise and samples
	 */
	public static List<LayerScale> scales(AnnModel model, Dataset data, Conversion settings, Progress progress) {
		Nd4jSupport.init();
		Progress p = progress == null ? Progress.NONE : progress;
		int samples = Math.min(data.size(), settings.isSetSamples() ? settings.getSamples() : DEFAULT_SAMPLES);
		if (samples <= 0)
			throw new ConversionException("normalisation needs at least one sample, " + data.name() + " gives none");
		List<LayerValues> layers = null;
		p.begin("normalising on " + samples + " samples of " + data.name(), samples);
		try (BatchIterator batches = data.batches(BATCH)) {
			int seen = 0;
			while (seen < samples && batches.hasNext()) {
				p.checkCancelled();
				Batch b = batches.next();
				int n = Math.min(b.size(), samples - seen);
				INDArray x = b.featuresAsINDArray();
				if (n < b.size())
					x = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n)).dup('c');
				List<LayerActivation> acts = model.activations(x);
				if (layers == null)
					layers = start(acts, settings.isChannelwise());
				for (int i = 0; i < acts.size(); i++) {
					boolean output = i == acts.size() - 1;
					LayerActivation a = acts.get(i);
					layers.get(i).add(output ? a.preActivation() : a.postActivation());
				}
				seen += n;
				p.advance(n);
			}
		} finally {
			p.done();
		}
		if (layers == null || layers.isEmpty())
			throw new ConversionException("network '" + model.network().name() + "' has no layer with weights to normalise");
		List<LayerScale> scales = new ArrayList<>();
		for (LayerValues values : layers)
			scales.add(values.scale(settings));
		return scales;
	}

	private static List<LayerValues> start(List<LayerActivation> acts, boolean channelwise) {
		List<LayerValues> layers = new ArrayList<>();
		for (LayerActivation a : acts)
			layers.add(new LayerValues(a.name(), channelwise ? (int) a.preActivation().size(1) : 1));
		return layers;
	}

	/** The positive activations of one layer, per channel or all together, and how many values there were. */
	private static final class LayerValues {
		final String name;
		final Percentiles[] channels;
		long total;

		LayerValues(String name, int channels) {
			this.name = name;
			this.channels = new Percentiles[channels];
			for (int c = 0; c < channels; c++)
				this.channels[c] = new Percentiles();
		}

		/** values [n, C, ...] in C order: each channel's values of a sample are one run of size/(n·C). */
		void add(INDArray batch) {
			float[] v = batch.dup('c').data().asFloat();
			long n = batch.size(0), perChannel = v.length / n / batch.size(1);
			total += v.length;
			for (int i = 0; i < v.length; i++) {
				if (v[i] > 0) {
					int channel = channels.length == 1 ? 0 : (int) ((i / perChannel) % channels.length);
					channels[channel].add(v[i]);
				}
			}
		}

		LayerScale scale(Conversion settings) {
			float[] lambda = new float[channels.length];
			long clipped = 0;
			for (int c = 0; c < channels.length; c++) {
				Float value = switch (settings.getNormalization()) {
				case NONE -> 1f;
				case MAX -> channels[c].percentile(100);
				default -> channels[c].percentile(settings.getPercentile());
				};
				// no positive activation at all: nothing to scale, keep the weights as they are
				lambda[c] = value == null || value <= 0 ? 1f : value;
				clipped += channels[c].countAbove(lambda[c]);
			}
			return new LayerScale(name, lambda, total == 0 ? 0 : (double) clipped / total);
		}
	}
}
