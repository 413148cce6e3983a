package org.volr.sim.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ChartFactory;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.volr.core.io.AtomicFiles;
import org.volr.sim.SimulationResult;

/** The plots of a simulation, as PNG (for people) and SVG (for papers): accuracy over time, spike rates, the raster. */
public final class ResultPlots {
	private static final int WIDTH = 800, HEIGHT = 500;

	private ResultPlots() {
	}

	/** Accuracy after every step, with the ANN's accuracy as a reference line when known (NaN otherwise). */
	public static JFreeChart accuracyOverTime(SimulationResult r, double annAccuracy) {
		XYSeries snn = new XYSeries("SNN");
		double[] acc = r.accuracyPerStep();
		for (int t = 0; t < acc.length; t++)
			snn.add(t + 1, 100 * acc[t]);
		XYSeriesCollection data = new XYSeriesCollection(snn);
		if (!Double.isNaN(annAccuracy)) {
			XYSeries ann = new XYSeries("ANN");
			ann.add(1, 100 * annAccuracy);
			ann.add(acc.length, 100 * annAccuracy);
			data.addSeries(ann);
		}
		JFreeChart chart = ChartFactory.createXYLineChart("Accuracy over time (" + r.samples() + " samples)", "time step",
				"accuracy (%)", data, PlotOrientation.VERTICAL, true, false, false);
		XYPlot plot = chart.getXYPlot();
		XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
		renderer.setSeriesPaint(0, new Color(0x1f77b4));
		renderer.setSeriesPaint(1, new Color(0x7f7f7f));
		plot.setRenderer(renderer);
		((NumberAxis) plot.getRangeAxis()).setRange(0, 100);
		style(chart);
		return chart;
	}

	/** Mean spikes per neuron per step, layer by layer. */
	public static JFreeChart spikeRates(SimulationResult r) {
		DefaultCategoryDataset data = new DefaultCategoryDataset();
		List<String> layers = r.layers();
		for (int l = 0; l < layers.size(); l++)
			if (r.neuronsPerLayer()[l] > 0)
				data.addValue(r.rate(l), "rate", layers.get(l));
		JFreeChart chart = ChartFactory.createBarChart("Spike rate per layer", "layer", "spikes per neuron per step", data,
				PlotOrientation.VERTICAL, false, false, false);
		CategoryPlot plot = chart.getCategoryPlot();
		((BarRenderer) plot.getRenderer()).setSeriesPaint(0, new Color(0xff7f0e));
		style(chart);
		return chart;
	}

	/** ANN activation (what a neuron should do) against SNN rate (what it did), one colour per layer. */
	public static JFreeChart annVersusSnn(java.util.Map<String, float[][]> points) {
		XYSeriesCollection data = new XYSeriesCollection();
		for (var e : points.entrySet()) {
			XYSeries series = new XYSeries(e.getKey(), false, true);
			for (float[] p : e.getValue())
				series.add(p[0], p[1]);
			data.addSeries(series);
		}
		JFreeChart chart = ChartFactory.createScatterPlot("SNN rate against ANN activation", "ANN activation (normalised)",
				"SNN rate (spikes per step)", data, PlotOrientation.VERTICAL, true, false, false);
		XYPlot plot = chart.getXYPlot();
		((NumberAxis) plot.getDomainAxis()).setRange(0, 1.02);
		((NumberAxis) plot.getRangeAxis()).setRange(0, 1.02);
		style(chart);
		return chart;
	}

	/** Spikes drawn at most (an SVG dot is ~400 bytes), so a big network's raster stays a picture; the title says when it is cut. */
	static final int RASTER_POINTS = 20_000;

	/**
	 * The first sample's spikes in time: a dot per spike at its step and neuron, the layers stacked one above the
	 * other (one colour each); null when the run recorded no raster.
	 */
	public static JFreeChart spikeRaster(SimulationResult r) {
		int[] raster = r.spikeRaster();
		if (raster == null)
			return null;
		List<String> layers = r.layers();
		long[] base = new long[layers.size()];
		for (int l = 1; l < base.length; l++)
			base[l] = base[l - 1] + r.neuronsPerLayer()[l - 1];
		XYSeries[] series = new XYSeries[layers.size()];
		for (int l = 0; l < series.length; l++)
			series[l] = new XYSeries(layers.get(l), false, true);
		int drawn = Math.min(raster.length / 3, RASTER_POINTS);
		for (int k = 0; k < drawn; k++) {
			int step = raster[3 * k], l = raster[3 * k + 1], neuron = raster[3 * k + 2];
			series[l].add(step, base[l] + neuron);
		}
		XYSeriesCollection data = new XYSeriesCollection();
		for (int l = 0; l < series.length; l++)
			if (r.neuronsPerLayer()[l] > 0)
				data.addSeries(series[l]);
		String title = "Spikes of the first sample" + (drawn < raster.length / 3 ? " (first " + drawn + " of " + raster.length / 3 + ")" : "");
		JFreeChart chart = ChartFactory.createScatterPlot(title, "time step", "neuron (layers stacked)", data, PlotOrientation.VERTICAL, true,
				false, false);
		XYPlot plot = chart.getXYPlot();
		XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
		for (int l = 0; l < data.getSeriesCount(); l++)
			renderer.setSeriesShape(l, new Rectangle(-1, -1, 2, 2));
		plot.setRenderer(renderer);
		((NumberAxis) plot.getDomainAxis()).setRange(0, r.steps());
		style(chart);
		return chart;
	}

	private static void style(JFreeChart chart) {
		chart.setBackgroundPaint(Color.WHITE);
		chart.getPlot().setBackgroundPaint(Color.WHITE);
		chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
	}

	/** Writes name.png and name.svg into the folder, each through a temporary file. */
	public static void write(JFreeChart chart, Path folder, String name) throws IOException {
		AtomicFiles.write(folder.resolve(name + ".png"), out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT));
		SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
		chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
		AtomicFiles.writeString(folder.resolve(name + ".svg"), g.getSVGDocument());
	}

	/** accuracy.png/.svg, rates.png/.svg and, when the run recorded it, raster.png/.svg for one result. */
	public static void writeAll(SimulationResult r, double annAccuracy, Path folder) throws IOException {
		write(accuracyOverTime(r, annAccuracy), folder, "accuracy");
		write(spikeRates(r), folder, "rates");
		JFreeChart raster = spikeRaster(r);
		if (raster != null)
			write(raster, folder, "raster");
	}
}
