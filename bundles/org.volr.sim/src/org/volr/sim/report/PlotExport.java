package org.volr.sim.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The workbench's "save this plot" for the plots volr run also writes: the data of a results folder drawn by the
 * same charts ({@link ResultPlots}) into name.png and name.svg, narrowed to the part shown when zoomed (null:
 * the whole plot, as volr run writes it). JFreeChart stays inside this bundle.
 */
public final class PlotExport {
	private PlotExport() {
	}

	/** Accuracy (0 to 1) after every step, with the ANN's line when annAccuracy is a number. */
	public static void accuracy(double[] accuracyPerStep, long samples, double annAccuracy, PlotRange shown, Path folder, String name) throws IOException {
		ResultPlots.write(ResultPlots.showing(ResultPlots.accuracyOverTime(accuracyPerStep, samples, annAccuracy), shown), folder, name);
	}

	/** (ANN activation, SNN rate) per sampled neuron, by layer. */
	public static void annVersusSnn(Map<String, float[][]> points, PlotRange shown, Path folder, String name) throws IOException {
		ResultPlots.write(ResultPlots.showing(ResultPlots.annVersusSnn(points), shown), folder, name);
	}

	/** The first sample's spikes as (step, layer index, neuron) triples; layers and their neurons in the network's order. */
	public static void spikeRaster(int[] raster, List<String> layers, long[] neuronsPerLayer, int steps, PlotRange shown, Path folder, String name)
			throws IOException {
		ResultPlots.write(ResultPlots.showing(ResultPlots.spikeRaster(raster, layers, neuronsPerLayer, steps), shown), folder, name);
	}

	/** A value per layer as bars (only the value axis zooms). */
	public static void perLayer(String title, String valueName, Map<String, Double> values, PlotRange shown, Path folder, String name) throws IOException {
		ResultPlots.write(ResultPlots.showing(ResultPlots.perLayer(title, valueName, values), shown), folder, name);
	}
}
