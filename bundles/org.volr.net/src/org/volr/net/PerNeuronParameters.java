package org.volr.net;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.volr.net.neuron.NeuronModel;
import org.volr.net.neuron.NeuronModels;

/**
 * Neuron parameters the weights give a layer one value per neuron ({@code <key>.<parameter>}, SEMANTICS.md "Per-neuron
 * parameters"): which arrays there are and why the layer's neurons cannot take them. The one check that the run's
 * setup (before it groups the neurons for the simulator) and the code generators (before they write the arrays) both
 * make, so that they refuse the same weights in the same words.
 */
public final class PerNeuronParameters {
	private PerNeuronParameters() {
	}

	/**
	 * The arrays the weights give the layer under a parameter name of any neuron model, by name in sorted order (empty
	 * for none); {@code weights} gives an array by its key, null when the store has none.
	 */
	public static Map<String, float[]> given(NetLayer layer, Function<String, float[]> weights) {
		Map<String, float[]> given = new TreeMap<>();
		for (String p : NeuronModels.parameterNames()) {
			float[] values = weights.apply(WeightKeys.parameter(layer.key(), p));
			if (values != null)
				given.put(p, values);
		}
		return given;
	}

	/**
	 * Why the layer's neurons of {@code model} cannot take the arrays {@code given} ({@link #given}), one message per
	 * array in name order: a parameter that decides how the layer fires, one the model does not have, or not one value
	 * per neuron. Empty when they can.
	 */
	public static List<String> problems(NetLayer layer, NeuronModel model, Map<String, float[]> given) {
		List<String> problems = new ArrayList<>();
		for (var p : given.entrySet()) {
			String key = WeightKeys.parameter(layer.key(), p.getKey());
			if (NeuronModels.PER_LAYER_ONLY.contains(p.getKey()))
				problems.add("'" + key + "': " + p.getKey() + " cannot differ from neuron to neuron (it decides how the layer fires); write it in"
						+ " the layer's neuron clause instead");
			else if (!model.parameters().containsKey(p.getKey()))
				problems.add("'" + key + "' is not a parameter of " + layer.describe() + "'s " + model.name() + " neurons; they have "
						+ String.join(", ", model.parameters().keySet()));
			else if (p.getValue().length != layer.outSize())
				problems.add(layer.describe() + " has " + layer.outSize() + " neurons, so '" + key + "' needs one value per neuron, the weights"
						+ " give " + p.getValue().length);
		}
		return problems;
	}
}
