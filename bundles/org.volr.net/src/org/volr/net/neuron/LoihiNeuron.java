package org.volr.net.neuron;

import java.util.List;

/**
 * A neuron as Loihi's current-based (CUBA) neuron, whose current and voltage decay by iDecay/4096 and vDecay/4096
 * per step: iDecay 4096 (Volr's delta synapses are a current gone after one step), vDecay = rint(4096·(1 − leak))
 * capped at 4095 (the width of Loihi's dv register), refDelay = refractory steps + 1 (Loihi counts the step of the
 * spike itself). {@code differences}: how Loihi runs this neuron differently from Volr.
 */
public record LoihiNeuron(long iDecay, long vDecay, long refDelay, List<String> differences) {
	public static final long DECAY_UNITY = 4096;

	public LoihiNeuron {
		differences = List.copyOf(differences);
	}
}
