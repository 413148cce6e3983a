package org.volr.diagram;

import java.util.Locale;

/**
 * What the last run of a network measured on one layer: its mean spike rate (spikes per neuron per step) and the
 * correlation of its SNN rates with the ANN's activations (null when not measured). Drawn as an extra line on the
 * layer's node so the diagram shows where a converted network loses its fidelity.
 */
public record LayerActivity(double rate, Double correlation) {
	/** "0.0594 /step · r 0.9998". */
	public String text() {
		String rateText = String.format(Locale.ROOT, "%.4f /step", rate);
		return correlation == null ? rateText : rateText + String.format(Locale.ROOT, " · r %.4f", correlation);
	}
}
