package org.volr.sim.report;

import java.awt.Color;
import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
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

	/** The ANN's reference line: a colour no series uses, over the grid and the curve. */
	static final Color ANN_LINE = new Color(0xd62728);
	private static final Color GRID = new Color(0xd0d0d0), IDENTITY = new Color(0x555555);
	private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] { 8f, 5f }, 0f);

	/** Accuracy after every step, with the ANN's accuracy as a labelled reference line when known (NaN otherwise). */
	public static JFreeChart accuracyOverTime(SimulationResult r, double annAccuracy) {
		return accuracyOverTime(r.accuracyPerStep(), r.samples(), annAccuracy);
	}

	/** Accuracy (0 to 1) after every step of a run over that many samples; the workbench draws it from result.json. */
	static JFreeChart accuracyOverTime(double[] acc, long samples, double annAccuracy) {
		XYSeries snn = new XYSeries("SNN");
		for (int t = 0; t < acc.length; t++)
			snn.add(t + 1, 100 * acc[t]);
		XYSeriesCollection data = new XYSeriesCollection(snn);
		JFreeChart chart = ChartFactory.createXYLineChart("Accuracy over time (" + samples + " samples)", "time step",
				"accuracy (%)", data, PlotOrientation.VERTICAL, false, false, false);
		XYPlot plot = chart.getXYPlot();
		XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
		renderer.setSeriesPaint(0, new Color(0x1f77b4));
		renderer.setSeriesStroke(0, new BasicStroke(2f));
		plot.setRenderer(renderer);
		plot.setDomainAxis(RoundNumberAxis.like((NumberAxis) plot.getDomainAxis(), true));
		plot.setRangeAxis(RoundNumberAxis.like((NumberAxis) plot.getRangeAxis(), false));
		plot.getRangeAxis().setRange(0, 100);
		if (!Double.isNaN(annAccuracy)) {
			ValueMarker ann = new ValueMarker(100 * annAccuracy, ANN_LINE, DASHED);
			ann.setLabel(String.format(Locale.ROOT, "ANN %.2f %%", 100 * annAccuracy));
			ann.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
			ann.setLabelPaint(ANN_LINE);
			ann.setLabelBackgroundColor(new Color(255, 255, 255, 220));
			// below the line at the right: the SNN's curve climbs towards it from the left
			ann.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
			ann.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
			plot.addRangeMarker(ann, Layer.FOREGROUND);
		}
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
		plot.setRangeAxis(RoundNumberAxis.like((NumberAxis) plot.getRangeAxis(), false));
		style(chart);
		return chart;
	}

	/**
	 * ANN activation (what a neuron should do) against SNN rate (what it did), one colour per layer, over the
	 * identity line on which a perfect conversion puts every neuron.
	 */
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
		plot.setDomainAxis(RoundNumberAxis.like((NumberAxis) plot.getDomainAxis(), false));
		plot.setRangeAxis(RoundNumberAxis.like((NumberAxis) plot.getRangeAxis(), false));
		plot.getDomainAxis().setRange(0, 1.02);
		plot.getRangeAxis().setRange(0, 1.02);
		plot.addAnnotation(new XYLineAnnotation(0, 0, 1.02, 1.02, DASHED, IDENTITY));
		// in the bottom right corner, which the points of a working conversion leave empty
		XYTextAnnotation identity = new XYTextAnnotation("dashed: SNN rate = ANN activation", 1.0, 0.03);
		identity.setPaint(IDENTITY);
		identity.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
		identity.setTextAnchor(TextAnchor.BOTTOM_RIGHT);
		plot.addAnnotation(identity);
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
		return raster == null ? null : spikeRaster(raster, r.layers(), r.neuronsPerLayer(), r.steps());
	}

	/** The raster of (step, layer index, neuron) triples over a run of that many steps; the workbench draws it from spike-raster.csv. */
	static JFreeChart spikeRaster(int[] raster, List<String> layers, long[] neuronsPerLayer, int steps) {
		long[] base = new long[layers.size()];
		for (int l = 1; l < base.length; l++)
			base[l] = base[l - 1] + neuronsPerLayer[l - 1];
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
			if (neuronsPerLayer[l] > 0)
				data.addSeries(series[l]);
		String title = "Spikes of the first sample" + (drawn < raster.length / 3 ? " (first " + drawn + " of " + raster.length / 3 + ")" : "");
		JFreeChart chart = ChartFactory.createScatterPlot(title, "time step", "neuron (layers stacked)", data, PlotOrientation.VERTICAL, true,
				false, false);
		XYPlot plot = chart.getXYPlot();
		XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
		for (int l = 0; l < data.getSeriesCount(); l++)
			renderer.setSeriesShape(l, new Rectangle(-1, -1, 2, 2));
		plot.setRenderer(renderer);
		plot.setDomainAxis(RoundNumberAxis.like((NumberAxis) plot.getDomainAxis(), true));
		plot.setRangeAxis(RoundNumberAxis.like((NumberAxis) plot.getRangeAxis(), true));
		plot.getDomainAxis().setRange(0, steps);
		style(chart);
		return chart;
	}

	/** One bar per layer (in the order given): what the workbench's activity plot shows, e.g. synaptic operations per sample. */
	static JFreeChart perLayer(String title, String valueName, java.util.Map<String, Double> values) {
		DefaultCategoryDataset data = new DefaultCategoryDataset();
		values.forEach((layer, value) -> data.addValue(value, valueName, layer));
		JFreeChart chart = ChartFactory.createBarChart(title, "layer", valueName, data, PlotOrientation.VERTICAL, false, false, false);
		CategoryPlot plot = chart.getCategoryPlot();
		((BarRenderer) plot.getRenderer()).setSeriesPaint(0, new Color(0x1f77b4));
		plot.setRangeAxis(RoundNumberAxis.like((NumberAxis) plot.getRangeAxis(), false));
		style(chart);
		return chart;
	}

	/**
	 * Narrows the chart to the part a person zoomed into in the workbench (both axes of an XY plot, the values of a
	 * bar chart, whose categories do not zoom); null leaves the chart's own ranges.
	 */
	static JFreeChart showing(JFreeChart chart, PlotRange shown) {
		if (shown == null)
			return chart;
		if (chart.getPlot() instanceof XYPlot xy) {
			xy.getDomainAxis().setRange(shown.x0(), shown.x1());
			xy.getRangeAxis().setRange(shown.y0(), shown.y1());
		} else if (chart.getPlot() instanceof CategoryPlot category)
			category.getRangeAxis().setRange(shown.y0(), shown.y1());
		return chart;
	}

	private static void style(JFreeChart chart) {
		chart.setBackgroundPaint(Color.WHITE);
		chart.getPlot().setBackgroundPaint(Color.WHITE);
		// JFreeChart's grid is white, made for its grey background: on white it must be drawn grey to be seen
		if (chart.getPlot() instanceof XYPlot xy) {
			xy.setDomainGridlinePaint(GRID);
			xy.setRangeGridlinePaint(GRID);
		} else if (chart.getPlot() instanceof CategoryPlot category)
			category.setRangeGridlinePaint(GRID);
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
