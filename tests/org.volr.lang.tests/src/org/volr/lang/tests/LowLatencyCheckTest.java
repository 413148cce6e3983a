package org.volr.lang.tests;

import org.junit.jupiter.api.Test;

/**
 * The options for few steps as {@code volr check} sees them: the membranes' start ({@code convert { init half }}), the
 * threshold calibration for a number of steps ({@code convert { calibrate for 8 steps }}) and the integrated readout.
 */
class LowLatencyCheckTest {
	private static final String NET = "network n {\n    input [4]\n    h: dense 3 relu\n    out: dense 2 linear\n}\n";

	/** Lines: 7 the experiment's network clause, 8 the first clause given. */
	private static Volr.Checked check(String experiment) {
		return Volr.check(NET + "experiment e {\n    network n\n" + experiment + "}\n");
	}

	@Test
	void theOptionsForFewStepsAreAccepted() {
		check("    convert { init half, calibrate for 8 steps, channelwise }\n    simulate { readout integrated }\n").expectNoErrors();
		check("    convert { init zero, calibrate for 4 }\n").expectNoErrors();
		check("    neuron LIF { tau_m 20 ms }\n    simulate { duration 8 steps, readout integrated }\n").expectNoErrors();
	}

	@Test
	void calibrationNeedsAWholeNumberOfStepsAndANormalisation() {
		check("    convert { calibrate for 8 ms }\n").expectError(8, "calibrate for expects a number of steps", "'8 ms'");
		check("    convert { calibrate for 0 steps }\n").expectError(8, "a whole number of steps from 1 to 10000", "'0 steps'");
		check("    convert { calibrate for 2.5 }\n").expectError(8, "a whole number of steps", "'2.5'");
		check("    convert { normalize none, calibrate for 4 steps }\n").expectError(8, "'normalize none' keeps the weights as they are");
	}

	@Test
	void theIntegratedReadoutRefusesAnOutputOfConductances() {
		check("    neuron CobaLIF\n    simulate { readout integrated }\n").expectError(9, "the integrated readout sums the output's input"
				+ " current", "layer 'out' has CobaLIF neurons");
	}
}
