package org.volr.gen;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Python script kept as a resource beside its generator, with {@code ${NAME}} placeholders: the script stays
 * readable (and testable by eye) as Python rather than as Java string concatenation.
 */
public final class ScriptTemplate {
	private final String text;
	private final Map<String, String> values = new LinkedHashMap<>();

	private ScriptTemplate(String text) {
		this.text = text;
	}

	public static ScriptTemplate load(Class<?> owner, String resource) {
		try (InputStream in = owner.getResourceAsStream(resource)) {
			if (in == null)
				throw new IllegalStateException("template " + resource + " missing from bundle of " + owner.getName());
			return new ScriptTemplate(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public ScriptTemplate set(String name, Object value) {
		values.put(name, String.valueOf(value));
		return this;
	}

	/**
	 * Fills what every script target's template takes under the same names: what is run (network, experiment, files,
	 * samples, steps, input encoding) and the layer table; one place so the targets' templates cannot drift apart.
	 */
	public ScriptTemplate setRun(GenerationInput input, List<NetworkArrays.Layer> layers, Object scriptName, Object dataName) {
		double dt = input.dtMillis();
		String[] lines = layerLines(layers);
		return set("NETWORK", input.networkName()).set("EXPERIMENT", input.experiment()).set("SOURCE", input.source())
				.set("SCRIPT", scriptName).set("DATA", dataName)
				.set("SAMPLES", input.samples() == null ? 0 : input.samples().count())
				.set("STEPS", input.run().steps()).set("DT", num(dt))
				.set("INPUT_SIZE", layers.get(0).inSize())
				.set("ENCODING", input.run().input() == RunSettings.Input.POISSON ? "poisson" : "constant")
				.set("POISSON_RATE", num(input.run().poissonProbabilityPerStep() * 1000.0 / dt))
				.set("LAYER_TABLE", lines[0]).set("LAYERS", lines[1]);
	}

	public String render() {
		String out = text;
		for (Map.Entry<String, String> e : values.entrySet())
			out = out.replace("${" + e.getKey() + "}", e.getValue());
		int left = out.indexOf("${");
		if (left >= 0)
			throw new IllegalStateException("template placeholder left unfilled: " + out.substring(left, out.indexOf('}', left) + 1));
		return out;
	}

	/** A Python float literal (no exponent for whole numbers, full float precision otherwise). */
	public static String num(double v) {
		if (Double.isInfinite(v))
			return v > 0 ? "float('inf')" : "float('-inf')";
		return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.9g", v);
	}

	/**
	 * Conductance-based neurons' reversal potentials and conductances per unit weight, (e_rev_E, e_rev_I, excitatory,
	 * inhibitory), as a Python tuple; None (g null) for the others.
	 */
	public static String conductance(org.volr.net.neuron.Discretisation.Conductance g) {
		if (g == null)
			return "None";
		return "(" + num(g.excitatoryReversal()) + ", " + num(g.inhibitoryReversal()) + ", " + num(g.excitatoryPerWeight()) + ", "
				+ num(g.inhibitoryPerWeight()) + ")";
	}

	/** A Python string literal. */
	public static String str(String s) {
		return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	/** The layer table of a script's docstring and its LAYERS list. */
	public static String[] layerLines(List<NetworkArrays.Layer> layers) {
		StringBuilder table = new StringBuilder(), list = new StringBuilder();
		for (NetworkArrays.Layer l : layers) {
			table.append(String.format(Locale.ROOT, "    %-12s %-6s %,9d neurons %,12d synapses%n", l.label(), l.kind(), l.outSize(), l.synapses()));
			list.append(String.format(Locale.ROOT, "    (%s, %d, %s),%n", str(l.label()), l.outSize(), str(l.kind())));
		}
		return new String[] { table.toString().stripTrailing(), list.toString().stripTrailing() };
	}
}
