package org.volr.ui.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.volr.sim.report.PlotExport;
import org.volr.sim.report.PlotRange;

/**
 * Every sampled neuron's SNN rate (spikes per step) against its ANN activation (clipped to one), one colour per
 * layer; a perfect conversion puts every point on the dashed diagonal.
 */
final class RateScatterPlot implements Plot {
	/** How near (in pixels) the pointer must be to a point to name it. */
	private static final int NEAR = 5;
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
	public PlotRange range() {
		return Axes.range(0, 1, 0, 1);
	}

	@Override
	public void draw(GC gc, Rectangle area, PlotRange shown) {
		Axes axes = new Axes(area, shown);
		axes.drawFrame(gc, area, title(), "ANN activation");
		axes.clip(gc);
		gc.setForeground(Palette.IDENTITY);
		gc.setLineStyle(SWT.LINE_DASH);
		gc.drawLine(axes.x(0), axes.y(0), axes.x(1), axes.y(1));
		gc.setLineStyle(SWT.LINE_SOLID);
		String identity = "SNN rate = ANN activation";
		org.eclipse.swt.graphics.Point ie = gc.textExtent(identity);
		// in the bottom right corner, which the points of a working conversion leave empty (the legend is top left)
		gc.drawText(identity, axes.x(0.99) - ie.x, axes.y(0.01) - ie.y - 2, true);
		int layer = 0;
		for (List<float[]> points : data.annVersusSnn().values()) {
			gc.setBackground(Palette.of(layer++));
			for (float[] p : points)
				gc.fillRectangle(axes.x(Math.min(1, p[0])) - 1, axes.y(Math.min(1, p[1])) - 1, 3, 3);
		}
		Axes.unclip(gc);
		// the legend stays in the corner however the plot is zoomed
		int legendY = axes.inner.y + 4;
		layer = 0;
		for (String name : data.annVersusSnn().keySet()) {
			gc.setBackground(Palette.of(layer++));
			gc.fillRectangle(axes.inner.x + 6, legendY + 4, 8, 8);
			gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_BLACK));
			gc.drawText(name, axes.inner.x + 18, legendY, true);
			legendY += gc.getFontMetrics().getHeight();
		}
	}

	/** The neuron nearest the pointer (within a few pixels), or where the pointer is. */
	@Override
	public String valueAt(Rectangle area, PlotRange shown, int px, int py) {
		Axes axes = new Axes(area, shown);
		if (!axes.inside(px, py))
			return null;
		String layer = null;
		float[] nearest = null;
		int best = NEAR * NEAR + 1, near = 0;
		for (Map.Entry<String, List<float[]>> e : data.annVersusSnn().entrySet())
			for (float[] p : e.getValue()) {
				int dx = axes.x(Math.min(1, p[0])) - px, dy = axes.y(Math.min(1, p[1])) - py, d = dx * dx + dy * dy;
				if (d <= NEAR * NEAR)
					near++;
				if (d < best) {
					best = d;
					nearest = p;
					layer = e.getKey();
				}
			}
		if (nearest == null)
			return String.format(Locale.ROOT, "ANN activation %.3f, SNN rate %.3f", axes.valueX(px), axes.valueY(py));
		return String.format(Locale.ROOT, "%s: ANN activation %.3f, SNN rate %.3f spikes per step%s", layer, nearest[0], nearest[1],
				near > 1 ? " (" + (near - 1) + " more neurons here)" : "");
	}

	@Override
	public void export(Path folder, String name, PlotRange shown) throws IOException {
		Map<String, float[][]> points = new LinkedHashMap<>();
		data.annVersusSnn().forEach((layer, list) -> points.put(layer, list.toArray(float[][]::new)));
		PlotExport.annVersusSnn(points, shown, folder, name);
	}

	@Override
	public String fileName() {
		return "ann-vs-snn";
	}
}
