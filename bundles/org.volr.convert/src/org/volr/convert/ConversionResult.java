package org.volr.convert;

import java.util.List;

import org.volr.core.weights.WeightStore;

/**
 * @param converted the normalised weights, in the same names and layouts as the originals
 * @param scales    one entry per layer with weights, in layer order
 * @param inputLambda λ_0, the scale of the spiking network's input (1 for constant input, 1/p for Poisson input at p
 *                  spikes per step)
 * @param calibration what the threshold calibration chose per layer with weights (empty when the conversion does not
 *                    calibrate)
 */
public record ConversionResult(WeightStore converted, List<LayerScale> scales, float inputLambda, List<Calibration.CalibratedLayer> calibration) {
	public ConversionResult {
		calibration = List.copyOf(calibration);
	}
}
