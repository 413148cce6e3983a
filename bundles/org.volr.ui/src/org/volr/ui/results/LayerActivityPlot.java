package org.volr.ui.results;

import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.volr.sim.report.Quantities;

/**
 * Synaptic operations per sample delivered into every layer (what the spikes of the layer before cost there);
 * for results folders written before those were counted per layer, the spikes per sample of every layer.
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
	public void draw(GC gc, Rectangle area) {
		double max = data.layers().stream().mapToDouble(this::perSample).max().orElse(1);
		int n = Math.max(1, data.layers().size());
		Axes axes = new Axes(area, 0, n, 0, max > 0 ? max * 1.1 : 1).xTicks(Axes.XTicks.NONE);
		axes.drawFrame(gc, area, title(), "layer");
		int slot = axes.inner.width / n;
		for (int i = 0; i < data.layers().size(); i++) {
			ResultsData.Layer l = data.layers().get(i);
			int x = axes.inner.x + i * slot + slot / 5, top = axes.y(perSample(l));
			gc.setBackground(Palette.of(i));
			gc.fillRectangle(x, top, Math.max(1, slot * 3 / 5), axes.inner.y + axes.inner.height - top);
			gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_BLACK));
			String text = l.label() + " " + Quantities.significant(perSample(l));
			Point e = gc.textExtent(text);
			gc.drawText(text, x + Math.max(1, slot * 3 / 5) / 2 - e.x / 2, Math.max(axes.inner.y, top - e.y - 1), true);
		}
	}
}
