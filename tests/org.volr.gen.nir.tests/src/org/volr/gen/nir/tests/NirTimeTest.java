package org.volr.gen.nir.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.volr.gen.nir.NirGraph;
import org.volr.gen.nir.NirGraphReader;
import org.volr.gen.nir.NirReader;
import org.volr.gen.nir.NirTime;
import org.volr.model.DiscretisationKind;
import org.volr.model.ResetMode;
import org.volr.net.neuron.Population;
import org.volr.sim.NeuronSpec;

/**
 * The NIR paper's LIF experiment read for dt = 0.1 ms (SEMANTICS.md, "Time in NIR graphs"): a spike, or a current,
 * is a value held over its step, and the node's input gain for the step is folded into the weight. Volr's neuron,
 * stepped with the imported weight, must follow the node's own equation τ·v̇ = −v + r·I: its closed-form solution
 * under exact stepping, its Euler recurrence under Euler.
 */
class NirTimeTest {
	private static final double DT = 1e-4;
	/** The ramp's increase per step: the input current in step k is A·k (held over the step). */
	private static final double A = 2e-4;
	private static final int STEPS = 1000;

	static Path data(String name) {
		return NirTest.data(name);
	}

	/** A LIF layer's membrane after each step and the steps it spiked in. */
	record Trace(double[] v, List<Integer> spikes) {
	}

	/** The imported single-neuron network driven by the ramp, stepped by Volr's neuron at DT. */
	private static Trace volr(String file, DiscretisationKind scheme) throws Exception {
		NirReader.Result r = NirReader.readWithNeuron(data(file), "lif", new NirTime(DT, scheme));
		String label = r.model().weights().names().stream().filter(k -> k.endsWith(".weight")).findFirst().orElseThrow();
		float w = r.model().weights().get(label).data()[0];
		String biasKey = label.replace(".weight", ".bias");
		float b = r.model().weights().contains(biasKey) ? r.model().weights().get(biasKey).data()[0] : 0f;
		// NIR's LIF resets to v_reset (0): Volr's reset to zero
		NeuronSpec spec = NeuronSpec.from(r.neuronModel(), null, DT * 1000, scheme).withReset(ResetMode.ZERO);
		Population p = spec.population(1);
		double[] v = new double[STEPS];
		List<Integer> spikes = new ArrayList<>();
		int[] out = new int[1];
		for (int k = 0; k < STEPS; k++) {
			p.arrivals()[0] = (float) (w * (A * k)) + b;
			if (p.step(new float[1], true, spec.firing(ResetMode.ZERO), out) > 0)
				spikes.add(k);
			v[k] = p.potential()[0];
		}
		return new Trace(v, spikes);
	}

	/** The file's own parameters: the weight node's w and the LIF node's r, τ, threshold. */
	private record Lif(double w, double r, double tau, double threshold) {
		static Lif of(String file) throws Exception {
			NirGraph g = NirGraphReader.read(data(file));
			List<String> weights = new ArrayList<>(g.ofType("Affine"));
			weights.addAll(g.ofType("Linear"));
			NirGraph.Node lif = g.node(g.ofType("LIF").get(0));
			return new Lif(g.node(weights.get(0)).field("weight").floats()[0], lif.field("r").floats()[0], lif.field("tau").floats()[0],
					lif.field("v_threshold").floats()[0]);
		}
	}

	/**
	 * The closed-form solution of τ·v̇ = −v + r·w·I(t) for the ramp held per step (I = A·k during step k), from v = 0
	 * after the last reset in step s: v_n = r·w·A·(1 − P)·Σ_(k=s+1..n) k·P^(n−k), P = e^(−dt/τ), summed in closed
	 * form (the geometric series and its derivative), reset to 0 in the step it reaches the threshold.
	 */
	private static Trace closedForm(Lif n) {
		double p = Math.exp(-DT / n.tau), q = 1 - p;
		double[] v = new double[STEPS];
		List<Integer> spikes = new ArrayList<>();
		int last = -1;
		for (int k = 0; k < STEPS; k++) {
			int m = k - last - 1; // the sum runs over m = 0..M of (k − m)·P^m
			double g0 = (1 - Math.pow(p, m + 1)) / q;
			double g1 = p * (1 - (m + 1) * Math.pow(p, m) + m * Math.pow(p, m + 1)) / (q * q);
			v[k] = n.r * n.w * A * q * (k * g0 - g1);
			if (v[k] >= n.threshold) {
				spikes.add(k);
				v[k] = 0;
				last = k;
			}
		}
		return new Trace(v, spikes);
	}

	/** Forward Euler of the same equation: v ← v + (dt/τ)·(−v + r·w·I), reset to 0 at the threshold. */
	private static Trace euler(Lif n) {
		double[] v = new double[STEPS];
		List<Integer> spikes = new ArrayList<>();
		double u = 0;
		for (int k = 0; k < STEPS; k++) {
			u += DT / n.tau * (-u + n.r * n.w * A * k);
			if (u >= n.threshold) {
				spikes.add(k);
				u = 0;
			}
			v[k] = u;
		}
		return new Trace(v, spikes);
	}

	private static double largestDifference(double[] a, double[] b, int until) {
		double d = 0;
		for (int k = 0; k < until; k++)
			d = Math.max(d, Math.abs(a[k] - b[k]));
		return d;
	}

	@Test
	void norseLifUnderExactSteppingIsTheClosedFormToFloatPrecision() throws Exception {
		Lif n = Lif.of("paper_01_lif_lif_norse.nir");
		assertEquals(new Lif(1, 1, 0.0025f, 0.1f), n, "the paper's LIF: w 1, r 1, tau 2.5 ms, threshold 0.1");
		Trace volr = volr("paper_01_lif_lif_norse.nir", DiscretisationKind.EXACT), exact = closedForm(n);
		assertTrue(exact.spikes.size() > 10, "the ramp drives the neuron over its threshold again and again: " + exact.spikes);
		assertEquals(exact.spikes, volr.spikes);
		// float precision: v is a float sum of a few hundred terms of size ≤ 0.1
		double d = largestDifference(volr.v, exact.v, STEPS);
		System.out.println("NIR paper LIF, exact at 0.1 ms: largest |v_volr − v_closed form| = " + d + ", spikes " + exact.spikes);
		assertTrue(d < 1e-6, "largest difference " + d);
	}

	/**
	 * Under Euler Volr computes the Euler recurrence (to float precision); that is within O(dt) of the closed form:
	 * for a ramp the two settle to lags that differ by half a step of the ramp (r·w·A/2), so before the first spike the
	 * traces differ by less than one step's increase r·w·A, and the first spikes are at most one step apart.
	 */
	@Test
	void norseLifUnderEulerIsTheEulerRecurrenceWithinOneStepOfTheClosedForm() throws Exception {
		Lif n = Lif.of("paper_01_lif_lif_norse.nir");
		Trace volr = volr("paper_01_lif_lif_norse.nir", DiscretisationKind.EULER), euler = euler(n), exact = closedForm(n);
		assertEquals(euler.spikes, volr.spikes);
		double d = largestDifference(volr.v, euler.v, STEPS);
		assertTrue(d < 1e-6, "largest difference to the Euler recurrence " + d);
		int first = Math.min(euler.spikes.get(0), exact.spikes.get(0));
		double lag = largestDifference(euler.v, exact.v, first);
		System.out.println("NIR paper LIF, Euler at 0.1 ms: largest |v_volr − v_euler| = " + d + "; before the first spike |v_euler − v_closed form| ≤ "
				+ lag + " (bound r·w·A = " + n.r * n.w * A + "); first spikes " + euler.spikes.get(0) + " (Euler), " + exact.spikes.get(0)
				+ " (closed form); " + euler.spikes.size() + " and " + exact.spikes.size() + " spikes");
		assertTrue(lag < n.r * n.w * A, "Euler's lag behind the closed form " + lag);
		assertTrue(Math.abs(euler.spikes.get(0) - exact.spikes.get(0)) <= 1, euler.spikes + " vs " + exact.spikes);
	}

	/**
	 * Rockpool's export of the same experiment writes w = 0.04 and r = (τ/dt)·e^(−dt/τ) = 24.02: r·w is e^(−dt/τ) times
	 * Norse's (w = 1, r = 1), so read by one rule (any gain proportional to r) its membrane is Norse's times e^(−dt/τ)
	 * = 0.96 until the first spike, and it spikes later. Volr reads both files by the same rule; the factor is the files'.
	 */
	@Test
	void rockpoolsExportIsNorsesTraceTimesTheFactorItsParametersCarry() throws Exception {
		Lif norse = Lif.of("paper_01_lif_lif_norse.nir"), rockpool = Lif.of("paper_01_lif_lif_rockpool.nir");
		assertEquals(norse.tau, rockpool.tau);
		assertEquals(norse.threshold, rockpool.threshold);
		double factor = rockpool.r * rockpool.w / (norse.r * norse.w);
		assertEquals(Math.exp(-DT / norse.tau), factor, 1e-6, "Rockpool's r·w over Norse's");
		for (DiscretisationKind scheme : DiscretisationKind.VALUES) {
			Trace n = volr("paper_01_lif_lif_norse.nir", scheme), r = volr("paper_01_lif_lif_rockpool.nir", scheme);
			int first = n.spikes.get(0);
			for (int k = 0; k < first; k++)
				assertEquals(factor * n.v[k], r.v[k], 1e-6, scheme + " step " + k);
			System.out.println("NIR paper LIF, " + scheme + ": Rockpool's membrane = Norse's × " + factor + " before the first spike; spikes "
					+ r.spikes.size() + " (Rockpool, first " + r.spikes.get(0) + ") vs " + n.spikes.size() + " (Norse, first " + first + ")");
			assertTrue(r.spikes.get(0) >= first, "the weaker input spikes later");
		}
	}

	/**
	 * The paper's debug file: input → linear1 (w 1) → lif1 (tau 10 ms, v_leak 1.2, threshold 1) → linear2 (w 1) → lif2
	 * (tau 10 ms, v_leak 0, threshold 20). Without input lif1 charges towards v_leak: under Euler at 0.1 ms
	 * (h = dt/tau = 0.01) v1 after step t is 1.2·(1 − 0.99^(t+1)) from a reset, which reaches 1 when 0.99^(t+1) ≤ 1/6,
	 * t + 1 = ⌈ln 6 / −ln 0.99⌉ = 179: lif1 spikes in step 178 and every 179 steps after. Each spike is the value 1
	 * during its step, so lif2 gets h·r·w = 0.01 of it (its input gain r·dt/tau, folded into linear2's weight) and
	 * decays by 0.99 per step: v2 = Σ 0.01·0.99^(t − s) over lif1's spike steps s ≤ t.
	 */
	@Test
	void theDebugFilesTwoLifNeuronsFollowTheHandComputedTrace() throws Exception {
		String file = "paper_01_lif_debug_spike_representation_two_lif_neurons.nir";
		NirGraph g = NirGraphReader.read(data(file));
		NirGraph.Node lif1 = g.node("lif1"), lif2 = g.node("lif2");
		assertEquals(0.01f, lif1.field("tau").floats()[0]);
		assertEquals(1.2f, lif1.field("v_leak").floats()[0]);
		assertEquals(1f, lif1.field("v_threshold").floats()[0]);
		assertEquals(1f, lif1.field("r").floats()[0]);
		assertEquals(0.01f, lif2.field("tau").floats()[0]);
		assertEquals(0f, lif2.field("v_leak").floats()[0]);
		assertEquals(20f, lif2.field("v_threshold").floats()[0]);
		assertEquals(1f, lif2.field("r").floats()[0]);
		assertEquals(1f, g.node("linear2").field("weight").floats()[0]);

		NirReader.Result r = NirReader.readWithNeuron(data(file), "debug");
		var layers = ((org.volr.model.Block) r.model().network().getBody()).getSteps();
		NeuronSpec s1 = NeuronSpec.from(r.neuronModel(), null, 0.1, DiscretisationKind.EULER).withReset(ResetMode.ZERO);
		NeuronSpec s2 = NeuronSpec.from(((org.volr.model.Layer) layers.get(1)).getNeuron(), null, 0.1, DiscretisationKind.EULER)
				.withReset(ResetMode.ZERO);
		float w2 = r.model().weights().get("linear2.weight").data()[0];
		assertEquals(0.01f, w2, 1e-6f, "linear2's weight 1 times lif2's input gain r·dt/tau = 0.01");
		Population p1 = s1.population(1), p2 = s2.population(1);
		int[] out = new int[1];
		List<Integer> spikes = new ArrayList<>();
		int last = -1;
		for (int t = 0; t < 800; t++) {
			// the input is 0: linear1 brings nothing, lif1 charges towards its v_leak
			boolean fired = p1.step(new float[1], true, s1.firing(ResetMode.ZERO), out) > 0;
			if (fired)
				p2.arrivals()[0] += w2;
			assertEquals(0, p2.step(new float[1], true, s2.firing(ResetMode.ZERO), out), "lif2 stays far below 20");
			double v1 = fired ? 0 : 1.2 * (1 - Math.pow(0.99, t - last));
			if (fired) {
				spikes.add(t);
				last = t;
			}
			assertEquals(v1, p1.potential()[0], 1e-5, "lif1 at step " + t);
			double v2 = 0;
			for (int s : spikes)
				v2 += 0.01 * Math.pow(0.99, t - s);
			assertEquals(v2, p2.potential()[0], 1e-7, "lif2 at step " + t);
		}
		assertEquals(List.of(178, 357, 536, 715), spikes, "lif1 spikes every 179 steps");
	}

	/**
	 * What Volr writes reads back as the same network: the NIR target writes each leaky node's r for the run's step
	 * (LIF and LI 1/(dt/τ) under Euler, 1/(1 − e^(−dt/τ)) exactly), so read at that step every gain is 1 and the weights
	 * are the written ones, bit for bit.
	 */
	@Test
	void aGraphVolrWritesReadsBackAtItsStepWithTheSameWeights(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
		org.volr.model.Network net = (org.volr.model.Network) org.volr.lang.api.VolrLanguage.create().parse("network mlp { input [4]"
				+ "  h1: dense 3 relu  out: dense 2 linear neuron LI { tau_m 5 ms, v_rest 0.1 } }").getElements().get(0);
		var weights = CubaLifNirTest.mlpWeights();
		for (DiscretisationKind scheme : DiscretisationKind.VALUES) {
			double dtMillis = scheme == DiscretisationKind.EULER ? 0.1 : 1.0;
			org.volr.model.NeuronModel lif = org.volr.model.VolrFactory.eINSTANCE.createNeuronModel();
			lif.setKind("LIF");
			org.volr.model.Parameter tau = org.volr.model.VolrFactory.eINSTANCE.createParameter();
			tau.setName("tau_m");
			org.volr.model.Quantity q = org.volr.model.VolrFactory.eINSTANCE.createQuantity();
			q.setValue(20);
			q.setUnit("ms");
			tau.setValue(q);
			lif.getParams().add(tau);
			NeuronSpec spec = NeuronSpec.from(lif, null, dtMillis, scheme).withReset(ResetMode.ZERO);
			var config = org.volr.sim.SimulationConfig.constant(10).withNeuron(spec).withDiscretisation(scheme)
					.withReadout(org.volr.model.Readout.MEMBRANE_MAX);
			var input = new org.volr.gen.GenerationInput("mlp.volr", "run", net, weights, org.volr.pipeline.GenerationSettings.of(config, dtMillis),
					java.util.Map.of(), null);
			Path file = new org.volr.gen.nir.NirTarget().generate(input, dir.resolve(scheme.getLiteral())).files().get(0);
			NirReader.Result r = NirReader.readWithNeuron(file, "mlp", NirTime.ofMillis(dtMillis, scheme));
			for (String k : weights.names())
				assertEquals(weights.get(k), r.model().weights().get(k), scheme + " " + k);
			assertEquals(org.volr.gen.nir.NirNeuron.lif(0.02f, 1f, 0f), r.neuron(), scheme.getLiteral());
			assertTrue(r.model().notes().stream().noneMatch(n -> n.contains("its input gain")), scheme + ": " + r.model().notes());
			// read at the other step, the gains are that step's: not the same weights
			NirReader.Result other = NirReader.readWithNeuron(file, "mlp", NirTime.ofMillis(dtMillis / 2, scheme));
			assertTrue(other.model().notes().stream().anyMatch(n -> n.contains("its input gain")), scheme + ": " + other.model().notes());
		}
	}
}
