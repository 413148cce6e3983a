package org.volr.gen.lava;

import org.volr.net.neuron.LoihiNeuron;

/**
 * The {@code neuron} group of a netx block: Loihi's current-based (CUBA) neuron, whose current u and voltage v
 * decay by iDecay/4096 and vDecay/4096 per step (slayer: current_decay, voltage_decay) and which spikes when v
 * passes vThMant.
 * The decays and refDelay are the neuron model's Lava mapping ({@link LoihiNeuron}); the threshold is the layer's.
 * <ul>
 * <li>iDecay = 4096: Volr's synapses are delta synapses (a spike's weight enters the potential in its step and is
 * gone the next), which is a current that decays fully every step. netx hands Loihi du = iDecay − 1 = 4095,
 * lava's effective decay 4095 + 1.</li>
 * <li>vDecay = rint(4096 · (1 − leak)) with leak = exp(−dt/τ_m): 0 for IF. At most 4095, the width of Loihi's dv
 * register (netx passes vDecay as dv unchanged).</li>
 * <li>refDelay = refractory steps + 1: Loihi counts the step of the spike itself, and slayer writes 1 for a neuron
 * without a refractory period. netx does not read it (lava's LIF has no refractory period).</li>
 * <li>vThMant = V − 1 when vDecay is 0, else V, where V = θ·s is the layer's scaled threshold
 * ({@link Quantisation}). Lava spikes when the potential exceeds vThMant, Volr when it reaches θ. Without a leak
 * the potential is always a whole number of weight units (integer weights, integer bias, no decay to truncate),
 * so exceeding V − 1 is exactly reaching V. With a leak the truncated decay leaves fractions, and V keeps the
 * difference to a potential landing exactly on V, which spikes a step later on Lava.</li>
 * <li>gradedSpike = false: Volr's spikes are binary.</li>
 * </ul>
 */
record CubaNeuron(long iDecay, long vDecay, long vThMant, long refDelay, boolean gradedSpike) {
	static CubaNeuron of(LoihiNeuron neuron, long scaledThreshold) {
		long vDecay = neuron.vDecay();
		return new CubaNeuron(neuron.iDecay(), vDecay, vDecay == 0 ? scaledThreshold - 1 : scaledThreshold, neuron.refDelay(), false);
	}
}
