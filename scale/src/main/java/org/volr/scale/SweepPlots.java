package org.volr.scale;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.volr.sim.report.ResultPlots;

/**
 * The plots of a sweep, beside its table (PNG and SVG, written as a run's plots are, by {@link ResultPlots#write}):
 * sweep-steps (the SNN's accuracy after every step, one line per grid point), sweep-heatmap (for a grid of two
 * parameters: the accuracy after the last step over the two) and sweep-pareto (accuracy against synaptic operations,
 * the Pareto front marked). Failed points have no figures and are left out of every plot; the heat map shows their
 * cells as "failed".
 */
final class SweepPlots {
	private static final Color FRONT = new Color(0xd62728), POINTS = new Color(0x1f77b4), LOW = new Color(0xf7fbff), HIGH = new Color(0x08306b);

	private SweepPlots() {
	}

	/** The plots the table has (without .png/.svg): none when no point ran; the heat map for two parameters only. */
	static List<String> names(SweepTable table) {
		if (table.points().stream().noneMatch(PointResult::ok))
			return List.of();
		return table.names().size() == 2 ? List.of("sweep-steps", "sweep-heatmap", "sweep-pareto") : List.of("sweep-steps", "sweep-pareto");
	}

	static void writeAll(SweepTable table, Path folder) throws IOException {
		for (String name : names(table))
			ResultPlots.write(switch (name) {
			case "sweep-steps" -> accuracyAgainstSteps(table);
			case "sweep-heatmap" -> heatMap(table);
			default -> accuracyAgainstOperations(table);
			}, folder, name);
	}

	/** One line per grid point: its accuracy after every step; the ANN's accuracy as a grey reference line when known. */
	static JFreeChart accuracyAgainstSteps(SweepTable table) {
		XYSeriesCollection data = new XYSeriesCollection();
		int longest = 1;
		for (PointResult p : table.points()) {
			if (!p.ok())
				continue;
			XYSeries s = new XYSeries(p.point().label());
			double[] acc = p.accuracyPerStep();
			for (int t = 0; t < acc.length; t++)
				s.add(t + 1, 100 * acc[t]);
			data.addSeries(s);
			longest = Math.max(longest, acc.length);
		}
		if (!Double.isNaN(table.annAccuracy())) {
			XYSeries ann = new XYSeries("ANN");
			ann.add(1, 100 * table.annAccuracy());
			ann.add(longest, 100 * table.annAccuracy());
			data.addSeries(ann);
		}
		JFreeChart chart = ChartFactory.createXYLineChart("SNN accuracy over time, per grid point", "time step", "accuracy (%)", data,
				PlotOrientation.VERTICAL, true, false, false);
		XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
		if (!Double.isNaN(table.annAccuracy()))
			renderer.setSeriesPaint(data.getSeriesCount() - 1, Color.GRAY);
		chart.getXYPlot().setRenderer(renderer);
		((NumberAxis) chart.getXYPlot().getRangeAxis()).setRange(0, 100);
		return style(chart);
	}

	/**
	 * A two-parameter grid as a grid of cells, the first parameter across, the second up: each cell coloured by the
	 * point's SNN accuracy after its last step (light: the sweep's lowest, dark: its highest) and labelled with it.
	 */
	static JFreeChart heatMap(SweepTable table) {
		List<String> names = table.names();
		if (names.size() != 2)
			throw new IllegalArgumentException("a heat map needs a grid of two parameters, not " + names);
		List<Double> xs = distinct(table, 0), ys = distinct(table, 1);
		double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
		for (PointResult p : table.points())
			if (p.ok()) {
				min = Math.min(min, 100 * p.snnAccuracy());
				max = Math.max(max, 100 * p.snnAccuracy());
			}
		List<PointResult> ok = table.points().stream().filter(PointResult::ok).toList();
		double[][] cells = new double[3][ok.size()];
		for (int i = 0; i < ok.size(); i++) {
			PointResult p = ok.get(i);
			cells[0][i] = xs.indexOf(p.point().values()[0]);
			cells[1][i] = ys.indexOf(p.point().values()[1]);
			cells[2][i] = 100 * p.snnAccuracy();
		}
		DefaultXYZDataset data = new DefaultXYZDataset();
		data.addSeries("SNN accuracy (%)", cells);
		XYBlockRenderer renderer = new XYBlockRenderer();
		renderer.setPaintScale(new Shades(min, max));
		XYPlot plot = new XYPlot(data, axis(names.get(0), xs), axis(names.get(1), ys), renderer);
		double middle = (min + max) / 2;
		for (PointResult p : table.points()) {
			double x = xs.indexOf(p.point().values()[0]), y = ys.indexOf(p.point().values()[1]);
			XYTextAnnotation label = new XYTextAnnotation(p.ok() ? String.format(Locale.ROOT, "%.2f %%", 100 * p.snnAccuracy()) : "failed", x, y);
			label.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
			// dark text on light cells, light text on dark ones
			label.setPaint(p.ok() && 100 * p.snnAccuracy() > middle && max > min ? Color.WHITE : Color.BLACK);
			plot.addAnnotation(label);
		}
		JFreeChart chart = new JFreeChart("SNN accuracy after the last step", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
		chart.addSubtitle(new TextTitle(String.format(Locale.ROOT, "from %.2f %% (light) to %.2f %% (dark)", min, max)));
		return style(chart);
	}

	/** Every point's SNN accuracy against its synaptic operations per sample; the Pareto front as a red line through its points. */
	static JFreeChart accuracyAgainstOperations(SweepTable table) {
		XYSeries all = new XYSeries("grid points", false, true), front = new XYSeries("Pareto front", false, true);
		for (PointResult p : table.points())
			if (p.ok())
				all.add(p.synapticOpsPerSample(), 100 * p.snnAccuracy());
		for (PointResult p : table.paretoFront())
			front.add(p.synapticOpsPerSample(), 100 * p.snnAccuracy());
		XYSeriesCollection data = new XYSeriesCollection();
		data.addSeries(front);
		data.addSeries(all);
		JFreeChart chart = ChartFactory.createXYLineChart("SNN accuracy against synaptic operations", "synaptic operations per sample",
				"accuracy (%)", data, PlotOrientation.VERTICAL, true, false, false);
		XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
		renderer.setSeriesLinesVisible(0, true);
		renderer.setSeriesShapesVisible(0, true);
		renderer.setSeriesPaint(0, FRONT);
		renderer.setSeriesLinesVisible(1, false);
		renderer.setSeriesShapesVisible(1, true);
		renderer.setSeriesPaint(1, POINTS);
		XYPlot plot = chart.getXYPlot();
		plot.setRenderer(renderer);
		((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
		((NumberAxis) plot.getDomainAxis()).setAutoRangeIncludesZero(false);
		for (PointResult p : table.paretoFront()) {
			XYTextAnnotation label = new XYTextAnnotation(p.point().label(), p.synapticOpsPerSample(), 100 * p.snnAccuracy());
			label.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
			label.setTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_LEFT);
			plot.addAnnotation(label);
		}
		return style(chart);
	}

	/** The values of one grid parameter, in the grid's order. */
	private static List<Double> distinct(SweepTable table, int axis) {
		return table.points().stream().map(p -> p.point().values()[axis]).distinct().toList();
	}

	/** An axis whose ticks are the parameter's values, one per cell. */
	private static SymbolAxis axis(String name, List<Double> values) {
		SymbolAxis axis = new SymbolAxis(name, values.stream().map(SweepParameter::number).toArray(String[]::new));
		axis.setGridBandsVisible(false);
		return axis;
	}

	private static JFreeChart style(JFreeChart chart) {
		chart.setBackgroundPaint(Color.WHITE);
		chart.getPlot().setBackgroundPaint(Color.WHITE);
		chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
		return chart;
	}

	/** Light to dark blue over the sweep's range of accuracies (one colour when every point has the same). */
	private record Shades(double lowest, double highest) implements PaintScale {
		@Override
		public double getLowerBound() {
			return lowest;
		}

		@Override
		public double getUpperBound() {
			return highest;
		}

		@Override
		public Paint getPaint(double value) {
			double f = highest > lowest ? Math.max(0, Math.min(1, (value - lowest) / (highest - lowest))) : 1;
			return new Color(mix(LOW.getRed(), HIGH.getRed(), f), mix(LOW.getGreen(), HIGH.getGreen(), f), mix(LOW.getBlue(), HIGH.getBlue(), f));
		}

		private static int mix(int a, int b, double f) {
			return (int) Math.round(a + (b - a) * f);
		}
	}
}
