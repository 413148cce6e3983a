package org.volr.lang.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.volr.model.Experiment;
import org.volr.model.SweepAxis;

/** {@code sweep { percentile 99, 99.9; steps 25, 50; v_thresh 0.8, 1 }} as {@code volr check} and {@code volr format} see it. */
class SweepCheckTest {
	/** Line 10 the neuron, line 11 the sweep clause. */
	private static final String TEXT = "network n {\n    input [4]\n    h: dense 3 relu\n    out: dense 2 softmax\n}\nexperiment e {\n    network n\n"
			+ "    data idx \"d.idx\"\n    train { epochs 1 }\n    neuron %s\n    sweep { %s }\n}\n";

	private static Volr.Checked check(String neuron, String sweep) {
		return Volr.check(TEXT.formatted(neuron, sweep));
	}

	@Test
	void percentileStepsAndTheNeuronModelsParametersAreItsAxes() {
		Volr.Checked c = check("IF { v_thresh 1.0 }", "percentile 99, 99.9, 99.99; steps 25, 50, 100; v_thresh 0.8, 1;");
		c.expectNoErrors();
		Experiment e = (Experiment) org.eclipse.emf.ecore.util.EcoreUtil.getObjectByType(((org.volr.model.VolrFile) c.resource().getContents().get(0)).getElements(),
				org.volr.model.VolrPackage.Literals.EXPERIMENT);
		List<SweepAxis> axes = e.getSweep().getAxes();
		assertEquals(List.of("percentile", "steps", "v_thresh"), axes.stream().map(SweepAxis::getName).toList());
		assertEquals(List.of(99.0, 99.9, 99.99), axes.get(0).getValues());
		assertEquals(List.of(0.8, 1.0), axes.get(2).getValues());
		// a LIF neuron's own parameter
		check("LIF { tau_m 20 ms }", "tau_m 10, 20").expectNoErrors();
	}

	@Test
	void anUnknownParameterIsNamedWithWhatTheExperimentCanVary() {
		check("IF { v_thresh 1.0 }", "percentile 99; tau_m 10").expectError(11, "unknown sweep parameter 'tau_m'",
				"experiment e can vary percentile, steps, v_thresh, v_reset, tau_refrac, v_min");
		check("IF", "steps 10; steps 20").expectError(11, "sweep parameter 'steps' is given twice");
	}

	@Test
	void anEmptyListOrClauseIsAnError() {
		check("IF", "percentile; steps 25").expectError(11, "sweep parameter 'percentile' has no values", "e.g. percentile 99, 99.9");
		check("IF", "").expectError(11, "the sweep names no parameter");
	}

	@Test
	void aValueOutOfRangeIsAnErrorNamingWhatTheParameterTakes() {
		check("IF", "percentile 99, 100.5").expectError(11, "percentile takes a percentile above 0 and at most 100, got 100.5");
		check("IF", "percentile 0").expectError(11, "percentile takes a percentile above 0 and at most 100, got 0");
		check("IF", "steps 25, 2.5").expectError(11, "steps takes a whole number of steps from 1, got 2.5");
		check("IF", "steps 0").expectError(11, "steps takes a whole number of steps from 1, got 0");
		check("LIF", "tau_m 0").expectError(11, "tau_m takes a positive time, got 0");
		check("IF", "tau_refrac -1").expectError(11, "tau_refrac takes a time not below 0, got -1");
	}

	@Test
	void theFormatterWritesTheClauseOnOneLine() {
		String messy = TEXT.formatted("IF", "x").replace("    sweep { x }\n", "  sweep{percentile 99 ,99.9;steps 25,50 ;}\n");
		String formatted = FormatterTest.format(messy);
		assertEquals("    sweep { percentile 99, 99.9; steps 25, 50; }", formatted.lines().filter(l -> l.contains("sweep")).findFirst().orElseThrow(), formatted);
	}
}
