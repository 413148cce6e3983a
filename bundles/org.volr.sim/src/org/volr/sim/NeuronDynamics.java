package org.volr.sim;

import org.volr.net.neuron.Firing;
import org.volr.net.neuron.JumpPopulation;

/**
 * The jump update of IF and LIF neurons (SEMANTICS.md) over arrays the caller keeps, for tests elsewhere that compare
 * a target's neurons with the simulator's step by step. The simulator itself steps each model's own population
 * (org.volr.net.neuron.Population); this is the same arithmetic as {@link JumpPopulation}.
 */
public final class NeuronDynamics {
	private NeuronDynamics() {
	}

	/**
	 * Advances every neuron by one step.
	 *
	 * @param v          potentials, updated in place
	 * @param drive      input current of this step per neuron (already including the bias)
	 * @param consume    whether to zero {@code drive} afterwards (it accumulates the next step's spikes)
	 * @param refractory remaining refractory steps per neuron, or null when the neuron has none
	 * @param spikes     receives the indices of the neurons that spiked
	 * @return how many spiked
	 */
	public static int step(NeuronSpec neuron, float[] v, float[] drive, boolean consume, int[] refractory, int[] spikes) {
		Firing firing = neuron.firing(neuron.reset());
		float leak = neuron.leak(), rest = neuron.restPotential();
		boolean leaky = leak != 1f;
		int n = 0;
		for (int j = 0; j < v.length; j++) {
			float in = drive[j];
			if (consume)
				drive[j] = 0f;
			if (refractory != null && refractory[j] > 0) {
				refractory[j]--;
				continue;
			}
			float vj = leaky ? rest + (v[j] - rest) * leak + in : v[j] + in;
			n = firing.fire(v, j, vj, refractory, spikes, n);
		}
		return n;
	}
}
