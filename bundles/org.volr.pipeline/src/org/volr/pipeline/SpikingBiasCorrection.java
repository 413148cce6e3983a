package org.volr.pipeline;

import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.volr.ann.AnnModel;
import org.volr.ann.LayerActivation;
import org.volr.convert.Calibration;
import org.volr.convert.ConversionException;
import org.volr.core.data.ArrayDataset;
import org.volr.core.data.Batch;
import org.volr.core.data.BatchIterator;
import org.volr.core.data.Dataset;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.net.NetLayer;
import org.volr.net.ResolvedNetwork;
import org.volr.sim.LoweringException;
import org.volr.sim.SimulationConfig;
import org.volr.sim.SimulationResult;
import org.volr.sim.Simulator;
import org.volr.sim.SpikingNetwork;

/**
 * The last step of {@code calibrate for T steps}: the bias correction of Li et al.'s light calibration against the
 * spiking network itself. The quantised ANN the conversion calibrated on (org.volr.convert.Calibration) rounds every
 * layer's activation as a constant input would; a layer that reads spikes sees them unevenly in time, and average
 * pooling rounds again. So, for every hidden layer with weights in order, the converted network runs T steps on the
 * calibration samples, and each channel's bias (in the converted, normalised units) moves by the mean difference
 * between the ANN's activation (clipped to one spike per step) and the layer's rate, spikes / T: the layers before it
 * already corrected, what is left is its own error. The output layer is read out, not passed on, and keeps the
 * conversion's correction.
 */
final class SpikingBiasCorrection {
	private SpikingBiasCorrection() {
	}

	/**
	 * @param ann       the ANN's weights normalised with the calibrated λ (what every layer's rate should be)
	 * @param converted the calibrated, normalised weights (threshold 1), biases corrected on the quantised ANN
	 * @param config    the run's settings with the calibration's steps
	 * @return the weights with the hidden layers' biases corrected
	 */
	static WeightStore correct(ResolvedNetwork network, WeightStore ann, WeightStore converted, Dataset data, int samples,
			SimulationConfig config, Progress progress) {
		ArrayDataset calibration = firstSamples(data, samples);
		WeightStore weights = converted.copy();
		List<LayerActivation> target = AnnModel.of(network, ann).activations(features(calibration));
		int n = calibration.size(), steps = config.steps();
		for (int k = 0; k < target.size() - 1; k++) {
			if (progress != null)
				progress.checkCancelled();
			LayerActivation layer = target.get(k);
			SpikingNetwork snn = lower(network, weights);
			int l = planIndex(snn, layer.name());
			if (l < 0)
				continue;
			SimulationResult r = Simulator.run(snn, calibration, config.withRecording(n), Progress.NONE);
			float[] want = layer.postActivation().dup('c').data().asFloat();
			int channels = (int) layer.postActivation().size(1), neurons = want.length / n, perChannel = neurons / channels;
			double[] diff = new double[channels];
			for (int s = 0; s < n; s++) {
				int[] spikes = r.neuronSpikes(s, l);
				for (int j = 0; j < neurons; j++)
					diff[j / perChannel] += Math.min(1, Math.max(0, want[s * neurons + j])) - spikes[j] / (double) steps;
			}
			float[] shift = new float[channels];
			for (int c = 0; c < channels; c++)
				shift[c] = (float) (diff[c] / ((double) n * perChannel));
			Calibration.addToBias(weights, layer.layer(), shift);
		}
		return weights;
	}

	/** The spiking network of the weights; a network the simulator cannot lower fails here as the run would after it. */
	private static SpikingNetwork lower(ResolvedNetwork network, WeightStore weights) {
		try {
			return SpikingNetwork.lower(network, weights);
		} catch (LoweringException e) {
			throw new ConversionException("calibrating against the spiking network: " + e.getMessage());
		}
	}

	private static int planIndex(SpikingNetwork snn, String label) {
		for (int l = 0; l < snn.layers().size(); l++)
			if (snn.layers().get(l).label().equals(label))
				return l;
		return -1;
	}

	/** The first {@code samples} samples, in memory: simulated once per layer. */
	private static ArrayDataset firstSamples(Dataset data, int samples) {
		int n = Math.min(samples, data.size()), size = 1;
		for (int d : data.sampleShape())
			size *= d;
		float[] features = new float[n * size];
		int[] labels = new int[n];
		int seen = 0;
		try (BatchIterator batches = data.batches(250)) {
			while (seen < n && batches.hasNext()) {
				Batch b = batches.next();
				int take = Math.min(b.size(), n - seen);
				System.arraycopy(b.features(), 0, features, seen * size, take * size);
				System.arraycopy(b.labels(), 0, labels, seen, take);
				seen += take;
			}
		}
		return new ArrayDataset(data.name(), data.sampleShape(), Math.max(1, data.numClasses()), features, labels);
	}

	private static INDArray features(ArrayDataset data) {
		try (BatchIterator batches = data.batches(data.size())) {
			return batches.next().featuresAsINDArray();
		}
	}
}
