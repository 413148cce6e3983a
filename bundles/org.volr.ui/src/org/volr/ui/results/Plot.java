package org.volr.ui.results;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.volr.sim.report.PlotRange;

/** One chart of the results view, drawn from data with SWT's GC, which a person can zoom, point at and save. */
public interface Plot {
	String title();

	/** How many data points the plot draws (what tests check the view shows). */
	int points();

	/** The whole of the data: what the plot shows until it is zoomed. */
	PlotRange range();

	/** Whether zooming narrows x too: a bar chart's categories stay as they are. */
	default boolean zoomsX() {
		return true;
	}

	/** Draws the part of the data in shown, framed by axes with round ticks. */
	void draw(GC gc, Rectangle area, PlotRange shown);

	/** Draws the whole of the data. */
	default void draw(GC gc, Rectangle area) {
		draw(gc, area, range());
	}

	/**
	 * What lies under pixel (px, py) of the plot drawn in area showing shown, in words for a tooltip ("T = 40: SNN
	 * 84.20 %, ANN 85.30 %"); null outside the frame.
	 */
	String valueAt(Rectangle area, PlotRange shown, int px, int py);

	/**
	 * Writes folder/name.png and folder/name.svg, drawn by the charts volr run writes, narrowed to shown (null:
	 * the whole plot); an IOException whose message says why when this plot cannot be saved.
	 */
	void export(Path folder, String name, PlotRange shown) throws IOException;

	/** A file name for the saved plot, e.g. "accuracy" (volr run's own name when it writes the same plot). */
	String fileName();
}
