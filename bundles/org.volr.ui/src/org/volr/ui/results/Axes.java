package org.volr.ui.results;

import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;

/** A plot's frame: title, axis labels, ticks, and the mapping from data to pixels. */
final class Axes {
	private static final int LEFT = 52, RIGHT = 12, TOP = 24, BOTTOM = 34;
	final Rectangle inner;
	private final double x0, x1, y0, y1;
	/** Tick labels on x: none (categories), whole numbers (steps, neurons) or values. */
	enum XTicks {
		NONE, WHOLE, VALUES
	}

	private XTicks xTicks = XTicks.VALUES;

	Axes(Rectangle area, double x0, double x1, double y0, double y1) {
		inner = new Rectangle(area.x + LEFT, area.y + TOP, Math.max(1, area.width - LEFT - RIGHT), Math.max(1, area.height - TOP - BOTTOM));
		this.x0 = x0;
		this.x1 = x1 > x0 ? x1 : x0 + 1;
		this.y0 = y0;
		this.y1 = y1 > y0 ? y1 : y0 + 1;
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

	/** Frame, five ticks per axis with their values, the x axis's name and the title (which names y). */
	void drawFrame(GC gc, Rectangle area, String title, String xName) {
		gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_BLACK));
		gc.setLineStyle(SWT.LINE_SOLID);
		gc.setLineWidth(1);
		gc.drawRectangle(inner);
		for (int i = 0; i <= 4; i++) {
			double xv = x0 + (x1 - x0) * i / 4, yv = y0 + (y1 - y0) * i / 4;
			int px = x(xv), py = y(yv);
			gc.drawLine(px, inner.y + inner.height, px, inner.y + inner.height + 4);
			gc.drawLine(inner.x - 4, py, inner.x, py);
			String ys = label(yv);
			Point ye = gc.textExtent(ys);
			gc.drawText(ys, inner.x - 6 - ye.x, py - ye.y / 2, true);
			if (xTicks == XTicks.NONE)
				continue;
			String xs = xTicks == XTicks.WHOLE ? String.format(Locale.ROOT, "%,d", Math.round(xv)) : label(xv);
			Point xe = gc.textExtent(xs);
			gc.drawText(xs, px - xe.x / 2, inner.y + inner.height + 5, true);
		}
		Point xe = gc.textExtent(xName);
		gc.drawText(xName, inner.x + (inner.width - xe.x) / 2, area.y + area.height - xe.y - 1, true);
		Point te = gc.textExtent(title);
		gc.drawText(title, area.x + Math.max(2, (area.width - te.x) / 2), area.y + 4, true);
	}

	private static String label(double v) {
		if (Math.abs(v) >= 1000 || v == Math.rint(v))
			return String.format(Locale.ROOT, "%,.0f", v);
		return String.format(Locale.ROOT, Math.abs(v) < 0.1 ? "%.3f" : "%.2f", v);
	}
}
