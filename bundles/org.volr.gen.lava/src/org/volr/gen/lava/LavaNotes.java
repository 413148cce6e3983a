package org.volr.gen.lava;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.volr.gen.GenerationInput;
import org.volr.sim.Encoding;
import org.volr.sim.NeuronSpec;

/**
 * What the user should know about a generated netx file: the quantisation of every layer, and each way in which
 * Loihi's neuron (as lava's bit-accurate LIF process runs it) differs from the neuron Volr simulated.
 */
final class LavaNotes {
	private LavaNotes() {
	}

	static List<String> of(GenerationInput input, NetxNetwork network, int bits, Path file) {
		List<String> notes = new ArrayList<>();
		for (NetxBlock b : network.blocks())
			if (b.quantisation() != null)
				notes.add(quantisation(b, bits));
		NeuronSpec n = input.simulation().neuron();
		long vDecay = CubaNeuron.voltageDecay(n);
		notes.add(String.format(Locale.ROOT, "neurons: Loihi CUBA, iDecay 4096 (Volr's delta synapses), vDecay %d (leak %.6f per step,"
				+ " Volr's %.6f), refDelay %d", vDecay, 1 - vDecay / 4096.0, n.leak(), n.refractorySteps() + 1));
		if (n.resetPotential() != 0)
			notes.add("Loihi resets the potential to zero, not to Volr's v_reset " + n.resetPotential());
		if (n.model().leaks() && n.restPotential() != 0)
			notes.add("Loihi's potential decays towards zero, not towards Volr's v_rest " + n.restPotential());
		if (n.refractorySteps() > 0)
			notes.add("refDelay " + (n.refractorySteps() + 1) + " is written, but lava's LIF process, which netx builds, has no"
					+ " refractory period: neurons on Lava can spike in consecutive steps");
		if (n.minPotential() != Float.NEGATIVE_INFINITY)
			notes.add("Volr clamps the potential at v_min " + n.minPotential() + "; Loihi only saturates its 24-bit potential");
		notes.add(vDecay == 0
				? "vThMant is the scaled threshold minus 1: lava's neurons spike when the potential exceeds vThMant, Volr's"
						+ " when it reaches the threshold, and without a leak Loihi's potential is a whole number of weight units"
				: "lava's neurons spike when the potential exceeds vThMant, Volr's when it reaches the threshold: a potential"
						+ " landing exactly on the threshold spikes a step later (or not) on Lava");
		if (input.simulation().delay() != 1)
			notes.add("each Lava layer passes its spikes on one step later (Dense and Conv send the previous step's input);"
					+ " simulate with delay 1 for Volr's results to predict Lava's (this experiment uses delay "
					+ input.simulation().delay() + ")");
		notes.add(input.simulation().encoding() == Encoding.CONSTANT
				? "the first block takes spikes, not Volr's constant input current: drive it with rate-coded spikes of the"
						+ " input (Volr's poisson encoding is the comparable simulation) or graded spikes"
				: "the first block takes the input spikes directly, channels first");
		notes.add("gradedSpike is written as int8 0: jhdf cannot write HDF5 enums (lava-dl writes an int8 enum FALSE/TRUE)"
				+ " and netx does not read it");
		notes.add("load in Lava: from lava.lib.dl import netx; net = netx.hdf5.Network(net_config='" + file.getFileName() + "')");
		return notes;
	}

	private static String quantisation(NetxBlock b, int bits) {
		Quantisation q = b.quantisation();
		return String.format(Locale.ROOT, "layer '%s' (netx %s, %d-bit weights): scale %.6g set by the %s (scaled threshold %d,"
				+ " vThMant %d), largest rounding error %.3f%% of the largest weight, %.2f%% of the weights round to zero", b.layer(),
				b.type(), bits, q.scale(), q.limitedBy(), q.scaledThreshold(), b.neuron().vThMant(), 100 * q.largestError(),
				100 * q.zeroFraction());
	}
}
