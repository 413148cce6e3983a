package org.volr.gen.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.volr.core.weights.WeightStore;
import org.volr.gen.GeneratedFiles;
import org.volr.gen.GenerationInput;
import org.volr.gen.SampleSet;
import org.volr.gen.TargetGenerator;
import org.volr.gen.TargetRegistry;
import org.volr.model.Network;
import org.volr.model.ResetMode;
import org.volr.pipeline.GenerationSettings;
import org.volr.sim.SimulationConfig;
import org.volr.sim.SimulationResult;

/**
 * A recurrent layer in the generated PyNN script: a projection of the population onto itself with PyNN's one-step
 * delay, which is Volr's delay 2 for it as for every projection (SEMANTICS.md, "Recurrent layers"). The script runs
 * on Brian2 and NEURON and is compared with Volr's simulator spike for spike, as is Brian2's own script (synapses of the
 * group onto itself), without and with a delay. Lava's refusal: RecurrentRunTest in cli.tests.
 */
class RecurrentScriptTest {
	static final String NETWORK = """
			network rec {
			    input [1, 8, 8]
			    flatten
			    h: dense 12 relu recurrent
			    d1: dense 5 relu
			}
			""";

	final Path tmp = Path.of(System.getProperty("volr.gen.out", "target/gen-out")).resolve("recurrent");

	static WeightStore weights(float recurrentScale) {
		Random r = new Random(7);
		WeightStore w = new WeightStore();
		w.put("h.weight", new int[] { 64, 12 }, CrossSimulatorTest.uniform(r, 64 * 12, -0.05f, 0.08f));
		w.put("h.bias", new int[] { 12 }, CrossSimulatorTest.uniform(r, 12, 0f, 0.02f));
		float[] rec = CrossSimulatorTest.uniform(r, 12 * 12, -0.5f, 0.4f);
		for (int k = 0; k < rec.length; k++)
			rec[k] *= recurrentScale;
		w.put("h.weight_rec", new int[] { 12, 12 }, rec);
		w.put("d1.weight", new int[] { 12, 5 }, CrossSimulatorTest.uniform(r, 60, -0.35f, 0.5f));
		return w;
	}

	GenerationInput input(Network n, WeightStore w, SampleSet s, SimulationConfig c, Map<String, String> options) {
		return new GenerationInput("rec.volr", "test", n, w, GenerationSettings.of(c, 1.0), options, s);
	}

	@Test
	void pynnScriptReproducesVolrsRecurrentLayerOnBrian2AndNeuron() throws Exception {
		Network n = CrossSimulatorTest.network(NETWORK);
		WeightStore w = weights(1f);
		SampleSet s = CrossSimulatorTest.samples();
		SimulationConfig c = CrossSimulatorTest.config(ResetMode.ZERO, 2, 1); // NEURON: one refractory step, PyNN: delay 2
		SimulationResult volr = CrossSimulatorTest.volr(n, w, s, c);
		SimulationResult withoutRecurrence = CrossSimulatorTest.volr(n, weights(0f), s, c);
		boolean differs = false;
		for (int k = 0; k < CrossSimulatorTest.SAMPLES; k++)
			for (int o = 0; o < 5; o++)
				differs |= volr.outputSpikes(k, o) != withoutRecurrence.outputSpikes(k, o);
		assertTrue(differs, "the recurrent weights change the output spikes");
		TargetGenerator pynn = TargetRegistry.find("pynn").orElseThrow();
		GenerationInput in = input(n, w, s, c, Map.of("backend", "neuron"));
		assertEquals(List.of(), pynn.validate(in));
		GeneratedFiles files = pynn.generate(in, tmp.resolve("pynn"));
		assertTrue(Files.readString(files.files().get(0)).contains("populations[index], populations[index]"), "the projection onto itself");
		for (String backend : List.of("brian2", "neuron")) {
			int[][] script = CrossSimulatorTest.runScript(files.files().get(0), tmp.resolve("pynn-" + backend + ".csv"), "--backend", backend);
			int[] a = CrossSimulatorTest.compare("recurrent dense, PyNN on " + backend, volr, script);
			assertEquals(CrossSimulatorTest.SAMPLES, a[0], "same class in every sample on " + backend);
			assertEquals(0, a[2], "every output count equal on " + backend);
		}
	}

	/** Brian2's script follows Volr's steps exactly: without a delay the own spikes arrive one step later, with delay 2 two. */
	@Test
	void brian2ScriptReproducesVolrsRecurrentLayerWithAndWithoutDelay() throws Exception {
		Network n = CrossSimulatorTest.network(NETWORK);
		WeightStore w = weights(1f);
		SampleSet s = CrossSimulatorTest.samples();
		TargetGenerator brian2 = TargetRegistry.find("brian2").orElseThrow();
		for (int delay : new int[] { 0, 2 }) {
			SimulationConfig c = CrossSimulatorTest.config(ResetMode.SUBTRACT, delay);
			SimulationResult volr = CrossSimulatorTest.volr(n, w, s, c);
			GenerationInput in = input(n, w, s, c, Map.of());
			assertEquals(List.of(), brian2.validate(in));
			GeneratedFiles files = brian2.generate(in, tmp.resolve("brian2-delay" + delay));
			int[][] script = CrossSimulatorTest.runScript(files.files().get(0), tmp.resolve("brian2-delay" + delay + ".csv"));
			int[] a = CrossSimulatorTest.compare("recurrent dense, Brian2 script, delay " + delay, volr, script);
			assertEquals(CrossSimulatorTest.SAMPLES, a[0], "same class in every sample, delay " + delay);
			assertEquals(0, a[2], "every output count equal, delay " + delay);
		}
	}

	/**
	 * A recurrent layer with LIF neurons of its own (SEMANTICS.md, "A neuron per layer") before the experiment's IF
	 * output: Brian2's script gives the layer its own constants and steps it, and its own spikes, as Volr does.
	 */
	@Test
	void brian2ScriptReproducesARecurrentLayerOfItsOwnLifNeurons() throws Exception {
		Network n = CrossSimulatorTest.network(NETWORK.replace("h: dense 12 relu recurrent", "h: dense 12 relu recurrent neuron LIF { tau_m 8 ms }"));
		WeightStore w = weights(1f);
		SampleSet s = CrossSimulatorTest.samples();
		SimulationConfig ifOnly = CrossSimulatorTest.config(ResetMode.SUBTRACT, 0);
		SimulationConfig c = ifOnly.withLayerNeurons(Map.of("h", org.volr.sim.NeuronSpec.of(org.volr.net.neuron.NeuronModels.of("LIF"),
				Map.of("tau_m", 8.0), ResetMode.SUBTRACT, 1.0)));
		SimulationResult volr = CrossSimulatorTest.volr(n, w, s, c);
		SimulationResult allIf = CrossSimulatorTest.volr(n, w, s, ifOnly);
		boolean differs = false;
		for (int k = 0; k < CrossSimulatorTest.SAMPLES; k++)
			for (int o = 0; o < 5; o++)
				differs |= volr.outputSpikes(k, o) != allIf.outputSpikes(k, o);
		assertTrue(differs, "the layer's own LIF neurons change the output spikes");
		TargetGenerator brian2 = TargetRegistry.find("brian2").orElseThrow();
		GenerationInput in = input(n, w, s, c, Map.of());
		assertEquals(List.of(), brian2.validate(in));
		GeneratedFiles files = brian2.generate(in, tmp.resolve("brian2-own-lif"));
		int[][] script = CrossSimulatorTest.runScript(files.files().get(0), tmp.resolve("brian2-own-lif.csv"));
		int[] a = CrossSimulatorTest.compare("recurrent dense of its own LIF neurons, Brian2 script", volr, script);
		assertEquals(CrossSimulatorTest.SAMPLES, a[0], "same class in every sample");
		assertEquals(0, a[2], "every output count equal");
	}
}
