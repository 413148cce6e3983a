package org.volr.ui.results;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.volr.sim.report.PlotRange;
import org.volr.sim.report.Ticks;

/** A plot's frame: title, axis labels, round ticks (those of volr run's plots), grid, and the mapping from data to pixels. */
final class Axes {
	private static final int LEFT = 52, RIGHT = 12, TOP = 24, BOTTOM = 34;
	final Rectangle inner;
	private final double x0, x1, y0, y1;
	/** Tick labels on x: none (categories), whole numbers (steps, neurons) or values. */
	enum XTicks {
		NONE, WHOLE, VALUES
	}

	private XTicks xTicks = XTicks.VALUES;

	/** The frame of a plot drawn in area showing that part of its data. */
	Axes(Rectangle area, PlotRange shown) {
		inner = new Rectangle(area.x + LEFT, area.y + TOP, Math.max(1, area.width - LEFT - RIGHT), Math.max(1, area.height - TOP - BOTTOM));
		this.x0 = shown.x0();
		this.x1 = shown.x1();
		this.y0 = shown.y0();
		this.y1 = shown.y1();
	}

	/** A data range, at least one wide on each axis (so that a run of one step or an all-zero plot still has axes). */
	static PlotRange range(double x0, double x1, double y0, double y1) {
		return new PlotRange(x0, x1 > x0 ? x1 : x0 + 1, y0, y1 > y0 ? y1 : y0 + 1);
	}

	/** The data value at pixel column px (the inverse of x). */
	double valueX(int px) {
		return x0 + (px - inner.x) / (double) inner.width * (x1 - x0);
	}

	/** The data value at pixel row py (the inverse of y). */
	double valueY(int py) {
		return y0 + (inner.y + inner.height - py) / (double) inner.height * (y1 - y0);
	}

	/** Whether the pixel lies inside the frame, where the data is. */
	boolean inside(int px, int py) {
		return inner.contains(px, py);
	}

	/**
	 * Limits drawing to the frame and a margin of two pixels: a zoomed plot's data beyond it must not cover the
	 * ticks, but a curve or the ANN line at 100 %, on the frame itself, must still be seen.
	 */
	void clip(GC gc) {
		gc.setClipping(inner.x - 2, inner.y - 2, inner.width + 5, inner.height + 5);
	}

	static void unclip(GC gc) {
		gc.setClipping((Rectangle) null);
	}

	Axes xTicks(XTicks ticks) {
		xTicks = ticks;
		return this;
	}

	int x(double v) {
		return inner.x + (int) Math.round((v - x0) / (x1 - x0) * inner.width);
	}

	int y(double v) {
		return inner.y + inner.height - (int) Math.round((v - y0) / (y1 - y0) * inner.height);
	}

	private boolean yWhole;

	/** Whole-number ticks on y (neurons, samples). */
	Axes yWhole() {
		yWhole = true;
		return this;
	}

	/**
	 * Grid, frame, round ticks with their values (as many as fit: about one per 80 pixels across, 30 up), the x
	 * axis's name and the title (which names y). Data drawn afterwards lies over the grid.
	 */
	void drawFrame(GC gc, Rectangle area, String title, String xName) {
		gc.setLineStyle(SWT.LINE_SOLID);
		gc.setLineWidth(1);
		Ticks xs = Ticks.of(x0, x1, Math.max(2, inner.width / 80 + 1), xTicks == XTicks.WHOLE);
		Ticks ys = Ticks.of(y0, y1, Math.max(2, inner.height / 30 + 1), yWhole);
		gc.setForeground(Palette.GRID);
		for (double v : ys.values)
			gc.drawLine(inner.x, y(v), inner.x + inner.width, y(v));
		if (xTicks != XTicks.NONE)
			for (double v : xs.values)
				gc.drawLine(x(v), inner.y, x(v), inner.y + inner.height);
		gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_BLACK));
		gc.drawRectangle(inner);
		for (double v : ys.values) {
			int py = y(v);
			gc.drawLine(inner.x - 4, py, inner.x, py);
			String label = ys.label(v);
			Point e = gc.textExtent(label);
			gc.drawText(label, inner.x - 6 - e.x, py - e.y / 2, true);
		}
		if (xTicks != XTicks.NONE)
			for (double v : xs.values) {
				int px = x(v);
				gc.drawLine(px, inner.y + inner.height, px, inner.y + inner.height + 4);
				String label = xs.label(v);
				Point e = gc.textExtent(label);
				gc.drawText(label, px - e.x / 2, inner.y + inner.height + 5, true);
			}
		Point xe = gc.textExtent(xName);
		gc.drawText(xName, inner.x + (inner.width - xe.x) / 2, area.y + area.height - xe.y - 1, true);
		Point te = gc.textExtent(title);
		gc.drawText(title, area.x + Math.max(2, (area.width - te.x) / 2), area.y + 4, true);
	}
}
