package org.volr.convert;

import java.util.List;

import org.volr.core.weights.WeightStore;

/**
 * @param converted the normalised weights, in the same names and layouts as the originals
 * @param scales    one entry per layer with weights, in layer order
 */
public record ConversionResult(WeightStore converted, List<LayerScale> scales) {
}
