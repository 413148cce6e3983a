package org.volr.sim.report;

/**
 * The part of a plot's data space that is drawn: x from x0 to x1, y from y0 to y1. The whole data's range until a
 * person zooms in the workbench, whose exports then show the same part.
 */
public record PlotRange(double x0, double x1, double y0, double y1) {
	public PlotRange {
		if (!(x1 > x0) || !(y1 > y0))
			throw new IllegalArgumentException("an empty plot range: x " + x0 + " to " + x1 + ", y " + y0 + " to " + y1);
	}

	/**
	 * The range scaled by factor (below one zooms in) about the point (x, y), which stays where it is on screen;
	 * only the axes asked for change.
	 */
	public PlotRange scaledAbout(double x, double y, double factor, boolean scaleX, boolean scaleY) {
		return new PlotRange(scaleX ? x - (x - x0) * factor : x0, scaleX ? x + (x1 - x) * factor : x1, scaleY ? y - (y - y0) * factor : y0,
				scaleY ? y + (y1 - y) * factor : y1);
	}
}
