package org.volr.net;

/**
 * How weights are named in weight stores (.npz files, trained and converted weights): a layer's label, or
 * "layer{n}" with n counting the layers from 1 in the order they are written (depth first, branches left to right),
 * followed by ".weight" or ".bias"; a recurrent layer's weights onto itself ".weight_rec"; a QCFS layer's learnt clip λ
 * ".clip" and its quantisation levels L ".levels"; or a neuron parameter's name for its values per neuron (".tau_m").
 * This is the only place the rule is written.
 */
public final class WeightKeys {
	private WeightKeys() {
	}

	/** The base name of a layer's weights. */
	public static String of(String label, int position) {
		return label != null ? label : "layer" + position;
	}

	public static String weight(String key) {
		return key + ".weight";
	}

	public static String bias(String key) {
		return key + ".bias";
	}

	/** A neuron parameter's values per neuron of the layer ("lif1.tau_m"), in the parameter's base unit. */
	public static String parameter(String key, String parameter) {
		return key + "." + parameter;
	}

	/**
	 * The value a layer's activation clips at, one value: a QCFS layer's learnt λ (SEMANTICS.md, "QCFS activation"),
	 * which the conversion takes as the layer's threshold scale instead of a percentile.
	 */
	public static String clip(String key) {
		return key + ".clip";
	}

	/** The number of quantisation levels L of a QCFS layer, one value (written as a float, a whole number). */
	public static String levels(String key) {
		return key + ".levels";
	}

	/** The weights of a delayed edge from layer {@code key} (a recurrent layer onto itself), [units_from, units_to]. */
	public static String recurrent(String key) {
		return key + ".weight_rec";
	}
}
