package org.volr.ui.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.volr.sim.report.PlotRange;

/**
 * The spikes of every neuron (x, layers side by side) in each recorded sample (y), darker for more spikes: what
 * results folders written before spike-raster.csv existed can show. Neuron k of a layer occupies the column
 * [base + k, base + k + 1), sample s the row [s, s + 1).
 */
final class SpikeCountRaster implements Plot {
	private final ResultsData data;
	private final StackedNeurons columns;
	private final long total;

	SpikeCountRaster(ResultsData data) {
		this.data = data;
		columns = new StackedNeurons(data.layers());
		total = columns.total();
	}

	@Override
	public String title() {
		return data.spikeCounts().isEmpty() ? "Spike counts: no spike-counts.csv in this folder" : "Spike counts per neuron in the recorded samples";
	}

	@Override
	public int points() {
		return data.spikeCounts().size();
	}

	private int samples() {
		return data.spikeCounts().stream().mapToInt(ResultsData.SpikeCount::sample).max().orElse(0) + 1;
	}

	@Override
	public PlotRange range() {
		return Axes.range(0, Math.max(1, total), 0, samples());
	}

	@Override
	public void draw(GC gc, Rectangle area, PlotRange shown) {
		Axes axes = new Axes(area, shown).xTicks(Axes.XTicks.WHOLE).yWhole();
		axes.drawFrame(gc, area, title(), "neuron (layers side by side)");
		axes.clip(gc);
		int w = Math.max(1, axes.x(1) - axes.x(0)), h = Math.max(1, axes.y(0) - axes.y(1));
		for (ResultsData.SpikeCount c : data.spikeCounts()) {
			Long base = columns.base(c.layer());
			if (base == null)
				continue;
			double level = Math.min(1, c.count() / (double) Math.max(1, data.steps()));
			gc.setAlpha((int) (60 + 195 * level));
			gc.setBackground(Palette.of(0));
			gc.fillRectangle(axes.x(base + c.neuron()), axes.y(c.sample() + 1), w, h);
		}
		gc.setAlpha(255);
		gc.setForeground(Palette.GRID);
		int layer = 0;
		for (ResultsData.Layer l : data.layers()) {
			if (l.neurons() == 0)
				continue;
			int x = axes.x(columns.base(l.label()));
			gc.drawLine(x, axes.inner.y, x, axes.inner.y + axes.inner.height);
			gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_DARK_GRAY));
			gc.drawText(l.label(), x + 2, axes.inner.y + 2 + (layer++ % 2) * gc.getFontMetrics().getHeight(), true);
			gc.setForeground(Palette.GRID);
		}
		Axes.unclip(gc);
	}

	/** The neuron and sample under the pointer and its spike count. */
	@Override
	public String valueAt(Rectangle area, PlotRange shown, int px, int py) {
		Axes axes = new Axes(area, shown);
		if (!axes.inside(px, py))
			return null;
		long column = (long) Math.floor(axes.valueX(px));
		int sample = (int) Math.floor(axes.valueY(py));
		StackedNeurons.Neuron n = columns.at(column);
		if (n != null) {
			String layer = n.layer().label();
			int count = data.spikeCounts().stream().filter(c -> c.sample() == sample && c.neuron() == n.index() && c.layer().equals(layer))
					.mapToInt(ResultsData.SpikeCount::count).sum();
			return String.format(Locale.ROOT, "sample %d, %s neuron %d: %d spikes (rate %.3f per step)", sample, layer, n.index(), count,
					count / (double) Math.max(1, data.steps()));
		}
		return "sample " + sample;
	}

	@Override
	public void export(Path folder, String name, PlotRange shown) throws IOException {
		throw new IOException(data.folder() + " was written before volr run recorded spike times (spike-raster.csv): "
				+ "run the experiment again to save its raster as PNG and SVG");
	}

	@Override
	public String fileName() {
		return "spike-counts";
	}
}
