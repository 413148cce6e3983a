package org.volr.diagram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.volr.model.Element;
import org.volr.model.Experiment;
import org.volr.model.Network;
import org.volr.model.VolrFile;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * The activity overlay: finds the results a run of {@code volr run} left beside a .volr file and reads, per layer,
 * the spike rate (result.json) and the ANN/SNN correlation (report.json).
 */
public final class ResultsOverlay {
	private ResultsOverlay() {
	}

	/**
	 * For each network of the file that an experiment runs and whose results folder exists ({@code
	 * <experiment>-results} beside the file, where {@code volr run} writes it), the activity of its layers by layer
	 * name (label, or "layer{n}" by position); the first experiment with results wins.
	 */
	public static Map<String, Map<String, LayerActivity>> find(VolrFile file, Path directory) throws IOException {
		Map<String, Map<String, LayerActivity>> found = new LinkedHashMap<>();
		for (Element e : file.getElements())
			if (e instanceof Experiment x && x.getNetwork() instanceof Network n && !found.containsKey(n.getName())) {
				Path results = directory.resolve(x.getName() + "-results");
				if (Files.isRegularFile(results.resolve("result.json")))
					found.put(n.getName(), read(results));
			}
		return found;
	}

	/** The layers of one results folder: rate from result.json, correlation from report.json if it is there. */
	public static Map<String, LayerActivity> read(Path results) throws IOException {
		JsonObject result = parse(results.resolve("result.json"));
		Map<String, Double> correlation = new HashMap<>();
		Path report = results.resolve("report.json");
		if (Files.isRegularFile(report)) {
			JsonElement c = parse(report).get("ann_snn_correlation");
			if (c instanceof JsonArray a)
				for (JsonElement entry : a) {
					JsonObject o = entry.getAsJsonObject();
					correlation.put(o.get("layer").getAsString(), o.get("pearson").getAsDouble());
				}
		}
		Map<String, LayerActivity> layers = new LinkedHashMap<>();
		JsonElement list = result.get("layers");
		if (!(list instanceof JsonArray a))
			throw new IOException(results.resolve("result.json") + ": no \"layers\" list; is this a results folder of volr run?");
		for (JsonElement entry : a) {
			JsonObject o = entry.getAsJsonObject();
			String label = o.get("label").getAsString();
			layers.put(label, new LayerActivity(o.get("rate").getAsDouble(), correlation.get(label)));
		}
		return layers;
	}

	private static JsonObject parse(Path file) throws IOException {
		try {
			return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
		} catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
			throw new IOException(file + " is not a results file of volr run: " + e.getMessage(), e);
		}
	}
}
