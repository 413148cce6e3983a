package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.core.weights.WeightStore;
import org.volr.lang.api.Diagnostic;
import org.volr.model.DiscretisationKind;
import org.volr.model.Readout;
import org.volr.pipeline.ExperimentSetup;
import org.volr.pipeline.WeightsCheck;
import org.volr.sim.NeuronGroups;
import org.volr.sim.SimulationConfig;

/**
 * A layer's own neuron, the readout, the discretisation and per-neuron parameters from the weights reach the
 * simulator's settings as written (SEMANTICS.md, "A neuron per layer", "Readout", "Discretisation", "Per-neuron
 * parameters").
 */
class NeuronSettingsSetupTest {
	private static final String NETWORK = "network n {\n    input [2]\n    fc1: dense 3 relu neuron LIF { tau_m 10 ms }\n    fc2: dense 2 linear\n}\n";

	@TempDir
	Path tmp;

	private ExperimentSetup setup(String clauses) throws Exception {
		Path file = tmp.resolve("e.volr");
		Files.writeString(file, NETWORK + "experiment e {\n    network n\n    " + clauses + "\n}\n");
		List<Diagnostic> errors = new ArrayList<>();
		ExperimentSetup setup = ExperimentSetup.load(file, null, errors::add);
		assertEquals(List.of(), errors);
		return setup;
	}

	@Test
	void layerNeuronsReadoutAndDiscretisationReachTheSimulator() throws Exception {
		SimulationConfig c = setup("neuron IF\n    simulate { dt 0.5 ms, readout membrane_last, discretisation euler }").simulation(0);
		assertEquals("LIF", c.neuronOf("fc1").model().name());
		assertEquals(1 - 0.5 / 10, c.neuronOf("fc1").leak(), 1e-7, "forward Euler's β at dt 0.5 ms");
		assertEquals("IF", c.neuronOf("fc2").model().name());
		assertEquals(Readout.MEMBRANE_LAST, c.readout());
		assertEquals(DiscretisationKind.EULER, c.discretisation());
		SimulationConfig defaults = setup("seed 1").simulation(0);
		assertEquals(Readout.SPIKES, defaults.readout());
		assertEquals((float) Math.exp(-1 / 10.0), defaults.neuronOf("fc1").leak(), 1e-7);
	}

	@Test
	void parametersPerNeuronFromTheWeightsGroupTheNeuronsOrReplaceTheWrittenValue() throws Exception {
		ExperimentSetup setup = setup("seed 1");
		SimulationConfig c = setup.simulation(0);
		WeightStore w = weights();
		w.put("fc1.tau_m", new int[] { 3 }, new float[] { 2f, 10f, 2f });
		SimulationConfig per = setup.withNeuronParameters(c, w);
		NeuronGroups groups = per.neuronGroups().get("fc1");
		assertEquals(List.of(0, 1, 0), java.util.Arrays.stream(groups.groupOf()).boxed().toList());
		assertEquals((float) Math.exp(-1 / 2.0), groups.specs().get(0).leak(), 1e-7);
		assertEquals((float) Math.exp(-1 / 10.0), groups.specs().get(1).leak(), 1e-7);
		assertNull(WeightsCheck.problem(setup.network, w));
		// one value throughout: the layer's neuron with that value, no groups (the uniform path)
		w.put("fc1.tau_m", new int[] { 3 }, new float[] { 4f, 4f, 4f });
		SimulationConfig uniform = setup.withNeuronParameters(c, w);
		assertEquals(java.util.Map.of(), uniform.neuronGroups());
		assertEquals((float) Math.exp(-1 / 4.0), uniform.neuronOf("fc1").leak(), 1e-7);
		// refused: a parameter that decides how the layer fires, one the model does not have, a wrong length
		WeightStore thresholds = weights();
		thresholds.put("fc1.v_thresh", new int[] { 3 }, new float[] { 1f, 2f, 1f });
		assertTrue(refusal(setup, c, thresholds).contains("v_thresh cannot differ from neuron to neuron"));
		WeightStore ifTau = weights();
		ifTau.put("fc2.tau_m", new int[] { 2 }, new float[] { 1f, 2f });
		assertTrue(refusal(setup, c, ifTau).contains("'fc2.tau_m' is not a parameter of layer 'fc2''s IF neurons"));
		WeightStore short_ = weights();
		short_.put("fc1.tau_m", new int[] { 2 }, new float[] { 1f, 2f });
		assertEquals("layer 'fc1' has 3 neurons, so 'fc1.tau_m' needs one value per neuron (3), the file's has shape [2]",
				WeightsCheck.problem(setup.network, short_));
		assertTrue(refusal(setup, c, short_).contains("'fc1.tau_m' needs one value per neuron, the weights give 2"));
	}

	/** The message with which the per-neuron parameters are refused (this bundle's tests do not import assertThrows). */
	private static String refusal(ExperimentSetup setup, SimulationConfig c, WeightStore w) {
		try {
			setup.withNeuronParameters(c, w);
		} catch (IllegalArgumentException e) {
			return e.getMessage();
		}
		return fail("refused: " + w.names());
	}

	private static WeightStore weights() {
		WeightStore w = new WeightStore();
		w.put("fc1.weight", new int[] { 2, 3 }, new float[6]);
		w.put("fc2.weight", new int[] { 3, 2 }, new float[6]);
		return w;
	}
}
