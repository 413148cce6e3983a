package org.volr.net.neuron;

import org.volr.model.units.Dimension;

/**
 * One parameter of a neuron model: what it measures, its default (in base units: ms, and voltages in units of the
 * threshold), whether a plain number is accepted for it, and a line of documentation (hover, completion).
 */
public record ParameterSpec(Dimension dimension, double defaultValue, boolean allowPlainNumber, String doc) {
	static ParameterSpec voltage(double defaultValue, String doc) {
		return new ParameterSpec(Dimension.VOLTAGE, defaultValue, true, doc);
	}

	static ParameterSpec time(double defaultValue, String doc) {
		return new ParameterSpec(Dimension.TIME, defaultValue, false, doc);
	}
}
