package org.volr.ui.results;

import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;

/** One chart of the results view, drawn from data with SWT's GC. */
public interface Plot {
	String title();

	/** How many data points the plot draws (what tests check the view shows). */
	int points();

	void draw(GC gc, Rectangle area);
}
