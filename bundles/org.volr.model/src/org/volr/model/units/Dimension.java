package org.volr.model.units;

import java.util.List;

/** The physical dimension a parameter is measured in, with the unit names a .volr file may use for it. */
public enum Dimension {
	TIME("a time", List.of("s", "ms", "us")),
	VOLTAGE("a voltage", List.of("V", "mV", "uV")),
	CURRENT("a current", List.of("A", "mA", "uA", "nA", "pA")),
	CAPACITANCE("a capacitance", List.of("F", "uF", "nF", "pF")),
	FREQUENCY("a frequency", List.of("Hz", "kHz")),
	STEPS("a number of time steps", List.of("steps")),
	DIMENSIONLESS("a plain number", List.of());

	private final String description;
	private final List<String> units;

	Dimension(String description, List<String> units) {
		this.description = description;
		this.units = units;
	}

	public String description() {
		return description;
	}

	public List<String> units() {
		return units;
	}
}
