package org.volr.ui.results;

import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;

/**
 * Every sampled neuron's SNN rate (spikes per step) against its ANN activation (clipped to one), one colour per
 * layer; a perfect conversion puts every point on the dashed diagonal.
 */
final class RateScatterPlot implements Plot {
	private final ResultsData data;

	RateScatterPlot(ResultsData data) {
		this.data = data;
	}

	@Override
	public String title() {
		return data.annVersusSnn().isEmpty() ? "SNN rate vs ANN activation: no ann-vs-snn.csv in this folder" : "SNN rate vs ANN activation, per neuron";
	}

	@Override
	public int points() {
		return data.annVersusSnn().values().stream().mapToInt(List::size).sum();
	}

	@Override
	public void draw(GC gc, Rectangle area) {
		Axes axes = new Axes(area, 0, 1, 0, 1);
		axes.drawFrame(gc, area, title(), "ANN activation");
		gc.setForeground(Palette.IDENTITY);
		gc.setLineStyle(SWT.LINE_DASH);
		gc.drawLine(axes.x(0), axes.y(0), axes.x(1), axes.y(1));
		gc.setLineStyle(SWT.LINE_SOLID);
		String identity = "SNN rate = ANN activation";
		org.eclipse.swt.graphics.Point ie = gc.textExtent(identity);
		// in the bottom right corner, which the points of a working conversion leave empty (the legend is top left)
		gc.drawText(identity, axes.x(0.99) - ie.x, axes.y(0.01) - ie.y - 2, true);
		int layer = 0, legendY = axes.inner.y + 4;
		for (Map.Entry<String, List<float[]>> e : data.annVersusSnn().entrySet()) {
			gc.setBackground(Palette.of(layer));
			for (float[] p : e.getValue())
				gc.fillRectangle(axes.x(Math.min(1, p[0])) - 1, axes.y(Math.min(1, p[1])) - 1, 3, 3);
			gc.fillRectangle(axes.inner.x + 6, legendY + 4, 8, 8);
			gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_BLACK));
			gc.drawText(e.getKey(), axes.inner.x + 18, legendY, true);
			legendY += gc.getFontMetrics().getHeight();
			layer++;
		}
	}
}
