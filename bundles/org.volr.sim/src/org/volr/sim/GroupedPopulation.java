package org.volr.sim;

import java.util.Arrays;

import org.volr.net.neuron.Firing;
import org.volr.net.neuron.Population;

/**
 * A layer of neurons with parameters per neuron: one population of the model per group of equal values, stepped in
 * turn. The simulator sees one population: this step's arrivals and constant drive are handed to each group's
 * neurons with their potentials (which the simulator may have changed, as payloads do), the potentials copied back
 * and the spikes listed in neuron order, as a population of one discretisation lists them. The copying costs passes
 * over the layer per step, paid only by such layers.
 */
final class GroupedPopulation extends Population {
	private final Population[] parts;
	/** The layer's neuron index of each part's neurons. */
	private final int[][] members;
	private final float[][] partConstant;
	private final int[][] partSpikes;
	private final float[] inhibitory;

	GroupedPopulation(NeuronGroups groups) {
		super(groups.size(), 0);
		int n = groups.specs().size();
		int[] count = new int[n];
		for (int g : groups.groupOf())
			count[g]++;
		parts = new Population[n];
		members = new int[n][];
		partConstant = new float[n][];
		partSpikes = new int[n][];
		for (int g = 0; g < n; g++) {
			parts[g] = groups.specs().get(g).population(count[g]);
			members[g] = new int[count[g]];
			partConstant[g] = new float[count[g]];
			partSpikes[g] = new int[count[g]];
		}
		int[] filled = new int[n];
		for (int j = 0; j < groups.size(); j++) {
			int g = groups.groupOf()[j];
			members[g][filled[g]++] = j;
		}
		inhibitory = parts[0].inhibitoryArrivals() != null ? new float[groups.size()] : null;
	}

	@Override
	public float[] inhibitoryArrivals() {
		return inhibitory;
	}

	@Override
	public int step(float[] constant, boolean spikesCame, Firing firing, int[] spikes) {
		int n = 0;
		for (int g = 0; g < parts.length; g++) {
			Population part = parts[g];
			int[] m = members[g];
			float[] c = partConstant[g], in = part.arrivals(), inhibited = part.inhibitoryArrivals(), v = part.potential();
			for (int k = 0; k < m.length; k++) {
				v[k] = potential[m[k]]; // the simulator may have changed it since (payloads reset it to 0)
				c[k] = constant[m[k]];
				if (spikesCame) {
					in[k] = arrivals[m[k]];
					arrivals[m[k]] = 0f;
					if (inhibited != null) {
						inhibited[k] = inhibitory[m[k]];
						inhibitory[m[k]] = 0f;
					}
				}
			}
			int fired = part.step(c, spikesCame, firing, partSpikes[g]);
			for (int e = 0; e < fired; e++)
				spikes[n++] = m[partSpikes[g][e]];
			for (int k = 0; k < m.length; k++)
				potential[m[k]] = v[k];
		}
		Arrays.sort(spikes, 0, n); // in neuron order, as one population lists them
		return n;
	}

	@Override
	public void reset() {
		super.reset();
		for (Population p : parts)
			p.reset();
		if (inhibitory != null)
			Arrays.fill(inhibitory, 0f);
	}
}
