package org.volr.sim.report;

import java.util.Locale;

/**
 * Physical quantities written for people: three significant digits in the unit that keeps the number between 1
 * and 1000, so a small run's energy reads "34.5 nJ" and its CPU time "120 ms", never "0.00 µJ" or "0.00 CPU-s".
 */
public final class Quantities {
	private static final String[] ENERGY_UNITS = { "pJ", "nJ", "µJ", "mJ", "J" };
	private static final String[] TIME_UNITS = { "µs", "ms", "s" };

	private Quantities() {
	}

	/** An energy given in microjoules, e.g. 2.70 µJ, 34.5 nJ, 812 pJ, 1.25 mJ. */
	public static String energy(double microjoules) {
		return scaled(microjoules * 1e6, ENERGY_UNITS, 4);
	}

	/** A duration given in seconds, e.g. 2.04 s, 340 ms, 12.5 µs; minutes stay seconds (1,234 s). */
	public static String duration(double seconds) {
		return scaled(seconds * 1e6, TIME_UNITS, 2);
	}

	/**
	 * value (in the first unit) in the largest unit of 1000 times the one before (up to maxUnit) in which it is at
	 * least 1, with three significant digits; zero is written in the unit people expect (the third).
	 */
	private static String scaled(double value, String[] units, int maxUnit) {
		if (Double.isNaN(value))
			return "n/a";
		if (value == 0)
			return "0 " + units[Math.min(2, maxUnit)];
		int u = 0;
		double v = Math.abs(value);
		while (u < maxUnit && roundedToThree(v) >= 1000) {
			v /= 1000;
			u++;
		}
		return (value < 0 ? "-" : "") + significant(v) + " " + units[u];
	}

	/** Three significant digits (more, never an exponent, above 1000; 0 is "0"): 2.70, 34.5, 812, 1,234, 0.0345. */
	public static String significant(double v) {
		if (v == 0)
			return "0";
		double r = roundedToThree(Math.abs(v));
		String digits = r >= 100 ? "%,.0f" : r >= 10 ? "%.1f" : r >= 1 ? "%.2f" : "%.3g";
		return String.format(Locale.ROOT, digits, v);
	}

	private static double roundedToThree(double v) {
		if (v == 0 || !Double.isFinite(v))
			return v;
		double scale = Math.pow(10, 2 - Math.floor(Math.log10(v)));
		return Math.round(v * scale) / scale;
	}
}
