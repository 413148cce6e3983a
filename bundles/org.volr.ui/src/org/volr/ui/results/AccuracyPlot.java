package org.volr.ui.results;

import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;

/** The spiking network's accuracy after every step, against the ANN's accuracy (dashed). */
final class AccuracyPlot implements Plot {
	private final ResultsData data;

	AccuracyPlot(ResultsData data) {
		this.data = data;
	}

	@Override
	public String title() {
		return String.format(Locale.ROOT, "Accuracy after each step: SNN %.2f %% at T=%d", 100 * data.finalAccuracy(), data.steps());
	}

	@Override
	public int points() {
		return data.accuracy().length;
	}

	@Override
	public void draw(GC gc, Rectangle area) {
		double[] acc = data.accuracy();
		Axes axes = new Axes(area, 1, Math.max(2, acc.length), 0, 1).xTicks(Axes.XTicks.WHOLE);
		axes.drawFrame(gc, area, title(), "step");
		if (!Double.isNaN(data.annAccuracy())) {
			gc.setForeground(Palette.of(1));
			gc.setLineStyle(SWT.LINE_DASH);
			int y = axes.y(data.annAccuracy());
			gc.drawLine(axes.inner.x, y, axes.inner.x + axes.inner.width, y);
			// below the line, at the right: the SNN's curve usually climbs towards it from the left
			String label = String.format(Locale.ROOT, "ANN %.2f %%", 100 * data.annAccuracy());
			gc.drawText(label, axes.inner.x + axes.inner.width - gc.textExtent(label).x - 6, y + 2, true);
			gc.setLineStyle(SWT.LINE_SOLID);
		}
		gc.setForeground(Palette.of(0));
		gc.setLineWidth(2);
		int[] line = new int[2 * acc.length];
		for (int t = 0; t < acc.length; t++) {
			line[2 * t] = axes.x(t + 1);
			line[2 * t + 1] = axes.y(acc[t]);
		}
		if (acc.length > 1)
			gc.drawPolyline(line);
		gc.setLineWidth(1);
	}
}
