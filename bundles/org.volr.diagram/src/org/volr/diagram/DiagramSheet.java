package org.volr.diagram;

import java.util.ArrayList;
import java.util.List;

/**
 * Several laid-out network diagrams stacked top to bottom, each under a caption: the arrangement both the SVG
 * and the Sprotty model use for a file with more than one network.
 */
final class DiagramSheet {
	static final double CAPTION_HEIGHT = 22;
	static final double GAP = 12;

	/** One diagram and the top of its caption on the sheet. */
	record Placed(NetworkDiagram diagram, double top) {
		double graphTop() {
			return top + CAPTION_HEIGHT;
		}
	}

	final List<Placed> placed = new ArrayList<>();
	final double width, height;

	DiagramSheet(List<NetworkDiagram> diagrams) {
		double y = 0, w = 0;
		for (NetworkDiagram d : diagrams) {
			if (!placed.isEmpty())
				y += GAP;
			placed.add(new Placed(d, y));
			y += CAPTION_HEIGHT + d.graph().getHeight();
			w = Math.max(w, Math.max(d.graph().getWidth(), TextMetrics.width(d.title()) + 32));
		}
		width = Math.ceil(w);
		height = Math.ceil(y);
	}
}
