package org.volr.net;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which layers the quantisation-clip-floor-shift activation (QCFS, {@code train { activation qcfs L }}) replaces the
 * relu of, and what cannot take it: the one place the rule is written (the checker, the trainer and the weights check
 * read it). QCFS replaces the relu of every hidden dense and convolution layer (SEMANTICS.md, "QCFS activation"):
 * those are the layers whose λ becomes the spiking neurons' threshold scale. The output layer keeps its own
 * activation, since the spiking network reads it by its integrated input or its spikes, not through a relu.
 */
public final class QcfsLayers {
	private QcfsLayers() {
	}

	/** The hidden dense and convolution layers with relu, in layer order: the layers that learn a λ. */
	public static List<NetLayer> of(ResolvedNetwork network) {
		Set<Integer> outputs = outputLayers(network);
		return network.weighted().stream().filter(l -> l.activation() == Activation.RELU && !outputs.contains(l.index())).toList();
	}

	/**
	 * Why the network cannot be trained with QCFS, as a sentence naming the layer, or null when it can: a relu applied
	 * by a layer without weights (an activation layer, or a relu written on a pooling layer) would stay unquantised
	 * between the quantised layers, so the spiking network would not compute what was trained; and a network without
	 * a hidden relu layer has nothing to quantise.
	 */
	public static String refusal(ResolvedNetwork network) {
		for (NetLayer layer : network.layers())
			if (!layer.hasWeights() && layer.activation() == Activation.RELU)
				return layer.describe() + " applies a relu of its own, which qcfs would leave unquantised: qcfs replaces the relu of"
						+ " dense and convolution layers, so write relu on the layer with weights before it";
		if (of(network).isEmpty())
			return "network '" + network.name() + "' has no hidden dense or convolution layer with relu for qcfs to replace";
		return null;
	}

	/** The layers with weights whose values are the network's output (through flatten, reshape and activation layers). */
	private static Set<Integer> outputLayers(ResolvedNetwork network) {
		Set<Integer> outputs = new HashSet<>();
		for (Source s : network.outputWithout(SpikingLayers::handsOn))
			if (!s.isInput())
				outputs.add(s.layer());
		return outputs;
	}
}
