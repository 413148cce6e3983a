package org.volr.sim.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.volr.core.data.ArrayDataset;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.net.neuron.NeuronModels;
import org.volr.model.ResetMode;
import org.volr.sim.InisimOptions;
import org.volr.sim.LoweringException;
import org.volr.net.neuron.Population;
import org.volr.sim.NeuronSpec;
import org.volr.sim.SimulationConfig;
import org.volr.sim.SimulationResult;
import org.volr.sim.Simulator;
import org.volr.sim.SpikingNetwork;

/**
 * The SNN Toolbox's INIsim options of SEMANTICS.md (bias relaxation, spikes with payloads, membrane clipping, clamp
 * per layer) against traces worked out by hand in the comments, on chains of one neuron per layer. IF neurons,
 * threshold 1, reset by subtraction unless said otherwise; "t3" is step 3 (from 0).
 */
class InisimOptionsTest {
	private static final ArrayDataset ONE = new ArrayDataset("x", new int[] { 1 }, 1, new float[] { 1f }, new int[] { 0 });

	/** A chain a → b (→ c) of one IF neuron each, with the given weights (and biases, null for none). */
	private static SpikingNetwork chain(float[] weights, float[] biases) throws LoweringException {
		String[] names = { "a", "b", "c" };
		StringBuilder text = new StringBuilder("network chain { input [1] ");
		WeightStore w = new WeightStore();
		for (int l = 0; l < weights.length; l++) {
			text.append(' ').append(names[l]).append(": dense 1 relu");
			w.put(names[l] + ".weight", new int[] { 1, 1 }, new float[] { weights[l] });
			if (biases != null)
				w.put(names[l] + ".bias", new int[] { 1 }, new float[] { biases[l] });
		}
		return SpikingNetwork.lower(SimulatorTest.network(text + " }"), w);
	}

	private static SimulationResult run(SpikingNetwork net, SimulationConfig config) {
		return Simulator.run(net, ONE, config.withRecording(1), Progress.NONE);
	}

	/** The steps at which layer l of sample 0 spiked (its one neuron), from the raster. */
	private static int[] steps(SimulationResult r, int layer) {
		int[] raster = r.spikeRaster();
		return java.util.stream.IntStream.range(0, raster.length / 3).filter(k -> raster[3 * k + 1] == layer).map(k -> raster[3 * k]).toArray();
	}

	// ------------------------------------------------------------------ bias relaxation

	@Test
	void theRelaxationFactorIsTheToolboxFormula() {
		// clip(1 − (1 − 2t/T)·i/50, 0, 1)
		assertEquals(1f, InisimOptions.relaxation(0, 0, 10), "depth 0 is never relaxed");
		assertEquals(0.98f, InisimOptions.relaxation(1, 0, 10), 1e-7f); // 1 − 1·1/50
		assertEquals(0.992f, InisimOptions.relaxation(1, 3, 10), 1e-7f); // 1 − 0.4/50
		assertEquals(1f, InisimOptions.relaxation(1, 5, 10), "from t = T/2 on the full bias");
		assertEquals(0.5f, InisimOptions.relaxation(25, 0, 10), 1e-7f); // 1 − 25/50
		assertEquals(0f, InisimOptions.relaxation(100, 2, 10), "1 − 0.6·2 = −0.2 clips to 0");
	}

	@Test
	void biasRelaxationDampsADeepLayersBiasInTheFirstHalfOfTheRun() throws LoweringException {
		// a: weight 1, input 0 → current 0, silent. b (depth 1): only its bias 0.5, scaled by f(t) = 1 − (1 − t/5)/50 for t < 5:
		// t0 .49 | t1 .49+.492 = .982 | t2 +.494 = 1.476 spike → .476 | t3 +.496 = .972 | t4 +.498 = 1.470 spike → .470
		// | t5 +.5 = .970 | t6 1.470 spike → .47 | t7 .97 | t8 1.47 spike | t9 .97: spikes at 2, 4, 6, 8
		// without relaxation: .5, 1.0 spike, .5, 1.0 spike, ...: spikes at 1, 3, 5, 7, 9
		SpikingNetwork net = chain(new float[] { 1f, 1f }, new float[] { 0f, 0.5f });
		ArrayDataset zero = new ArrayDataset("x", new int[] { 1 }, 1, new float[] { 0f }, new int[] { 0 });
		SimulationConfig ten = SimulationConfig.constant(10).withRecording(1);
		SimulationResult relaxed = Simulator.run(net, zero, ten.withInisim(InisimOptions.NONE.withBiasRelaxation(true)), Progress.NONE);
		assertArrayEquals(new int[] { 2, 4, 6, 8 }, steps(relaxed, 1));
		assertArrayEquals(new int[] { 1, 3, 5, 7, 9 }, steps(Simulator.run(net, zero, ten, Progress.NONE), 1));
	}

	// ------------------------------------------------------------------ payloads

	@Test
	void aSpikeCarriesItsResidualMinusThePayloadSumAndTheMembraneResetsToZero() throws LoweringException {
		// a: .7 per step. t0 .7 | t1 1.4 spike, residual .4, p = .4 − 0 = .4, sum .4, v 0 | t2 .7 | t3 1.4 spike, p = .4 − .4 = 0
		// | ... spikes at 1, 3, 5, 7, 9 with payloads .4, 0, 0, 0, 0
		// b (w .45) receives (1 + p)·.45: t1 .63 | t3 .63 + .45 = 1.08 spike, residual .08, p .08, sum .08, v 0 | t5 .45 | t7 .9
		// | t9 1.35 spike, residual .35, p = .35 − .08 = .27
		// c (w .95): t3 (1 + .08)·.95 = 1.026 spike (plain .95 would not fire) | t9 (1 + .27)·.95 = 1.2065 spike
		SpikingNetwork net = chain(new float[] { 0.7f, 0.45f, 0.95f }, null);
		SimulationConfig ten = SimulationConfig.constant(10);
		SimulationResult r = run(net, ten.withInisim(InisimOptions.NONE.withPayloads(true)));
		assertArrayEquals(new int[] { 1, 3, 5, 7, 9 }, steps(r, 0));
		assertArrayEquals(new int[] { 3, 9 }, steps(r, 1));
		assertArrayEquals(new int[] { 3, 9 }, steps(r, 2));
		// without payloads (reset by subtraction), 9 steps: a .7, 1.4→.4, 1.1→.1, .8, 1.5→.5, 1.2→.2, .9, 1.6→.6, 1.3→.3
		// (t9 would be 1.0 only in exact arithmetic): spikes at 1, 2, 4, 5, 7, 8; b .45 each: .45, .9, 1.35→.35 (t4), .8, 1.25 (t7), .7
		SimulationResult plain = run(net, SimulationConfig.constant(9));
		assertArrayEquals(new int[] { 1, 2, 4, 5, 7, 8 }, steps(plain, 0));
		assertArrayEquals(new int[] { 4, 7 }, steps(plain, 1));
	}

	@Test
	void aDelayCarriesThePayloadsAlong() throws LoweringException {
		// delay 1: a (constant current, no delay) spikes at 1, 3, 5, 7, 9 with payloads .4, 0, ...
		// b gets them one step later: t2 .63 | t4 1.08 spike p .08 | t6 .45 | t8 .9
		// c gets b's spike at t5: (1 + .08)·.95 = 1.026 spike. Without the payload in the ring b would fire at 6 (.45, .9, 1.35)
		SpikingNetwork net = chain(new float[] { 0.7f, 0.45f, 0.95f }, null);
		SimulationResult r = run(net, SimulationConfig.constant(10).withDelay(1).withInisim(InisimOptions.NONE.withPayloads(true)));
		assertArrayEquals(new int[] { 1, 3, 5, 7, 9 }, steps(r, 0));
		assertArrayEquals(new int[] { 4 }, steps(r, 1));
		assertArrayEquals(new int[] { 5 }, steps(r, 2));
	}

	@Test
	void maxPoolingRoutesASpikeWithItsPayload() throws LoweringException {
		// a: 1×1 convolution, weight .7, inputs 1 and .5: a0 .7 per step (spikes at 1, 3, 5, 7, payload .4 then 0),
		// a1 .35 per step (t2 1.05 spike). The window's winner stays a0 (ties keep the earlier winner), so b (w .45) gets
		// a0's spikes with their payloads: t1 .63 | t3 1.08 spike | t5 .45 | t7 .9. Had the pool dropped the payload: .45, .9, 1.35 at t5.
		WeightStore w = new WeightStore();
		w.put("a.weight", new int[] { 1, 1, 1, 1 }, new float[] { 0.7f });
		w.put("b.weight", new int[] { 1, 1 }, new float[] { 0.45f });
		SpikingNetwork net = SpikingNetwork.lower(
				SimulatorTest.network("network pooled { input [1, 1, 2]  a: conv2d(1, kernel: 1) relu  m: maxpool [1, 2]  flatten  b: dense 1 relu }"), w);
		ArrayDataset two = new ArrayDataset("x", new int[] { 1, 1, 2 }, 1, new float[] { 1f, 0.5f }, new int[] { 0 });
		SimulationResult r = Simulator.run(net, two, SimulationConfig.constant(8).withRecording(1).withInisim(InisimOptions.NONE.withPayloads(true)),
				Progress.NONE);
		assertArrayEquals(new int[] { 3 }, steps(r, 2));
	}

	@Test
	void payloadsRefuseResetModulo() {
		NeuronSpec modulo = new NeuronSpec(NeuronModels.IF, 1f, ResetMode.MODULO, 0f, 0, Float.NEGATIVE_INFINITY, 1f, 0f);
		InisimOptions payloads = InisimOptions.NONE.withPayloads(true);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> SimulationConfig.constant(10).withNeuron(modulo).withInisim(payloads));
		assertTrue(e.getMessage().contains("reset modulo"), e.getMessage());
	}

	// ------------------------------------------------------------------ membrane clipping

	@Test
	void theClipComesAfterVMinAndBeforeTheThreshold() {
		int[] out = new int[1];
		// v = 5, clipped to 3, spikes, reset by subtraction: 2 (unclipped it would be 4)
		NeuronSpec plain = NeuronSpec.defaultIF();
		Population p = plain.population(1);
		assertEquals(1, p.step(new float[] { 5f }, false, plain.firing(ResetMode.SUBTRACT).withClip(-3f, 3f), out));
		assertEquals(2f, p.potential()[0]);
		// v_min 0.5 first, then the clip [-3, 0.2]: −5 → 0.5 → 0.2 (the other order would give 0.5)
		NeuronSpec vMin = new NeuronSpec(NeuronModels.IF, 1f, ResetMode.SUBTRACT, 0f, 0, 0.5f, 1f, 0f);
		p = vMin.population(1);
		assertEquals(0, p.step(new float[] { -5f }, false, vMin.firing(ResetMode.SUBTRACT).withClip(-3f, 0.2f), out));
		assertEquals(0.2f, p.potential()[0]);
	}

	@Test
	void aLayersClipAffectsThatLayerOnly() throws LoweringException {
		// a: .25 per step, spikes at 3, 7, 11 (1.0 exactly). b: bias −.5, weight 2.5 from a.
		// unclipped b: −.5, −1, −1.5, (t3) −2 + 2.5 = .5, 0, −.5, −1, (t7) −1.5 + 2.5 = 1.0 spike, −.5, −1, −1.5, (t11) .5: spikes at 7
		// b clipped to [−1, 2]: −.5, −1, −1.5→−1, (t3) −1.5 + 2.5 = 1.0 spike → 0, −.5, −1, −1.5→−1, (t7) 1.0 spike, ..., (t11) spike
		SpikingNetwork net = chain(new float[] { 0.25f, 2.5f }, new float[] { 0f, -0.5f });
		SimulationConfig twelve = SimulationConfig.constant(12);
		SimulationResult clipped = run(net, twelve.withInisim(InisimOptions.NONE.withClip("b", -1f, 2f)));
		assertArrayEquals(new int[] { 3, 7, 11 }, steps(clipped, 1));
		assertArrayEquals(new int[] { 3, 7, 11 }, steps(clipped, 0), "a keeps its trace");
		assertArrayEquals(new int[] { 7 }, steps(run(net, twelve), 1));
		// a clip of layer a only leaves b unclipped
		assertArrayEquals(new int[] { 7 }, steps(run(net, twelve.withInisim(InisimOptions.NONE.withClip("a", -1f, 2f))), 1));
		// a clip for all layers, and b's own clip wins over it: [−10, 10] for all would leave b unclipped
		assertArrayEquals(new int[] { 3, 7, 11 },
				steps(run(net, twelve.withInisim(InisimOptions.NONE.withClip(-10f, 10f).withClip("b", -1f, 2f))), 1));
	}

	// ------------------------------------------------------------------ clamp per layer

	@Test
	void aLayersOwnClampStepReplacesDepthTimesClamp() throws LoweringException {
		// weights 1: each spike makes the next layer spike at once; a fires at every step of 20
		SpikingNetwork net = chain(new float[] { 1f, 1f, 1f }, null);
		SimulationConfig twenty = SimulationConfig.constant(20);
		SimulationResult byLabel = run(net, twenty.withInisim(InisimOptions.NONE.withClamp("b", 5)));
		assertEquals(20, byLabel.neuronSpikes(0, 0)[0]);
		assertEquals(15, byLabel.neuronSpikes(0, 1)[0], "b ignores steps 0..4");
		assertEquals(15, byLabel.outputSpikes(0, 0), "c is not clamped, but b is silent until step 5");
		// clamp 3 gives b 3 and c 6; c's own 10 replaces its 6, b's own 0 its 3
		SimulationResult both = run(net, twenty.withClamp(3).withInisim(InisimOptions.NONE.withClamp("c", 10).withClamp("b", 0)));
		assertEquals(20, both.neuronSpikes(0, 1)[0]);
		assertEquals(10, both.outputSpikes(0, 0));
	}

	@Test
	void anUnknownLayerIsAnErrorNamingIt() throws LoweringException {
		SpikingNetwork net = chain(new float[] { 1f, 1f }, null);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> run(net, SimulationConfig.constant(5).withInisim(InisimOptions.NONE.withClip("fc9", -1f, 1f))));
		assertTrue(e.getMessage().contains("fc9"), e.getMessage());
	}

	// ------------------------------------------------------------------ options off

	@Test
	void optionsThatChangeNothingGiveTheSameSpikesAsBefore() throws LoweringException {
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network(SimulatorTest.CNN), SimulatorTest.cnnWeights(3));
		float[] x = SimulatorTest.uniform(new Random(9), 4 * 128, 0f, 1f);
		ArrayDataset data = new ArrayDataset("random", new int[] { 2, 8, 8 }, 4, x, new int[4]);
		SimulationConfig base = SimulationConfig.constant(60).withThreads(1).withRecording(4);
		SimulationResult before = Simulator.run(net, data, base, Progress.NONE);
		// a clip no potential reaches and a clamp at step 0 take the general path but must not change a spike
		InisimOptions inert = InisimOptions.NONE.withClip(-1e6f, 1e6f).withClamp("c2", 0);
		for (SimulationConfig c : new SimulationConfig[] { base.withInisim(InisimOptions.NONE), base.withInisim(inert) }) {
			SimulationResult after = Simulator.run(net, data, c, Progress.NONE);
			for (int s = 0; s < 4; s++)
				for (int l = 0; l < net.layers().size(); l++)
					assertArrayEquals(before.neuronSpikes(s, l), after.neuronSpikes(s, l), "sample " + s + " layer " + l);
			assertArrayEquals(before.spikeRaster(), after.spikeRaster());
		}
		assertTrue(Arrays.stream(before.neuronSpikes(0, net.layers().size() - 1)).sum() > 0, "the output spikes at all");
	}
}
