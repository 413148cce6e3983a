package org.volr.gen.lava;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.volr.gen.GenerationInput;
import org.volr.gen.RunSettings;
import org.volr.gen.TargetNeuron;
import org.volr.net.neuron.LoihiNeuron;
import org.volr.net.neuron.NeuronModel;

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
		LoihiNeuron n = TargetNeuron.require(input.run(), NeuronModel::lava);
		long vDecay = n.vDecay();
		notes.add(String.format(Locale.ROOT, "neurons: Loihi CUBA, iDecay 4096 (Volr's delta synapses), vDecay %d (leak %.6f per step,"
				+ " Volr's %.6f), refDelay %d", vDecay, 1 - vDecay / 4096.0, input.run().neuron().discretised().leak(), n.refDelay()));
		notes.addAll(n.differences());
		notes.add(vDecay == 0
				? "vThMant is the scaled threshold minus 1: lava's neurons spike when the potential exceeds vThMant, Volr's"
						+ " when it reaches the threshold, and without a leak Loihi's potential is a whole number of weight units"
				: "lava's neurons spike when the potential exceeds vThMant, Volr's when it reaches the threshold: a potential"
						+ " landing exactly on the threshold spikes a step later (or not) on Lava");
		if (input.run().delay() != 1)
			notes.add("each Lava layer passes its spikes on one step later (Dense and Conv send the previous step's input);"
					+ " simulate with delay 1 for Volr's results to predict Lava's (this experiment uses delay "
					+ input.run().delay() + ")");
		notes.add(input.run().input() == RunSettings.Input.CONSTANT
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
