package org.volr.net.neuron;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The leaky integrate-and-fire neuron with an adaptive threshold (SEMANTICS.md, "Adaptive LIF"): each spike raises
 * the neuron's own threshold by β, and the rise decays back with τ_adapt, so a neuron driven hard fires ever more
 * slowly (spike-frequency adaptation, as in the LSNN's ALIF neurons). Its membrane is the LIF neuron's. With β = 0 it
 * is the LIF neuron. No target has an adaptive neuron Volr could write it as, so every target refuses it by name
 * (the interface's defaults); Volr's simulator runs it.
 */
final class AdaptiveLifNeuron implements NeuronModel {
	/** The per-step constants only this model reads (see {@link Discretisation#modelConstants()}). */
	private static final String DECAY = "adaptation_decay", BETA = "beta";

	@Override
	public String name() {
		return "AdaptiveLIF";
	}

	@Override
	public Map<String, ParameterSpec> parameters() {
		Map<String, ParameterSpec> m = new LinkedHashMap<>(Common.leaky());
		m.put("tau_adapt", ParameterSpec.time(100.0, "time constant with which the threshold's rise decays"));
		m.put(BETA, ParameterSpec.voltage(0.2, "rise of the threshold per spike"));
		return m;
	}

	@Override
	public List<ParameterProblem> problems(Map<String, Double> v) {
		List<ParameterProblem> out = new ArrayList<>();
		if (!(v.get("tau_adapt") > 0))
			out.add(new ParameterProblem("tau_adapt", "tau_adapt must be positive, got " + v.get("tau_adapt") + " ms"));
		if (!(v.get(BETA) >= 0) || Double.isInfinite(v.get(BETA)))
			out.add(new ParameterProblem(BETA, "beta must be zero or positive and finite (a threshold that falls with each spike would"
					+ " let a neuron fire without end), got " + v.get(BETA)));
		return out;
	}

	@Override
	public Discretisation discretise(Map<String, Double> v, double dtMillis) {
		Discretisation lif = Common.jump(v, dtMillis, (float) Math.exp(-dtMillis / v.get("tau_m")));
		return new Discretisation(lif.threshold(), lif.resetPotential(), lif.refractorySteps(), lif.minPotential(), lif.leak(),
				lif.restPotential(), lif.synapseDecay(), lif.synapseGain(), lif.currentGain(), null,
				Map.of(DECAY, (float) Math.exp(-dtMillis / v.get("tau_adapt")), BETA, v.get(BETA).floatValue()));
	}

	@Override
	public Population population(Discretisation d, int size) {
		return new Adapting(d, size);
	}

	/** LIF membranes, and per neuron the decaying count a of its past spikes: its threshold is θ + β·a. */
	static final class Adapting extends Population {
		private final float leak, rest, decay, beta;
		private final float[] adaptation;

		Adapting(Discretisation d, int size) {
			super(size, d.refractorySteps());
			leak = d.leak();
			rest = d.restPotential();
			decay = d.modelConstant(DECAY);
			beta = d.modelConstant(BETA);
			adaptation = new float[size];
		}

		@Override
		public int step(float[] constant, boolean spikesCame, Firing firing, int[] spikes) {
			float[] v = potential, a = adaptation;
			int[] refr = refractory;
			float theta = firing.threshold();
			int n = 0;
			for (int j = 0; j < v.length; j++) {
				float in = takeInput(constant, spikesCame, j);
				a[j] *= decay;
				if (refr != null && refr[j] > 0) {
					refr[j]--;
					continue;
				}
				float vj = rest + (v[j] - rest) * leak + in;
				int before = n;
				n = firing.fire(v, j, vj, theta + beta * a[j], refr, spikes, n);
				if (n > before)
					a[j] += 1f;
			}
			return n;
		}

		/** Each neuron's decaying count of its past spikes (its threshold is θ + β times it). */
		float[] adaptation() {
			return adaptation;
		}

		@Override
		public void reset() {
			super.reset();
			Arrays.fill(adaptation, 0f);
		}
	}
}
