package org.volr.ui.results;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;

/**
 * The spikes of every neuron (x, layers side by side) in each recorded sample (y), darker for more spikes. The
 * simulator records spike counts per neuron, not spike times, so this is a raster of counts over the whole run.
 */
final class SpikeCountRaster implements Plot {
	private final ResultsData data;

	SpikeCountRaster(ResultsData data) {
		this.data = data;
	}

	@Override
	public String title() {
		return data.spikeCounts().isEmpty() ? "Spike counts: no spike-counts.csv in this folder" : "Spike counts per neuron in the recorded samples";
	}

	@Override
	public int points() {
		return data.spikeCounts().size();
	}

	@Override
	public void draw(GC gc, Rectangle area) {
		Map<String, Long> offset = new HashMap<>();
		long total = 0;
		for (ResultsData.Layer l : data.layers()) {
			offset.put(l.label(), total);
			total += l.neurons();
		}
		int samples = data.spikeCounts().stream().mapToInt(ResultsData.SpikeCount::sample).max().orElse(0) + 1;
		Axes axes = new Axes(area, 0, Math.max(1, total), 0, samples).xTicks(Axes.XTicks.WHOLE).yWhole();
		axes.drawFrame(gc, area, title(), "neuron (layers side by side)");
		int w = Math.max(1, axes.x(1) - axes.x(0)), h = Math.max(1, axes.y(0) - axes.y(1));
		for (ResultsData.SpikeCount c : data.spikeCounts()) {
			Long base = offset.get(c.layer());
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
			int x = axes.x(offset.get(l.label()));
			gc.drawLine(x, axes.inner.y, x, axes.inner.y + axes.inner.height);
			gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_DARK_GRAY));
			gc.drawText(l.label(), x + 2, axes.inner.y + 2 + (layer++ % 2) * gc.getFontMetrics().getHeight(), true);
			gc.setForeground(Palette.GRID);
		}
	}
}
