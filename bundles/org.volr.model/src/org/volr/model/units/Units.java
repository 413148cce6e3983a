package org.volr.model.units;

import java.util.Map;
import java.util.Optional;

import org.volr.model.Quantity;

/** Unit names, their dimension and their factor to the base unit used internally (ms, mV, nA, nF, Hz). */
public final class Units {
	private record Unit(Dimension dimension, double toBase) {
	}

	// Base units are PyNN's: ms, mV, nA, nF; frequencies in Hz.
	private static final Map<String, Unit> UNITS = Map.ofEntries(
			Map.entry("s", new Unit(Dimension.TIME, 1e3)), Map.entry("ms", new Unit(Dimension.TIME, 1)),
			Map.entry("us", new Unit(Dimension.TIME, 1e-3)),
			Map.entry("V", new Unit(Dimension.VOLTAGE, 1e3)), Map.entry("mV", new Unit(Dimension.VOLTAGE, 1)),
			Map.entry("uV", new Unit(Dimension.VOLTAGE, 1e-3)),
			Map.entry("A", new Unit(Dimension.CURRENT, 1e9)), Map.entry("mA", new Unit(Dimension.CURRENT, 1e6)),
			Map.entry("uA", new Unit(Dimension.CURRENT, 1e3)), Map.entry("nA", new Unit(Dimension.CURRENT, 1)),
			Map.entry("pA", new Unit(Dimension.CURRENT, 1e-3)),
			Map.entry("F", new Unit(Dimension.CAPACITANCE, 1e9)), Map.entry("uF", new Unit(Dimension.CAPACITANCE, 1e3)),
			Map.entry("nF", new Unit(Dimension.CAPACITANCE, 1)), Map.entry("pF", new Unit(Dimension.CAPACITANCE, 1e-3)),
			Map.entry("Hz", new Unit(Dimension.FREQUENCY, 1)), Map.entry("kHz", new Unit(Dimension.FREQUENCY, 1e3)),
			Map.entry("steps", new Unit(Dimension.STEPS, 1)));

	private Units() {
	}

	/** The dimension of a unit name, empty if the name is no unit we know. */
	public static Optional<Dimension> dimensionOf(String unit) {
		if (unit == null)
			return Optional.of(Dimension.DIMENSIONLESS);
		Unit u = UNITS.get(unit);
		return u == null ? Optional.empty() : Optional.of(u.dimension());
	}

	/** The quantity in base units (ms, mV, nA, nF, Hz, steps); a plain number is returned as it is. */
	public static double toBase(Quantity q) {
		if (q.getUnit() == null)
			return q.getValue();
		Unit u = UNITS.get(q.getUnit());
		if (u == null)
			throw new IllegalArgumentException("unknown unit '" + q.getUnit() + "'");
		return q.getValue() * u.toBase();
	}
}
