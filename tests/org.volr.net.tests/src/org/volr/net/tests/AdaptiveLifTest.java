package org.volr.net.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.volr.model.ResetMode;
import org.volr.net.neuron.Discretisation;
import org.volr.net.neuron.Firing;
import org.volr.net.neuron.NeuronModel;
import org.volr.net.neuron.NeuronModels;
import org.volr.net.neuron.ParameterProblem;
import org.volr.net.neuron.Population;

/**
 * The adaptive LIF neuron (SEMANTICS.md, "Adaptive LIF"), added as one class and its registration: each spike raises
 * the neuron's threshold by β, the rise decays with τ_adapt; with β = 0 it is the LIF neuron.
 */
class AdaptiveLifTest {
	private static final NeuronModel ALIF = NeuronModels.of("AdaptiveLIF"), LIF = NeuronModels.of("LIF");

	private static Discretisation discretise(NeuronModel model, Map<String, Double> written) {
		return model.discretise(NeuronModels.values(model, written), 1.0);
	}

	/** The steps at which one neuron given {@code drive} every step fires, reset by subtraction. */
	private static List<Integer> spikeSteps(NeuronModel model, Map<String, Double> written, float drive, int steps) {
		Discretisation d = discretise(model, written);
		Population p = model.population(d, 1);
		Firing firing = Firing.of(d, ResetMode.SUBTRACT);
		List<Integer> fired = new ArrayList<>();
		int[] spikes = new int[1];
		for (int t = 0; t < steps; t++)
			if (p.step(new float[] { drive }, false, firing, spikes) == 1)
				fired.add(t);
		return fired;
	}

	@Test
	void eachSpikeRaisesTheThresholdWhichDecaysBack() {
		// no leak (τ_m far beyond the run), ρ = exp(−1/τ_adapt) = 1/2, β = 1/2, drive 0.6 per step; by hand:
		// t1: v 1.2 ≥ 1 fires → 0.2, a = 1;  t2: a 0.5, θ 1.25, v 0.8;  t3: a 0.25, θ 1.125, v 1.4 fires → 0.275, a = 1.25;
		// t4: θ 1.3125, v 0.875;  t5: θ 1.15625, v 1.475 fires;  ... every other step, where LIF fires at 1, 3, 4, 6, 8, 9
		Map<String, Double> slowMembrane = Map.of("tau_m", 1e12);
		Map<String, Double> adapting = new HashMap<>(slowMembrane);
		adapting.put("tau_adapt", 1 / Math.log(2));
		adapting.put("beta", 0.5);
		assertEquals(List.of(1, 3, 5, 7, 9), spikeSteps(ALIF, adapting, 0.6f, 10));
		assertEquals(List.of(1, 3, 4, 6, 8, 9), spikeSteps(LIF, slowMembrane, 0.6f, 10));
	}

	@Test
	void aNeuronDrivenHardFiresEverMoreSlowlyUntilTheRiseAndItsDecayBalance() {
		List<Integer> steps = spikeSteps(ALIF, Map.of("tau_m", 20.0, "tau_adapt", 200.0, "beta", 0.3), 0.4f, 400);
		List<Integer> intervals = new ArrayList<>();
		for (int i = 1; i < steps.size(); i++)
			intervals.add(steps.get(i) - steps.get(i - 1));
		assertTrue(intervals.size() > 10, "fires repeatedly: " + steps);
		assertTrue(intervals.get(intervals.size() - 1) > 2 * intervals.get(0), "the last interval is more than twice the first: " + intervals);
		for (int i = 1; i < intervals.size(); i++)
			assertTrue(intervals.get(i) >= intervals.get(i - 1) - 1, "intervals never shorten by more than a step's rounding: " + intervals);
	}

	@Test
	void withoutARiseItIsTheLifNeuronToTheBit() {
		Random random = new Random(7);
		int size = 64;
		Map<String, Double> written = Map.of("tau_m", 15.0, "v_rest", -0.1, "tau_refrac", 2.0, "v_min", -2.0);
		Map<String, Double> noRise = new HashMap<>(written);
		noRise.put("beta", 0.0);
		Discretisation dl = discretise(LIF, written), da = discretise(ALIF, noRise);
		Population lif = LIF.population(dl, size), alif = ALIF.population(da, size);
		for (ResetMode reset : ResetMode.values()) {
			lif.reset();
			alif.reset();
			Firing fl = Firing.of(dl, reset), fa = Firing.of(da, reset);
			int[] sl = new int[size], sa = new int[size];
			for (int t = 0; t < 200; t++) {
				float[] constant = new float[size];
				for (int j = 0; j < size; j++) {
					constant[j] = random.nextFloat() * 0.3f;
					float arrival = (float) random.nextGaussian() * 0.5f;
					lif.arrivals()[j] = arrival;
					alif.arrivals()[j] = arrival;
				}
				int nl = lif.step(constant, true, fl, sl), na = alif.step(constant, true, fa, sa);
				assertEquals(nl, na, reset + " step " + t);
				assertArrayEquals(java.util.Arrays.copyOf(sl, nl), java.util.Arrays.copyOf(sa, na), reset + " step " + t);
				assertArrayEquals(lif.potential(), alif.potential(), reset + " step " + t);
			}
		}
	}

	@Test
	void aResetSampleForgetsItsAdaptation() {
		Discretisation d = discretise(ALIF, Map.of("beta", 1.0, "tau_adapt", 1000.0));
		Population p = ALIF.population(d, 1);
		Firing firing = Firing.of(d, ResetMode.ZERO);
		int[] spikes = new int[1];
		List<Integer> first = new ArrayList<>(), second = new ArrayList<>();
		for (List<Integer> run : List.of(first, second)) {
			p.reset();
			for (int t = 0; t < 100; t++)
				if (p.step(new float[] { 0.5f }, false, firing, spikes) == 1)
					run.add(t);
		}
		assertEquals(first, second);
	}

	@Test
	void refusesATimeConstantOfZeroAndAFallingThreshold() {
		List<ParameterProblem> problems = ALIF.problems(NeuronModels.values(ALIF, Map.of("tau_adapt", 0.0, "beta", -0.1)));
		assertEquals(List.of("tau_adapt", "beta"), problems.stream().map(ParameterProblem::parameter).toList());
		assertTrue(problems.get(0).message().contains("tau_adapt must be positive"), problems.get(0).message());
		assertEquals(List.of(), ALIF.problems(NeuronModels.values(ALIF, Map.of())));
	}
}
