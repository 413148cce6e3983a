package org.volr.lang.tests;

import org.junit.jupiter.api.Test;

/**
 * A neuron per layer, the LI neuron and the readout as {@code volr check} sees them: a layer's neuron block is checked
 * by the same rules as the experiment's, a layer of neurons that never fire can only be the output, and such an
 * output is read out by its membrane.
 */
class LayerNeuronCheckTest {
	private static final String NET = "network n {\n    input [4]\n    h: dense 3 relu%s\n    out: dense 2 linear%s\n}\n";

	/** Lines: 3 h, 4 out, 7 the experiment's network clause, 8 the clause given. */
	private static Volr.Checked check(String hidden, String out, String experiment) {
		return Volr.check(NET.formatted(hidden, out) + "experiment e {\n    network n\n" + experiment + "}\n");
	}

	@Test
	void aLayersNeuronIsCheckedAsTheExperimentsIs() {
		check(" neuron LIF { tau_m 5 ms }", " neuron LI { tau_m 10 ms }", "    simulate { readout membrane_max }\n").expectNoErrors();
		check(" neuron LIF { tau_x 5 ms }", "", "").expectError(3, "'tau_x' is not a parameter of LIF", "tau_m");
		check("", " neuron Izhikevich", "").expectError(4, "unknown neuron model 'Izhikevich'", "LI");
		check("", " neuron LI { tau_m 0 ms }", "    simulate { readout membrane_last }\n").expectError(4, "tau_m must be positive");
		check("", " neuron LI { v_thresh 1 }", "    simulate { readout membrane_last }\n").expectError(4, "'v_thresh' is not a parameter of LI",
				"tau_m, v_rest, v_min");
		check(" neuron CubaLIF { tau_syn_E 5 ms, tau_syn_I 4 ms }", "", "").expectError(3, "tau_syn_I must equal tau_syn_E");
	}

	@Test
	void neuronsThatNeverFireCanOnlyBeTheOutput() {
		check(" neuron LI", "", "").expectError(7, "layer 'h' has LI neurons, which never spike: layer 'out' cannot read it",
				"can only be the network's output");
		// the experiment's LI neuron would make every layer LI, so the hidden one too
		check("", "", "    neuron LI\n    simulate { readout membrane_max }\n").expectError(7, "layer 'h' has LI neurons");
		// a layer of its own spiking neuron under an LI experiment: only the output is LI
		check(" neuron IF", "", "    neuron LI\n    simulate { readout membrane_max }\n").expectNoErrors();
	}

	@Test
	void anOutputThatNeverFiresIsReadOutByItsMembrane() {
		check("", " neuron LI", "").expectError(7, "the output, layer 'out', has LI neurons, which never spike", "readout membrane_max");
		check("", " neuron LI", "    simulate { readout spikes }\n").expectError(8, "read it out by its membrane");
		check("", " neuron LI", "    simulate { duration 20 steps, readout membrane_last }\n").expectNoErrors();
		// a spiking output may be read by its membrane too
		check("", "", "    simulate { readout membrane_max, discretisation exact }\n").expectNoErrors();
	}

	@Test
	void forwardEulerNeedsEveryModelOfTheRunToHaveItAndDtBelowItsTimeConstants() {
		check(" neuron LIF { tau_m 5 ms }", "", "    neuron CubaLIF\n    simulate { discretisation euler }\n").expectNoErrors();
		check("", "", "    neuron CobaLIF\n    simulate { discretisation euler }\n").expectError(9,
				"CobaLIF neurons have no forward-Euler discretisation; use discretisation exact");
		check(" neuron LIF { tau_m 0.5 ms }", "", "    simulate { discretisation euler }\n").expectError(8, "layer 'h': forward Euler needs dt"
				+ " below tau_m");
		check(" neuron LIF { tau_m 0.5 ms }", "", "    simulate { dt 0.1 ms, discretisation euler }\n").expectNoErrors();
	}
}
