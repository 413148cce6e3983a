package org.volr.net.neuron;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry of neuron models: a new model is one class and one line here. */
public final class NeuronModels {
	/** The non-leaky integrate-and-fire neuron, INIsim's and the default of an experiment without a neuron clause. */
	public static final NeuronModel IF = new IfNeuron();
	private static final List<NeuronModel> ALL = List.of(IF, new LifNeuron(), new CubaLifNeuron(), new CobaLifNeuron(), new AdaptiveLifNeuron(),
			new LiNeuron());

	/**
	 * PyNN parameters that Volr's neurons do not have, with the reason and what to write instead. The neurons work in
	 * units of the threshold, where the weights carry the membrane's scale, so a capacitance or an offset current in
	 * amperes would have no meaning the simulator and every target share.
	 */
	public static final Map<String, String> NOT_SIMULATED = Map.of(
			"cm", "the membrane capacitance is not a parameter here: voltages are in units of the threshold and the"
					+ " weights carry the membrane's scale (the PyNN and SpiNNaker targets choose cm themselves); remove it",
			"i_offset", "a constant input current is not a parameter here: give the layers a bias (it is the same"
					+ " current, in units of the threshold per step, and the targets write it as i_offset); remove it");

	/**
	 * Parameters that cannot differ from neuron to neuron of a layer: they decide how the layer fires (threshold,
	 * reset, refractory period, lower clamp), which the simulator's firing rule and the adaptive threshold, payloads
	 * and clip options hold per layer.
	 */
	public static final java.util.Set<String> PER_LAYER_ONLY = java.util.Set.of("v_thresh", "v_reset", "tau_refrac", "v_min");

	/** Every registered model's parameter names: what a weight store may give per neuron under {@code <key>.<name>}. */
	public static java.util.Set<String> parameterNames() {
		java.util.Set<String> names = new java.util.TreeSet<>();
		for (NeuronModel m : ALL)
			names.addAll(m.parameters().keySet());
		return names;
	}

	private NeuronModels() {
	}

	public static List<NeuronModel> all() {
		return ALL;
	}

	/** The models' names, as a neuron clause writes them. */
	public static List<String> names() {
		return ALL.stream().map(NeuronModel::name).toList();
	}

	/** The model of that name, or null. */
	public static NeuronModel of(String name) {
		for (NeuronModel m : ALL)
			if (m.name().equals(name))
				return m;
		return null;
	}

	/** The values a neuron block writes, by name, in base units; throws IllegalArgumentException for an unknown unit. */
	public static Map<String, Double> written(org.volr.model.NeuronModel block) {
		Map<String, Double> written = new LinkedHashMap<>();
		for (org.volr.model.Parameter p : block.getParams())
			written.put(p.getName(), org.volr.model.units.Units.toBase(p.getValue()));
		return written;
	}

	/** The model's full set of values: its defaults, overridden by those written (base units). */
	public static Map<String, Double> values(NeuronModel model, Map<String, Double> written) {
		Map<String, Double> values = new LinkedHashMap<>();
		model.parameters().forEach((name, spec) -> values.put(name, spec.defaultValue()));
		written.forEach((name, value) -> {
			if (values.containsKey(name))
				values.put(name, value);
		});
		return values;
	}
}
