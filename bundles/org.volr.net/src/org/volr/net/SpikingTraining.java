package org.volr.net;

import java.util.ArrayList;
import java.util.List;

import org.volr.net.neuron.NeuronModel;

/**
 * What spiking training (train { spiking }, SEMANTICS.md "Training spiking networks") can train so far: a chain of
 * dense layers of IF or LIF neurons, flatten and the like in between. One rule, which volr check and the trainer apply
 * with the same messages; everything else is refused by name.
 */
public final class SpikingTraining {
	private SpikingTraining() {
	}

	/** Why the network cannot be trained as a spiking network yet, or null when it can. */
	public static String refusal(ResolvedNetwork network) {
		if (!network.delayed().isEmpty())
			return network.delayedEdgeRefusal("spiking training of recurrent layers is not supported yet");
		List<NetLayer> dense = new ArrayList<>();
		for (NetLayer layer : network.layers()) {
			String kind = switch (layer.kind()) {
			case LayerKind.Dense d -> null;
			case LayerKind.Conv c -> "convolution";
			case LayerKind.Pool p -> "pooling";
			case LayerKind.GlobalPool g -> "global pooling";
			case LayerKind.BatchNorm b -> "batch normalisation";
			case LayerKind.Dropout d -> "dropout";
			default -> SpikingLayers.handsOn(layer) ? null : layer.kind().written();
			};
			if (kind != null)
				return "spiking training of " + kind + " layers is not supported yet (" + layer.describe() + "); it trains chains of dense layers";
			if (layer.kind() instanceof LayerKind.Dense) {
				List<Source> reads = network.sourcesWithout(layer.index(), SpikingLayers::handsOn);
				Source expected = dense.isEmpty() ? null : new Source(dense.get(dense.size() - 1).index(), 0);
				boolean chained = reads.size() == 1 && (expected == null ? reads.get(0).isInput() : reads.get(0).equals(expected));
				if (!chained)
					return "spiking training takes a chain of dense layers, each reading the one before; " + layer.describe() + " does not";
				dense.add(layer);
			}
		}
		if (dense.isEmpty())
			return "spiking training needs at least one dense layer";
		List<Source> out = network.outputWithout(SpikingLayers::handsOn);
		if (!out.equals(List.of(new Source(dense.get(dense.size() - 1).index(), 0))))
			return "spiking training takes a chain of dense layers whose last is the output";
		return null;
	}

	/** The dense layers in order (call after {@link #refusal} gave null). */
	public static List<NetLayer> denseLayers(ResolvedNetwork network) {
		return network.layers().stream().filter(l -> l.kind() instanceof LayerKind.Dense).toList();
	}

	/**
	 * Why a layer's neurons cannot be trained, or null: IF and LIF neurons are; the output's neurons are not read under
	 * the membrane loss (it trains the summed input current), so any that the integrated readout takes will do.
	 */
	public static String neuronRefusal(NetLayer layer, NeuronModel model, boolean output, boolean membraneLoss) {
		if (output && membraneLoss)
			return null;
		String name = model.name();
		if (name.equals("IF") || name.equals("LIF"))
			return null;
		return "spiking training runs IF and LIF neurons; " + layer.describe() + " has " + name + " neurons"
				+ (output && !model.spikes() ? ", which never spike: train it with 'loss membrane' (and simulate { readout integrated })"
						: " (not supported yet)");
	}
}
