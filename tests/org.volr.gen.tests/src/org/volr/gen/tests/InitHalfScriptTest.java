package org.volr.gen.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.volr.core.weights.WeightStore;
import org.volr.gen.GeneratedFiles;
import org.volr.gen.GenerationInput;
import org.volr.gen.SampleSet;
import org.volr.gen.TargetGenerator;
import org.volr.gen.TargetRegistry;
import org.volr.model.InitialPotential;
import org.volr.model.Network;
import org.volr.model.ResetMode;
import org.volr.net.neuron.NeuronModels;
import org.volr.pipeline.GenerationSettings;
import org.volr.sim.Encoding;
import org.volr.sim.NeuronSpec;
import org.volr.sim.SimulationConfig;
import org.volr.sim.SimulationResult;

/**
 * {@code convert { init half }} in the generated scripts (SEMANTICS.md, "Initial potential"): every population's
 * membranes start each sample at half its threshold, as Volr's do, at few steps where that matters most. The
 * cross-simulator network of {@link CrossSimulatorTest} runs 8 steps; the Brian2 script (reset by subtraction, no
 * delay) and the PyNN script on Brian2 and NEURON (reset zero, one refractory step, PyNN's delay: Volr's delay 2) give
 * every sample's class and every output count as Volr's.
 */
class InitHalfScriptTest {
	static final int STEPS = 8;
	final Path tmp = Path.of(System.getProperty("volr.gen.out", "target/gen-out")).resolve("init-half");

	static SimulationConfig config(ResetMode reset, int delay, int refractorySteps, InitialPotential init) {
		NeuronSpec neuron = new NeuronSpec(NeuronModels.IF, 1f, reset, 0f, refractorySteps, Float.NEGATIVE_INFINITY, 1f, 0f);
		return new SimulationConfig(STEPS, Encoding.CONSTANT, 0, neuron, 1, 64, 1).withDelay(delay).withInitialPotential(init);
	}

	/** Runs the target's script for {@code half} on each backend ("" for none) and asserts Volr's classes and counts. */
	void agrees(String target, SimulationConfig half, SimulationConfig zero, String... backends) throws Exception {
		Network n = CrossSimulatorTest.network(CrossSimulatorTest.CNN);
		WeightStore w = CrossSimulatorTest.weights();
		SampleSet s = CrossSimulatorTest.samples();
		SimulationResult volr = CrossSimulatorTest.volr(n, w, s, half), fromZero = CrossSimulatorTest.volr(n, w, s, zero);
		int spikes = 0, differ = 0;
		for (int k = 0; k < CrossSimulatorTest.SAMPLES; k++)
			for (int o = 0; o < volr.outputs(); o++) {
				spikes += volr.outputSpikes(k, o);
				differ += volr.outputSpikes(k, o) != fromZero.outputSpikes(k, o) ? 1 : 0;
			}
		assertTrue(spikes > 0, "the output fires within " + STEPS + " steps");
		assertTrue(differ > 10, "membranes from θ/2 change the output counts (" + differ + " of them)");
		TargetGenerator g = TargetRegistry.find(target).orElseThrow();
		GenerationInput in = new GenerationInput("small.volr", "test", n, w, GenerationSettings.of(half, 1.0), Map.of(), s);
		assertEquals(List.of(), g.validate(in));
		GeneratedFiles files = g.generate(in, tmp.resolve(target));
		assertTrue(Files.readString(files.files().get(0)).contains("v_init=0.5"), "the membranes start at θ/2 = 0.5");
		for (String backend : backends) {
			String what = target + (backend.isEmpty() ? "" : " on " + backend) + ", init half, " + STEPS + " steps";
			int[][] script = backend.isEmpty() ? CrossSimulatorTest.runScript(files.files().get(0), tmp.resolve(target + ".csv"))
					: CrossSimulatorTest.runScript(files.files().get(0), tmp.resolve(target + "-" + backend + ".csv"), "--backend", backend);
			int[] a = CrossSimulatorTest.compare(what, volr, script);
			assertEquals(CrossSimulatorTest.SAMPLES, a[0], what + ": same class in every sample");
			assertEquals(0, a[2], what + ": every output count equal");
		}
	}

	@Test
	void brian2ScriptStartsTheMembranesAtHalfTheThreshold() throws Exception {
		agrees("brian2", config(ResetMode.SUBTRACT, 0, 0, InitialPotential.HALF), config(ResetMode.SUBTRACT, 0, 0, InitialPotential.ZERO), "");
	}

	@Test
	void pynnScriptStartsTheMembranesAtHalfTheThresholdOnBrian2AndNeuron() throws Exception {
		agrees("pynn", config(ResetMode.ZERO, 2, 1, InitialPotential.HALF), config(ResetMode.ZERO, 2, 1, InitialPotential.ZERO), "brian2", "neuron");
	}
}
