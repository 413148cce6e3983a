package org.volr.net;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.volr.model.Network;
import org.volr.model.resolve.SpikingRules;

/**
 * The layers a spiking simulator or target runs, in the network's order: dense, convolution and pooling layers.
 * Flatten, reshape, identity, dropout and activation-only layers hand their values on (relu is what the neurons do,
 * softmax at the end is read out as argmax); what each kept layer reads is expressed in kept layers. One rule, so
 * that Volr's simulator and every code generator see the same layers and refuse the same networks with the same
 * messages.
 */
public final class SpikingLayers {
	private final ResolvedNetwork network;
	private final List<NetLayer> layers;
	private final List<List<Source>> sources;
	/** The network's delayed edges between kept layers, numbered as {@link #layers()}. */
	private final List<DelayedEdge> delayed;

	private SpikingLayers(ResolvedNetwork network, List<NetLayer> layers, List<List<Source>> sources, List<DelayedEdge> delayed) {
		this.network = network;
		this.layers = List.copyOf(layers);
		this.sources = List.copyOf(sources);
		this.delayed = List.copyOf(delayed);
	}

	/**
	 * The spiking layers of {@code resolved}, the resolution of {@code written}, after refusing what cannot spike in
	 * {@code written} (the rules the validator reports, with its messages).
	 *
	 * @param weightNames the tensors the weight store holds (a dense or convolution layer needs its weight key)
	 */
	public static SpikingLayers of(Network written, ResolvedNetwork resolved, Collection<String> weightNames) throws CannotSpikeException {
		List<SpikingRules.Refusal> refusals = SpikingRules.check(written);
		if (!refusals.isEmpty())
			throw new CannotSpikeException(refusals.get(0).message());
		return of(resolved, weightNames);
	}

	/** The spiking layers of a resolved network; refuses batch norms, smooth activations, missing weights, a non-spiking end. */
	public static SpikingLayers of(ResolvedNetwork network, Collection<String> weightNames) throws CannotSpikeException {
		List<NetLayer> kept = new ArrayList<>();
		List<List<Source>> sources = new ArrayList<>();
		int[] keptAs = new int[network.layers().size()];
		for (NetLayer layer : network.layers()) {
			refuse(layer, weightNames);
			if (handsOn(layer)) {
				keptAs[layer.index()] = -1;
				continue;
			}
			keptAs[layer.index()] = kept.size();
			kept.add(layer);
			sources.add(network.sourcesWithout(layer.index(), SpikingLayers::handsOn).stream()
					.map(s -> s.isInput() ? s : new Source(keptAs[s.layer()], s.offset())).toList());
		}
		List<Source> out = network.outputWithout(SpikingLayers::handsOn);
		if (kept.isEmpty() || !hasNeurons(kept.get(kept.size() - 1)) || out.size() != 1 || out.get(0).isInput()
				|| keptAs[out.get(0).layer()] != kept.size() - 1 || out.get(0).offset() != 0)
			throw new CannotSpikeException("network '" + network.name() + "' must end in one layer of neurons (dense, convolution or"
					+ " average pooling) to be simulated");
		List<DelayedEdge> delayed = new ArrayList<>();
		for (DelayedEdge e : network.delayed()) {
			if (!weightNames.contains(e.weightKey()))
				throw new CannotSpikeException(network.describe(e) + " needs weights '" + e.weightKey() + "' of shape "
						+ java.util.Arrays.toString(network.weightShape(e)) + "; the file has " + String.join(", ", weightNames));
			// both ends are dense layers (only they may be recurrent), which every simulator keeps
			delayed.add(new DelayedEdge(keptAs[e.from()], keptAs[e.to()], e.delay(), e.weightKey()));
		}
		return new SpikingLayers(network, kept, sources, delayed);
	}

	/**
	 * The same rule as {@link #handsOn} and {@link #hasNeurons(NetLayer)} for a layer as written, before anything
	 * is resolved (a diagram shows it on every node): dense, convolution, average and sum pooling are populations of
	 * neurons; max pooling only routes spikes; flatten, reshape, identity, dropout, activation and batch norm (folded
	 * away before simulating) hand values on.
	 */
	public static boolean hasNeurons(org.volr.model.Layer written) {
		return switch (written) {
		case org.volr.model.Dense d -> true;
		case org.volr.model.Conv c -> true;
		case org.volr.model.Pool p -> p.getKind() != org.volr.model.PoolKind.MAX2D && p.getKind() != org.volr.model.PoolKind.MAX1D;
		case org.volr.model.GlobalPool g -> g.getOp() != org.volr.model.PoolOp.MAX;
		default -> false;
		};
	}

	/** Layers with no spiking counterpart: they hand their input on in the same order. */
	public static boolean handsOn(NetLayer layer) {
		return layer.kind().passesValuesOn() || layer.kind() instanceof LayerKind.ActivationOnly;
	}

	/** Whether a population of neurons sits behind the layer: max pooling (global too) only routes spikes. */
	public static boolean hasNeurons(NetLayer layer) {
		return switch (layer.kind()) {
		case LayerKind.Pool p -> p.op() != LayerKind.PoolOp.MAX;
		case LayerKind.GlobalPool g -> !g.max();
		default -> true;
		};
	}

	private static void refuse(NetLayer layer, Collection<String> weightNames) throws CannotSpikeException {
		switch (layer.kind()) {
		case LayerKind.BatchNorm b -> throw new CannotSpikeException("layer " + layer.position() + " is a batchnorm; fold it into its"
				+ " neighbour before simulating (volr import folds batch norms of imported models)");
		case LayerKind.ActivationOnly a -> refuseSmooth(layer, "layer " + layer.position());
		case LayerKind.Dense d -> refuseWithoutWeights(layer, weightNames);
		case LayerKind.Conv c -> refuseWithoutWeights(layer, weightNames);
		default -> {
		}
		}
	}

	private static void refuseSmooth(NetLayer layer, String name) throws CannotSpikeException {
		Activation a = layer.activation();
		if (a == Activation.SIGMOID || a == Activation.TANH)
			throw new CannotSpikeException(name + ": activation " + a.written() + " cannot spike");
	}

	private static void refuseWithoutWeights(NetLayer layer, Collection<String> weightNames) throws CannotSpikeException {
		refuseSmooth(layer, "layer '" + layer.key() + "'");
		if (!weightNames.contains(layer.weightKey()))
			throw new CannotSpikeException("no weights '" + layer.weightKey() + "' for layer " + layer.position() + " ("
					+ layer.kind().written() + "); weights are named by layer label, the file has " + String.join(", ", weightNames));
	}

	public ResolvedNetwork network() {
		return network;
	}

	public List<NetLayer> layers() {
		return layers;
	}

	/** What kept layer {@code k} reads: kept layers by their position in {@link #layers()}, or the input. */
	public List<Source> sources(int k) {
		return sources.get(k);
	}

	/** The delayed edges between kept layers (a recurrent layer's edge onto itself), numbered as {@link #layers()}. */
	public List<DelayedEdge> delayed() {
		return delayed;
	}

	/** The delayed edges into kept layer {@code k}. */
	public List<DelayedEdge> delayedInto(int k) {
		return delayed.stream().filter(e -> e.to() == k).toList();
	}

	/** Whether every kept layer reads exactly the one before it (the first the input): no branches. */
	public boolean isChain() {
		for (int k = 0; k < sources.size(); k++) {
			List<Source> s = sources.get(k);
			if (s.size() != 1 || s.get(0).layer() != (k == 0 ? Source.INPUT : k - 1) || s.get(0).offset() != 0)
				return false;
		}
		return true;
	}
}
