package org.volr.gen;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.volr.net.NetLayer;
import org.volr.net.PerNeuronParameters;
import org.volr.net.neuron.Discretisation;

/**
 * A layer's per-step neuron constants neuron by neuron, where the weights give its neuron parameters per neuron
 * ({@code <key>.<parameter>}, SEMANTICS.md "Per-neuron parameters"): each neuron's values discretised as the run's, as
 * Volr's simulator steps them. Only the constants such a parameter can change vary (the leak, the resting potential,
 * the synapse's decay and gains); those that decide how the layer fires are per layer.
 */
public record PerNeuronConstants(float[] leak, float[] restPotential, float[] synapseDecay, float[] synapseGain, float[] currentGain) {

	/** The arrays by the names a script reads them ({@code l<i>_<name>}). */
	public Map<String, float[]> byName() {
		Map<String, float[]> m = new LinkedHashMap<>();
		m.put("leak", leak);
		m.put("v_rest", restPotential);
		m.put("syn_decay", synapseDecay);
		m.put("syn_gain", synapseGain);
		m.put("current_gain", currentGain);
		return m;
	}

	/** The parameters the weights give the layer per neuron, by name (none: an empty map). */
	public static Map<String, float[]> given(GenerationInput input, NetLayer layer) {
		return PerNeuronParameters.given(layer, key -> input.weights().contains(key) ? input.weights().get(key).data() : null);
	}

	/**
	 * Why a script cannot step the layer's neurons with the parameters the weights give per neuron; empty when it can:
	 * what the run refuses too (PerNeuronParameters, the one check), and conductance-based neurons, whose per-neuron
	 * values the scripts are not written with.
	 */
	public static List<String> problems(GenerationInput input, NetLayer layer, String target) {
		Map<String, float[]> given = given(input, layer);
		if (given.isEmpty())
			return new ArrayList<>();
		RunSettings.Neuron neuron = input.run().neuronOf(layer);
		List<String> problems = new ArrayList<>(PerNeuronParameters.problems(layer, neuron.model(), given));
		if (problems.isEmpty() && neuron.model().isConductanceBased())
			problems.add(layer.describe() + " has " + neuron.model().name() + " neurons with parameters per neuron, which " + target
					+ " is not written with; give the layer one value in its neuron clause for this target");
		return problems;
	}

	/** The constants of every neuron of the layer, or null when the weights give it no parameter per neuron. */
	public static PerNeuronConstants of(GenerationInput input, NetLayer layer) {
		Map<String, float[]> given = given(input, layer);
		if (given.isEmpty())
			return null;
		int n = layer.outSize();
		PerNeuronConstants c = new PerNeuronConstants(new float[n], new float[n], new float[n], new float[n], new float[n]);
		Map<Map<String, Double>, Discretisation> seen = new HashMap<>(); // neurons of equal values share one discretisation
		for (int j = 0; j < n; j++) {
			Map<String, Double> values = new HashMap<>();
			for (var p : given.entrySet())
				values.put(p.getKey(), (double) p.getValue()[j]);
			Discretisation d = seen.computeIfAbsent(values, v -> input.run().neuronOf(layer, v).discretised());
			c.leak[j] = d.leak();
			c.restPotential[j] = d.restPotential();
			c.synapseDecay[j] = d.synapseDecay();
			c.synapseGain[j] = d.synapseGain();
			c.currentGain[j] = d.currentGain();
		}
		return c;
	}
}
