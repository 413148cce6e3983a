package org.volr.sim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where an axis puts its ticks: at multiples of a round step (1, 2 or 5 times a power of ten), never more than asked
 * for, and on an axis that counts (steps, neurons, samples) never between two whole numbers. Shared by the PNG/SVG
 * plots of {@code volr run} and the workbench's results view, so both label an axis alike.
 */
public final class Ticks {
	private static final double[] MANTISSAS = { 1, 2, 5 };

	/** The tick values, from the first multiple of step at or above lo to the last at or below hi. */
	public final List<Double> values;
	/** The distance between two ticks. */
	public final double step;
	/** How many decimals the labels need so that two ticks never read alike. */
	public final int decimals;

	private Ticks(List<Double> values, double step) {
		this.values = List.copyOf(values);
		this.step = step;
		this.decimals = decimalsOf(step);
	}

	/**
	 * The ticks of [lo, hi] with at most maxTicks values (at least two intervals are aimed at); whole numbers only
	 * when integers is set.
	 */
	public static Ticks of(double lo, double hi, int maxTicks, boolean integers) {
		if (!(hi > lo) || Double.isInfinite(hi - lo))
			return new Ticks(List.of(lo), integers ? 1 : 0);
		double step = atLeast((hi - lo) / Math.max(1, maxTicks - 1), integers);
		List<Double> values = new ArrayList<>();
		long first = (long) Math.ceil(lo / step - 1e-9), last = (long) Math.floor(hi / step + 1e-9);
		for (long k = first; k <= last; k++)
			values.add(clean(k * step));
		return new Ticks(values, step);
	}

	/** The smallest round step (1, 2 or 5 times a power of ten; at least 1 for integers) not below size. */
	public static double atLeast(double size, boolean integers) {
		if (!(size > 0))
			return 1;
		int power = (int) Math.floor(Math.log10(size));
		for (int p = power; ; p++)
			for (double m : MANTISSAS) {
				double step = clean(m * Math.pow(10, p));
				if (step >= size * (1 - 1e-9) && (!integers || step >= 1))
					return step;
			}
	}

	/** The next round step above step. */
	public static double above(double step, boolean integers) {
		return atLeast(step * 1.0001, integers);
	}

	/** Decimals a label of ticks step apart needs: none for 1, 2, 5, 10, ...; one for 0.1, 0.2, 0.5; ... */
	public static int decimalsOf(double step) {
		return step >= 1 || !(step > 0) ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
	}

	/** A tick value as its label: thousands grouped, as many decimals as the step needs. */
	public String label(double value) {
		return label(value, decimals);
	}

	static String label(double value, int decimals) {
		String s = String.format(Locale.ROOT, "%,." + decimals + "f", value);
		return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
	}

	/** Rounds away the binary noise of k * 0.1 and the like, so 0.30000000000000004 is 0.3. */
	private static double clean(double v) {
		return Double.parseDouble(String.format(Locale.ROOT, "%.12g", v));
	}
}
