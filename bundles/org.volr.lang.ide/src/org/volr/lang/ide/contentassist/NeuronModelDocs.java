package org.volr.lang.ide.contentassist;

import java.util.Locale;
import java.util.Map;

import org.volr.net.neuron.NeuronModel;
import org.volr.net.neuron.NeuronModels;
import org.volr.net.neuron.ParameterSpec;

/**
 * What completion and hover say about a neuron model and its parameters, read from the model's plug-in (the schema
 * the validator checks against), so that a new model is documented in the editor without an edit here.
 */
public final class NeuronModelDocs {
	private NeuronModelDocs() {
	}

	/** "neuron LIF" and one line per parameter with its meaning and default. */
	public static String model(NeuronModel model) {
		StringBuilder text = new StringBuilder("neuron model ").append(model.name());
		for (Map.Entry<String, ParameterSpec> p : model.parameters().entrySet())
			text.append('\n').append(line(p.getKey(), p.getValue()));
		return text.toString();
	}

	/** A parameter of the model named {@code modelName}, or null when either is unknown. */
	public static String parameter(String modelName, String parameter) {
		NeuronModel model = modelName == null ? null : NeuronModels.of(modelName);
		ParameterSpec spec = model == null ? null : model.parameters().get(parameter);
		return spec == null ? null : model.name() + " parameter\n" + line(parameter, spec);
	}

	static String line(String name, ParameterSpec spec) {
		return name + ": " + spec.doc() + " (" + spec.dimension().name().toLowerCase(Locale.ROOT) + ", default " + defaultText(spec) + ")";
	}

	/** The default as a user writes it: times in ms, voltages in units of the threshold. */
	static String defaultText(ParameterSpec spec) {
		double v = spec.defaultValue();
		if (Double.isInfinite(v))
			return "none";
		String number = v == Math.rint(v) ? String.format(Locale.ROOT, "%d", (long) v) : String.valueOf(v);
		return switch (spec.dimension()) {
		case TIME -> number + " ms";
		default -> number;
		};
	}
}
