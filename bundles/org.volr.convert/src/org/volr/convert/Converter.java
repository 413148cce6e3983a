package org.volr.convert;

import java.util.List;

import org.volr.ann.AnnModel;
import org.volr.core.data.Dataset;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.model.Conversion;
import org.volr.net.ResolvedNetwork;

/**
 * Converts an analog network's weights for a spiking network with threshold 1: normalises them from data
 * ({@link Normalization}) so that each layer's activations, divided by its λ, mostly lie in [0, 1], the range a
 * neuron can represent by its rate; or, calibrating for a few steps ({@link Calibration}), with the λ that loses least
 * to the few values a neuron can pass on in them, and biases corrected for what is lost. Pure: nothing is written, the inputs are not changed.
 */
public final class Converter {
	private Converter() {
	}

	/**
	 * @param normalizationData samples to measure activations on, typically the training set, inputs in [0, 1]
	 */
	public static ConversionResult convert(ResolvedNetwork network, WeightStore weights, Conversion settings, Dataset normalizationData,
			Progress progress) {
		return convert(network, weights, settings, normalizationData, 1f, progress);
	}

	/**
	 * @param inputLambda λ_0: the spiking network's input is the analog input divided by it. Poisson input at p
	 *                    spikes per step for an input of 1 delivers x·p per step on average, so λ_0 = 1/p and the
	 *                    first layer's weights grow by 1/p; constant input is the analog value, λ_0 = 1.
	 */
	public static ConversionResult convert(ResolvedNetwork network, WeightStore weights, Conversion settings, Dataset normalizationData,
			float inputLambda, Progress progress) {
		if (!(inputLambda > 0) || Float.isInfinite(inputLambda))
			throw new ConversionException("the input scale λ_0 must be positive and finite, got " + inputLambda);
		refuseRecurrence(network);
		if (Calibration.steps(settings) > 0) { // λ chosen for few steps, biases corrected (Calibration)
			Calibration.Result calibrated = Calibration.calibrate(network, weights, normalizationData, settings, progress);
			return new ConversionResult(WeightScaling.apply(network, calibrated.weights(), calibrated.scales(), inputLambda), calibrated.scales(),
					inputLambda, calibrated.layers());
		}
		AnnModel model = AnnModel.of(network, weights);
		List<LayerScale> scales = LearntClips.apply(Normalization.scales(model, normalizationData, settings, progress), weights);
		return new ConversionResult(WeightScaling.apply(network, weights, scales, inputLambda), List.copyOf(scales), inputLambda, List.of());
	}

	/**
	 * The normalisation measures the ANN's activations, which a recurrent network does not have (SEMANTICS.md,
	 * "Recurrent layers"), and the scaling has no rule for recurrent weights: refused by name.
	 */
	private static void refuseRecurrence(ResolvedNetwork network) {
		String refusal = network.delayedEdgeRefusal("the conversion normalises on the ANN's activations, which a recurrent network has"
				+ " none of; use weights trained for the spiking network as they are (convert { normalize none })");
		if (refusal != null)
			throw new ConversionException(refusal);
	}

	/**
	 * W_l ← W_l · λ_{l−1} / λ_l and b_l ← b_l / λ_l for every layer with weights, λ_0 = 1; pooling, flatten and
	 * reshape keep the scale of the layer before them. Then layer l of the new network computes the original
	 * activation divided by λ_l exactly (for relu and linear layers, which commute with positive scaling).
	 */
	public static WeightStore rescale(ResolvedNetwork network, WeightStore weights, List<LayerScale> scales) {
		refuseRecurrence(network);
		return WeightScaling.apply(network, weights, scales, 1f);
	}
}
