package org.volr.ui.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.volr.sim.report.PlotExport;
import org.volr.sim.report.PlotRange;

/** The spiking network's accuracy after every step, against the ANN's accuracy (a dashed red line, labelled). */
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

	/** The ANN's reference line: red, which no curve of this plot uses. */
	static final int ANN_COLOUR = 3;

	@Override
	public PlotRange range() {
		return Axes.range(1, Math.max(2, data.accuracy().length), 0, 100);
	}

	@Override
	public void draw(GC gc, Rectangle area, PlotRange shown) {
		double[] acc = data.accuracy();
		Axes axes = new Axes(area, shown).xTicks(Axes.XTicks.WHOLE);
		axes.drawFrame(gc, area, title(), "step (accuracy in %)");
		axes.clip(gc);
		gc.setForeground(Palette.of(0));
		gc.setLineWidth(2);
		int[] line = new int[2 * acc.length];
		for (int t = 0; t < acc.length; t++) {
			line[2 * t] = axes.x(t + 1);
			line[2 * t + 1] = axes.y(100 * acc[t]);
		}
		if (acc.length > 1)
			gc.drawPolyline(line);
		if (!Double.isNaN(data.annAccuracy())) {
			// drawn last, over the grid and the curve it is the goal of
			gc.setForeground(Palette.of(ANN_COLOUR));
			gc.setLineStyle(SWT.LINE_DASH);
			int y = axes.y(100 * data.annAccuracy());
			gc.drawLine(axes.inner.x, y, axes.inner.x + axes.inner.width, y);
			gc.setLineStyle(SWT.LINE_SOLID);
			gc.setLineWidth(1);
			// below the line, at the right: the SNN's curve usually climbs towards it from the left
			String label = String.format(Locale.ROOT, "ANN %.2f %%", 100 * data.annAccuracy());
			org.eclipse.swt.graphics.Point e = gc.textExtent(label);
			int ly = y + 3 + e.y > axes.inner.y + axes.inner.height ? y - 3 - e.y : y + 3;
			gc.setBackground(gc.getDevice().getSystemColor(SWT.COLOR_WHITE));
			gc.drawText(label, axes.inner.x + axes.inner.width - e.x - 6, ly, false);
		}
		gc.setLineWidth(1);
		Axes.unclip(gc);
	}

	/** The step nearest the pointer, its accuracy and the ANN's. */
	@Override
	public String valueAt(Rectangle area, PlotRange shown, int px, int py) {
		Axes axes = new Axes(area, shown);
		double[] acc = data.accuracy();
		if (!axes.inside(px, py) || acc.length == 0)
			return null;
		int t = (int) Math.max(1, Math.min(acc.length, Math.round(axes.valueX(px))));
		String ann = Double.isNaN(data.annAccuracy()) ? "" : String.format(Locale.ROOT, ", ANN %.2f %%", 100 * data.annAccuracy());
		return String.format(Locale.ROOT, "T = %d: SNN %.2f %%%s", t, 100 * acc[t - 1], ann);
	}

	@Override
	public void export(Path folder, String name, PlotRange shown) throws IOException {
		PlotExport.accuracy(data.accuracy(), data.samples(), data.annAccuracy(), shown, folder, name);
	}

	@Override
	public String fileName() {
		return "accuracy";
	}
}
