package org.volr.ui.results;

import org.eclipse.swt.graphics.Color;

/** Colours for series and layers, told apart also in grey (alternating light and dark). */
final class Palette {
	private static final Color[] COLORS = { new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
			new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127) };
	static final Color GRID = new Color(225, 225, 225);
	/** The identity line of ANN-vs-SNN: darker than the grid, lighter than the frame. */
	static final Color IDENTITY = new Color(85, 85, 85);

	private Palette() {
	}

	static Color of(int i) {
		return COLORS[Math.floorMod(i, COLORS.length)];
	}
}
