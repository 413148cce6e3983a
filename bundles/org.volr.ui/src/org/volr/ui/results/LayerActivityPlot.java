package org.volr.ui.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.volr.sim.report.PlotExport;
import org.volr.sim.report.PlotRange;
import org.volr.sim.report.Quantities;

/**
 * Synaptic operations per sample delivered into every layer (what the spikes of the layer before cost there);
 * for results folders written before those were counted per layer, the spikes per sample of every layer.
 * Layer i is the category [i, i + 1) of x; only the values zoom.
 */
final class LayerActivityPlot implements Plot {
	private final ResultsData data;

	LayerActivityPlot(ResultsData data) {
		this.data = data;
	}

	private boolean operations() {
		return !data.layers().isEmpty() && data.layers().stream().allMatch(l -> l.synapticOps() >= 0);
	}

	@Override
	public String title() {
		return operations() ? String.format(Locale.ROOT, "Synaptic operations per sample, into each layer (%,.0f in all)", data.synapticOpsPerSample())
				: String.format(Locale.ROOT, "Spikes per sample and layer (synaptic operations: %,.0f per sample)", data.synapticOpsPerSample());
	}

	@Override
	public int points() {
		return data.layers().size();
	}

	private double perSample(ResultsData.Layer l) {
		return (operations() ? l.synapticOps() : l.spikes()) / (double) Math.max(1, data.samples());
	}

	@Override
	public PlotRange range() {
		double max = data.layers().stream().mapToDouble(this::perSample).max().orElse(1);
		return Axes.range(0, Math.max(1, data.layers().size()), 0, max > 0 ? max * 1.1 : 1);
	}

	@Override
	public boolean zoomsX() {
		return false;
	}

	@Override
	public void draw(GC gc, Rectangle area, PlotRange shown) {
		Axes axes = new Axes(area, shown).xTicks(Axes.XTicks.NONE);
		axes.drawFrame(gc, area, title(), "layer");
		axes.clip(gc);
		for (int i = 0; i < data.layers().size(); i++) {
			ResultsData.Layer l = data.layers().get(i);
			int x = axes.x(i + 0.2), width = Math.max(1, axes.x(i + 0.8) - x), top = axes.y(perSample(l));
			gc.setBackground(Palette.of(i));
			gc.fillRectangle(x, top, width, axes.inner.y + axes.inner.height - top);
			gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_BLACK));
			String text = l.label() + " " + Quantities.significant(perSample(l));
			Point e = gc.textExtent(text);
			gc.drawText(text, x + width / 2 - e.x / 2, Math.max(axes.inner.y, top - e.y - 1), true);
		}
		Axes.unclip(gc);
	}

	/** The layer under the pointer: its operations or spikes per sample, neurons and rate. */
	@Override
	public String valueAt(Rectangle area, PlotRange shown, int px, int py) {
		Axes axes = new Axes(area, shown);
		int i = (int) Math.floor(axes.valueX(px));
		if (!axes.inside(px, py) || i < 0 || i >= data.layers().size())
			return null;
		ResultsData.Layer l = data.layers().get(i);
		return String.format(Locale.ROOT, "%s: %s %s per sample; %,d neurons, rate %.3f spikes per neuron and step", l.label(), Quantities.significant(perSample(l)),
				operations() ? "synaptic operations" : "spikes", l.neurons(), l.rate());
	}

	@Override
	public void export(Path folder, String name, PlotRange shown) throws IOException {
		Map<String, Double> values = new LinkedHashMap<>();
		for (ResultsData.Layer l : data.layers())
			values.put(l.label(), perSample(l));
		PlotExport.perLayer(title(), operations() ? "synaptic operations per sample" : "spikes per sample", values, shown, folder, name);
	}

	@Override
	public String fileName() {
		return "layer-activity";
	}
}
