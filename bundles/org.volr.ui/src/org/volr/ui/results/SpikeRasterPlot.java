package org.volr.ui.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.volr.sim.report.PlotExport;
import org.volr.sim.report.PlotRange;

/**
 * A spike raster of the first sample: every spike a dot at its step (x) and neuron (y, layers stacked from the
 * input side up, each in its own colour), so one sees when each layer starts to speak and how the output settles.
 * Neuron k of a layer occupies the row [base + k, base + k + 1), a spike at step s the column [s, s + 1).
 */
final class SpikeRasterPlot implements Plot {
	private final ResultsData data;
	/** Where each layer's rows start, and its colour: layers without neurons have neither. */
	private final StackedNeurons rows;
	private final Map<String, Integer> colour = new HashMap<>();
	private final long total;

	SpikeRasterPlot(ResultsData data) {
		this.data = data;
		rows = new StackedNeurons(data.layers());
		for (ResultsData.Layer l : rows.layers())
			colour.put(l.label(), colour.size());
		total = rows.total();
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
	public PlotRange range() {
		return Axes.range(0, Math.max(1, data.steps()), 0, Math.max(1, total));
	}

	@Override
	public void draw(GC gc, Rectangle area, PlotRange shown) {
		Axes axes = new Axes(area, shown).xTicks(Axes.XTicks.WHOLE).yWhole();
		axes.drawFrame(gc, area, title(), "step");
		axes.clip(gc);
		int h = Math.max(1, axes.y(0) - axes.y(1)), w = Math.max(1, axes.x(1) - axes.x(0) - 1);
		for (ResultsData.Spike s : data.spikeRaster()) {
			Long base = rows.base(s.layer());
			if (base == null)
				continue;
			gc.setBackground(Palette.of(colour.get(s.layer())));
			gc.fillRectangle(axes.x(s.step()), axes.y(base + s.neuron() + 1), Math.min(w, 3), Math.min(h, 3) + (h > 3 ? 0 : 1));
		}
		gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_DARK_GRAY));
		for (ResultsData.Layer l : data.layers())
			if (rows.base(l.label()) != null)
				gc.drawText(l.label(), axes.inner.x + 4, axes.y(rows.base(l.label()) + l.neurons()) + 1, true);
		Axes.unclip(gc);
	}

	/** The neuron and step under the pointer: whether it spiked then, and how often in the whole sample. */
	@Override
	public String valueAt(Rectangle area, PlotRange shown, int px, int py) {
		Axes axes = new Axes(area, shown);
		if (!axes.inside(px, py))
			return null;
		long row = (long) Math.floor(axes.valueY(py));
		int step = (int) Math.floor(axes.valueX(px));
		StackedNeurons.Neuron n = rows.at(row);
		if (n != null) {
			String layer = n.layer().label();
			int spikes = 0;
			boolean now = false;
			for (ResultsData.Spike s : data.spikeRaster())
				if (s.layer().equals(layer) && s.neuron() == n.index()) {
					spikes++;
					now |= s.step() == step;
				}
			return String.format(Locale.ROOT, "step %d, %s neuron %d: %s; %d spikes in the sample (rate %.3f per step)", step, layer, n.index(),
					now ? "spikes" : "silent", spikes, spikes / (double) Math.max(1, data.steps()));
		}
		return "step " + step;
	}

	@Override
	public void export(Path folder, String name, PlotRange shown) throws IOException {
		List<String> layers = new ArrayList<>();
		long[] neurons = new long[data.layers().size()];
		Map<String, Integer> index = new HashMap<>();
		for (ResultsData.Layer l : data.layers()) {
			index.put(l.label(), layers.size());
			neurons[layers.size()] = l.neurons();
			layers.add(l.label());
		}
		int[] raster = new int[3 * data.spikeRaster().size()];
		int k = 0;
		for (ResultsData.Spike s : data.spikeRaster()) {
			Integer l = index.get(s.layer());
			if (l == null)
				continue;
			raster[k++] = s.step();
			raster[k++] = l;
			raster[k++] = s.neuron();
		}
		PlotExport.spikeRaster(java.util.Arrays.copyOf(raster, k), layers, neurons, data.steps(), shown, folder, name);
	}

	@Override
	public String fileName() {
		return "raster";
	}
}
