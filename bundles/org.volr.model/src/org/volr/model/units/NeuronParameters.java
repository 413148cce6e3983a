package org.volr.model.units;

import java.util.LinkedHashMap;
import java.util.Map;

import org.volr.model.NeuronKind;

/**
 * The parameters each neuron model accepts, with their dimension and default value (in base units). Names follow
 * PyNN's so that the PyNN and Brian2 generators can pass them through. The IF neuron of the conversion (INIsim)
 * works in normalised units, so its voltages are plain numbers.
 */
public final class NeuronParameters {
	public record Spec(Dimension dimension, double defaultValue, boolean allowPlainNumber, String doc) {
	}

	/**
	 * PyNN parameters that Volr Studio's neurons do not have, with the reason and what to write instead. The neurons
	 * work in units of the threshold, where the weights carry the membrane's scale, so a capacitance or an offset
	 * current in amperes would have no meaning the simulator and every target share.
	 */
	public static final Map<String, String> NOT_SIMULATED = Map.of(
			"cm", "the membrane capacitance is not a parameter here: voltages are in units of the threshold and the"
					+ " weights carry the membrane's scale (the PyNN and SpiNNaker targets choose cm themselves); remove it",
			"i_offset", "a constant input current is not a parameter here: give the layers a bias (it is the same"
					+ " current, in units of the threshold per step, and the targets write it as i_offset); remove it");

	private NeuronParameters() {
	}

	public static Map<String, Spec> of(NeuronKind kind) {
		Map<String, Spec> m = new LinkedHashMap<>();
		m.put("v_thresh", new Spec(Dimension.VOLTAGE, 1.0, true, "firing threshold"));
		m.put("v_reset", new Spec(Dimension.VOLTAGE, 0.0, true, "membrane potential after a spike (reset zero)"));
		m.put("tau_refrac", new Spec(Dimension.TIME, 0.0, false, "refractory period"));
		m.put("v_min", new Spec(Dimension.VOLTAGE, Double.NEGATIVE_INFINITY, true, "lower clamp of the membrane potential"));
		if (kind == NeuronKind.LIF || kind == NeuronKind.CUBA_LIF || kind == NeuronKind.COBA_LIF) {
			m.put("tau_m", new Spec(Dimension.TIME, 20.0, false, "membrane time constant"));
			m.put("v_rest", new Spec(Dimension.VOLTAGE, 0.0, true, "resting potential"));
		}
		if (kind == NeuronKind.CUBA_LIF || kind == NeuronKind.COBA_LIF) {
			m.put("tau_syn_E", new Spec(Dimension.TIME, 5.0, false, "excitatory synaptic time constant"));
			m.put("tau_syn_I", new Spec(Dimension.TIME, 5.0, false, "inhibitory synaptic time constant"));
		}
		if (kind == NeuronKind.COBA_LIF) {
			// in units of the threshold above rest: PyNN's defaults (rest −65, threshold −50, E 0 and −70 mV) are 4.33 and −0.33
			m.put("e_rev_E", new Spec(Dimension.VOLTAGE, 4.0, true, "excitatory reversal potential"));
			m.put("e_rev_I", new Spec(Dimension.VOLTAGE, -1.0, true, "inhibitory reversal potential"));
		}
		return m;
	}
}
