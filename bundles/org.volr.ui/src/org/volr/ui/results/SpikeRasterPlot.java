package org.volr.ui.results;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;

/**
 * A spike raster of the first sample: every spike a dot at its step (x) and neuron (y, layers stacked from the
 * input side up, each in its own colour), so one sees when each layer starts to speak and how the output settles.
 */
final class SpikeRasterPlot implements Plot {
	private final ResultsData data;

	SpikeRasterPlot(ResultsData data) {
		this.data = data;
	}

	@Override
	public String title() {
		return "Spike raster of the first sample (" + data.spikeRaster().size() + " spikes)";
	}

	@Override
	public int points() {
		return data.spikeRaster().size();
	}

	@Override
	public void draw(GC gc, Rectangle area) {
		Map<String, Long> offset = new HashMap<>();
		Map<String, Integer> colour = new HashMap<>();
		long total = 0;
		for (ResultsData.Layer l : data.layers()) {
			if (l.neurons() == 0)
				continue;
			colour.put(l.label(), colour.size());
			offset.put(l.label(), total);
			total += l.neurons();
		}
		Axes axes = new Axes(area, 0, Math.max(1, data.steps()), 0, Math.max(1, total)).xTicks(Axes.XTicks.WHOLE).yWhole();
		axes.drawFrame(gc, area, title(), "step");
		int h = Math.max(1, axes.y(0) - axes.y(1)), w = Math.max(1, axes.x(1) - axes.x(0) - 1);
		for (ResultsData.Spike s : data.spikeRaster()) {
			Long base = offset.get(s.layer());
			if (base == null)
				continue;
			gc.setBackground(Palette.of(colour.get(s.layer())));
			gc.fillRectangle(axes.x(s.step()), axes.y(base + s.neuron() + 1), Math.min(w, 3), Math.min(h, 3) + (h > 3 ? 0 : 1));
		}
		gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_DARK_GRAY));
		for (ResultsData.Layer l : data.layers())
			if (offset.containsKey(l.label()))
				gc.drawText(l.label(), axes.inner.x + 4, axes.y(offset.get(l.label()) + l.neurons()) + 1, true);
	}
}
