package org.volr.ui.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import org.volr.pipeline.ResultFiles;

/**
 * What a results folder of {@code volr run} holds, read for the results view: accuracy after every step
 * (result.json), the ANN's accuracy (report.json), neurons and spikes per layer, ANN activation against SNN rate
 * per sampled neuron (ann-vs-snn.csv), the spike counts of the first recorded samples (spike-counts.csv) and the
 * spikes of the first sample in time (spike-raster.csv).
 * The last two are optional: folders written before they existed still show their curves.
 */
public record ResultsData(Path folder, String experiment, long samples, int steps, double[] accuracy, double annAccuracy,
		List<Layer> layers, double synapticOpsPerSample, Map<String, List<float[]>> annVersusSnn, List<SpikeCount> spikeCounts,
		List<Spike> spikeRaster) {

	/** One layer of the simulated network; synapticOps (delivered into it) is -1 in folders written before it was. */
	public record Layer(String label, long neurons, long spikes, double rate, long synapticOps) {
	}

	/** Spikes of one neuron of one layer in one recorded sample. */
	public record SpikeCount(int sample, String layer, int neuron, int count) {
	}

	/** One spike of the first sample: when (step), where (layer, neuron). */
	public record Spike(int step, String layer, int neuron) {
	}

	/** Reads a results folder, or the folder of a result.json; a message naming the file when it is not one. */
	public static ResultsData read(Path folderOrFile) throws IOException {
		Path folder = Files.isDirectory(folderOrFile) ? folderOrFile : folderOrFile.toAbsolutePath().getParent();
		Path resultFile = folder.resolve("result.json");
		if (!Files.isRegularFile(resultFile))
			throw new IOException(folder + " holds no result.json: not a results folder of volr run");
		JsonObject result = json(resultFile);
		try {
			int steps = result.get("steps").getAsInt();
			long samples = result.get("samples").getAsLong();
			com.google.gson.JsonArray perStep = result.getAsJsonArray("accuracy_per_step");
			double[] accuracy = new double[perStep.size()];
			for (int t = 0; t < accuracy.length; t++)
				accuracy[t] = perStep.get(t).getAsDouble();
			List<Layer> layers = new ArrayList<>();
			for (JsonElement e : result.getAsJsonArray("layers")) {
				JsonObject l = e.getAsJsonObject();
				layers.add(new Layer(l.get("label").getAsString(), l.get("neurons").getAsLong(), l.get("spikes").getAsLong(), l.get("rate").getAsDouble(),
						l.has("synaptic_ops") ? l.get("synaptic_ops").getAsLong() : -1));
			}
			double ops = result.has("synaptic_ops_per_sample") ? result.get("synaptic_ops_per_sample").getAsDouble() : Double.NaN;
			double ann = Double.NaN;
			String experiment = folder.getFileName().toString().replaceFirst("-results$", "");
			Path reportFile = folder.resolve("report.json");
			if (Files.isRegularFile(reportFile)) {
				JsonObject report = json(reportFile);
				if (report.has("ann_accuracy") && !report.get("ann_accuracy").isJsonNull())
					ann = report.get("ann_accuracy").getAsDouble();
				if (report.has("experiment"))
					experiment = report.get("experiment").getAsString();
			}
			return new ResultsData(folder, experiment, samples, steps, accuracy, ann, layers, ops, annVersusSnn(folder.resolve(ResultFiles.ANN_VS_SNN)),
					spikeCounts(folder.resolve(ResultFiles.SPIKE_COUNTS)), spikeRaster(folder.resolve(ResultFiles.SPIKE_RASTER)));
		} catch (RuntimeException e) {
			throw new IOException(resultFile + ": not a result of volr run (" + e.getMessage() + ")", e);
		}
	}

	/** The spiking accuracy after the last step. */
	public double finalAccuracy() {
		return accuracy.length == 0 ? Double.NaN : accuracy[accuracy.length - 1];
	}

	private static JsonObject json(Path file) throws IOException {
		try {
			return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
		} catch (JsonParseException | IllegalStateException e) {
			throw new IOException(file + ": not valid JSON (" + e.getMessage() + ")", e);
		}
	}

	private static Map<String, List<float[]>> annVersusSnn(Path csv) throws IOException {
		Map<String, List<float[]>> points = new LinkedHashMap<>();
		for (String[] row : rows(csv))
			points.computeIfAbsent(row[0], k -> new ArrayList<>()).add(new float[] { Float.parseFloat(row[1]), Float.parseFloat(row[2]) });
		return points;
	}

	private static List<SpikeCount> spikeCounts(Path csv) throws IOException {
		List<SpikeCount> counts = new ArrayList<>();
		for (String[] row : rows(csv))
			counts.add(new SpikeCount(Integer.parseInt(row[0]), row[1], Integer.parseInt(row[2]), Integer.parseInt(row[3])));
		return counts;
	}

	private static List<Spike> spikeRaster(Path csv) throws IOException {
		List<Spike> spikes = new ArrayList<>();
		for (String[] row : rows(csv))
			spikes.add(new Spike(Integer.parseInt(row[0]), row[1], Integer.parseInt(row[2])));
		return spikes;
	}

	/** The rows of a CSV file without its header; none when the file is absent. */
	private static List<String[]> rows(Path csv) throws IOException {
		if (!Files.isRegularFile(csv))
			return List.of();
		List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
		List<String[]> rows = new ArrayList<>();
		for (int i = 1; i < lines.size(); i++)
			if (!lines.get(i).isBlank())
				rows.add(lines.get(i).split(","));
		return rows;
	}
}
