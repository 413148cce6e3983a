package org.volr.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.volr.core.io.AtomicFiles;
import org.volr.sim.SimulationResult;

/**
 * The per-neuron files of a results folder, beside what SimulationResult writes, so that views and scripts can
 * draw the comparison and the spikes from data rather than from the plots.
 */
public final class ResultFiles {
	/** ANN activation (clipped to one spike per step) against SNN rate, one row per sampled neuron. */
	public static final String ANN_VS_SNN = "ann-vs-snn.csv";
	/** Spikes of every neuron that fired in the first recorded samples: sample, layer, neuron, count. */
	public static final String SPIKE_COUNTS = "spike-counts.csv";
	/** Every spike of the first sample in time: step, layer, neuron (a spike raster). */
	public static final String SPIKE_RASTER = "spike-raster.csv";
	/** How many recorded samples go into spike-counts.csv. */
	static final int SPIKE_COUNT_SAMPLES = 32;

	private ResultFiles() {
	}

	static void writeRateComparison(Path folder, RateComparison rates) throws IOException {
		StringBuilder b = new StringBuilder("layer,ann,snn\n");
		for (Map.Entry<String, float[][]> layer : rates.points.entrySet())
			for (float[] p : layer.getValue())
				b.append(layer.getKey()).append(',').append(String.format(Locale.ROOT, "%.6f,%.6f", p[0], p[1])).append('\n');
		AtomicFiles.writeString(folder.resolve(ANN_VS_SNN), b.toString());
	}

	static void writeSpikeCounts(Path folder, SimulationResult result) throws IOException {
		StringBuilder b = new StringBuilder("sample,layer,neuron,count\n");
		int samples = Math.min(SPIKE_COUNT_SAMPLES, result.recordedSamples());
		for (int s = 0; s < samples; s++)
			for (int l = 0; l < result.layers().size(); l++) {
				int[] counts = result.neuronSpikes(s, l);
				if (counts == null)
					continue;
				for (int j = 0; j < counts.length; j++)
					if (counts[j] > 0)
						b.append(s).append(',').append(result.layers().get(l)).append(',').append(j).append(',').append(counts[j]).append('\n');
			}
		AtomicFiles.writeString(folder.resolve(SPIKE_COUNTS), b.toString());
	}

	static void writeSpikeRaster(Path folder, SimulationResult result) throws IOException {
		int[] raster = result.spikeRaster();
		if (raster == null)
			return;
		StringBuilder b = new StringBuilder("step,layer,neuron\n");
		for (int k = 0; k + 2 < raster.length; k += 3)
			b.append(raster[k]).append(',').append(result.layers().get(raster[k + 1])).append(',').append(raster[k + 2]).append('\n');
		AtomicFiles.writeString(folder.resolve(SPIKE_RASTER), b.toString());
	}
}
