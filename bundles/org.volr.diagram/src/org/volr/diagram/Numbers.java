package org.volr.diagram;

/** One fixed way to print coordinates, so that SVG and JSON output is identical on every machine and locale. */
final class Numbers {
	private Numbers() {
	}

	/** At most one decimal, no trailing ".0", never an exponent or a locale-specific separator: 12, 12.5, -3.2. */
	static String format(double value) {
		long tenths = Math.round(value * 10);
		if (tenths == 0)
			return "0";
		String sign = tenths < 0 ? "-" : "";
		long abs = Math.abs(tenths);
		return abs % 10 == 0 ? sign + abs / 10 : sign + abs / 10 + "." + abs % 10;
	}
}
