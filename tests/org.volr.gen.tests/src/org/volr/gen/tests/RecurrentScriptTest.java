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

	/** The recurrent network with CubaLIF neurons of its own in the recurrent layer and LIF ones (reset to −0.2) at the output. */
	static final String CUBA_LIF = NETWORK
			.replace("h: dense 12 relu recurrent", "h: dense 12 relu recurrent neuron CubaLIF { tau_m 20 ms, tau_syn_E 2 ms, tau_syn_I 2 ms, tau_refrac 1 ms }")
			.replace("d1: dense 5 relu", "d1: dense 5 relu neuron LIF { tau_m 8 ms, v_reset -0.2, tau_refrac 1 ms }");
	/** The recurrent layer's tau_m per neuron (ms), given by the weights as h.tau_m (SEMANTICS.md, "Per-neuron parameters"). */
	static final float[] TAU_M = { 10, 20, 40, 10, 20, 40, 10, 20, 40, 10, 20, 40 };

	/** The simulation of {@link #CUBA_LIF} (reset zero, delay 2, the experiment's IF neuron refractory for one step), its layers' own neurons as the .volr writes them. */
	static SimulationConfig cubaLifConfig(boolean perNeuronTauM) {
		SimulationConfig c = CrossSimulatorTest.config(ResetMode.ZERO, 2, 1);
		org.volr.net.neuron.NeuronModel cuba = org.volr.net.neuron.NeuronModels.of("CubaLIF");
		Map<String, Double> h = Map.of("tau_m", 20.0, "tau_syn_E", 2.0, "tau_syn_I", 2.0, "tau_refrac", 1.0);
		org.volr.sim.NeuronSpec lif = org.volr.sim.NeuronSpec.of(org.volr.net.neuron.NeuronModels.of("LIF"),
				Map.of("tau_m", 8.0, "v_reset", -0.2, "tau_refrac", 1.0), ResetMode.ZERO, 1.0);
		if (!perNeuronTauM)
			return c.withLayerNeurons(Map.of("h", org.volr.sim.NeuronSpec.of(cuba, h, ResetMode.ZERO, 1.0), "d1", lif));
		int[] group = new int[TAU_M.length];
		List<org.volr.sim.NeuronSpec> specs = new java.util.ArrayList<>();
		for (int j = 0; j < TAU_M.length; j++) {
			group[j] = j % 3; // 10, 20, 40 ms in turn
			if (j < 3) {
				Map<String, Double> own = new java.util.HashMap<>(h);
				own.put("tau_m", (double) TAU_M[j]);
				specs.add(org.volr.sim.NeuronSpec.of(cuba, own, ResetMode.ZERO, 1.0));
			}
		}
		return c.withLayerNeurons(Map.of("d1", lif)).withNeuronGroups(Map.of("h", new org.volr.sim.NeuronGroups(group, specs)));
	}

	/**
	 * PyNN with each population's own cell: the recurrent layer's CubaLIF neurons (IF_curr_exp with tau_syn 2 steps, its
	 * tau_m per neuron as an array) projected onto themselves, an output of LIF neurons that reset to −0.2, the
	 * experiment's IF neuron nowhere. The script scales each population's weights and currents so that the backend's step
	 * brings the membrane what Volr's does (SEMANTICS.md, "PyNN's cells"): on Brian2 (exact integration) and on NEURON
	 * (implicit step, the synaptic current seen at the step's start, tau_m chosen for Volr's leak) every class and every
	 * output count is Volr's. The tolerance is none: the scripts' steps are Volr's recurrences up to double rounding
	 * (far below the 3e-8 by which v_thresh sits under the threshold).
	 */
	@Test
	void pynnScriptGivesEachPopulationItsOwnNeuronInARecurrentNetwork() throws Exception {
		Network n = CrossSimulatorTest.network(CUBA_LIF);
		WeightStore w = weights(1f);
		w.put("h.tau_m", new int[] { 12 }, TAU_M);
		SampleSet s = CrossSimulatorTest.samples();
		SimulationConfig c = cubaLifConfig(true);
		SimulationResult volr = CrossSimulatorTest.volr(n, w, s, c);
		SimulationResult uniform = CrossSimulatorTest.volr(n, w, s, cubaLifConfig(false));
		SimulationResult allIf = CrossSimulatorTest.volr(n, w, s, CrossSimulatorTest.config(ResetMode.ZERO, 2, 1));
		int active = 0;
		boolean perNeuronMatters = false, ownNeuronsMatter = false;
		for (int k = 0; k < CrossSimulatorTest.SAMPLES; k++)
			for (int o = 0; o < 5; o++) {
				active += volr.outputSpikes(k, o);
				perNeuronMatters |= volr.outputSpikes(k, o) != uniform.outputSpikes(k, o);
				ownNeuronsMatter |= volr.outputSpikes(k, o) != allIf.outputSpikes(k, o);
			}
		assertTrue(active > 100, "the output fires: " + active + " spikes");
		assertTrue(perNeuronMatters, "tau_m per neuron changes the output spikes");
		assertTrue(ownNeuronsMatter, "the layers' own neurons change the output spikes");
		TargetGenerator pynn = TargetRegistry.find("pynn").orElseThrow();
		GenerationInput in = input(n, w, s, c, Map.of("backend", "neuron"));
		assertEquals(List.of(), pynn.validate(in));
		GeneratedFiles files = pynn.generate(in, tmp.resolve("pynn-cuba-lif"));
		String script = Files.readString(files.files().get(0));
		assertTrue(script.contains("# h: CubaLIF") && script.contains("# d1: LIF") && script.contains("v_reset=-0.200000003"), "each layer's cell");
		int[][] onBrian2 = CrossSimulatorTest.runScript(files.files().get(0), tmp.resolve("pynn-cuba-lif-brian2.csv"), "--backend", "brian2");
		int[] a = CrossSimulatorTest.compare("recurrent CubaLIF (tau_m per neuron) -> LIF, PyNN on brian2", volr, onBrian2);
		assertEquals(CrossSimulatorTest.SAMPLES, a[0], "same class in every sample on Brian2");
		assertEquals(0, a[2], "every output count equal on Brian2");
		int[][] onNeuron = CrossSimulatorTest.runScript(files.files().get(0), tmp.resolve("pynn-cuba-lif-neuron.csv"), "--backend", "neuron");
		int[] b = CrossSimulatorTest.compare("recurrent CubaLIF (tau_m per neuron) -> LIF, PyNN on neuron", volr, onNeuron);
		assertEquals(CrossSimulatorTest.SAMPLES, b[0], "same class in every sample on NEURON");
		assertEquals(0, b[2], "every output count equal on NEURON");
	}

	/**
	 * A leaky-integrator output read by its membrane: PyNN writes it as IF_curr_exp whose threshold no membrane reaches
	 * and reads the class off its recorded v (the last step's, or the highest over the steps), as Volr does.
	 */
	@Test
	void pynnScriptReadsAnLiOutputByItsMembrane() throws Exception {
		Network n = CrossSimulatorTest.network(NETWORK.replace("h: dense 12 relu recurrent", "h: dense 12 relu recurrent neuron LIF { tau_m 8 ms, tau_refrac 1 ms }")
				.replace("d1: dense 5 relu", "d1: dense 5 neuron LI { tau_m 10 ms }"));
		WeightStore w = weights(1f);
		SampleSet s = CrossSimulatorTest.samples();
		org.volr.sim.NeuronSpec lif = org.volr.sim.NeuronSpec.of(org.volr.net.neuron.NeuronModels.of("LIF"), Map.of("tau_m", 8.0, "tau_refrac", 1.0),
				ResetMode.ZERO, 1.0);
		org.volr.sim.NeuronSpec li = org.volr.sim.NeuronSpec.of(org.volr.net.neuron.NeuronModels.of("LI"), Map.of("tau_m", 10.0), ResetMode.ZERO, 1.0);
		TargetGenerator pynn = TargetRegistry.find("pynn").orElseThrow();
		for (org.volr.model.Readout readout : List.of(org.volr.model.Readout.MEMBRANE_LAST, org.volr.model.Readout.MEMBRANE_MAX)) {
			SimulationConfig c = CrossSimulatorTest.config(ResetMode.ZERO, 2, 1).withLayerNeurons(Map.of("h", lif, "d1", li)).withReadout(readout);
			SimulationResult volr = CrossSimulatorTest.volr(n, w, s, c);
			GenerationInput in = input(n, w, s, c, Map.of("backend", "neuron"));
			assertEquals(List.of(), pynn.validate(in));
			GeneratedFiles files = pynn.generate(in, tmp.resolve("pynn-li-" + readout.getLiteral()));
			for (String backend : List.of("brian2", "neuron")) {
				int[][] script = CrossSimulatorTest.runScript(files.files().get(0), tmp.resolve("pynn-li-" + readout.getLiteral() + "-" + backend + ".csv"),
						"--backend", backend);
				int[] a = CrossSimulatorTest.compare("LI output, " + readout.getLiteral() + ", PyNN on " + backend, volr, script);
				assertEquals(CrossSimulatorTest.SAMPLES, a[0], "same class in every sample, " + readout.getLiteral() + " on " + backend);
			}
		}
	}
}
