package org.volr.sim;

import java.util.ArrayList;
import java.util.List;

import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;
import org.volr.model.Network;
import org.volr.net.Activation;
import org.volr.net.CannotSpikeException;
import org.volr.net.DelayedEdge;
import org.volr.net.LayerKind;
import org.volr.net.NetLayer;
import org.volr.net.NetworkResolver;
import org.volr.net.ResolveException;
import org.volr.net.ResolvedNetwork;
import org.volr.net.SpikingLayers;
import org.volr.net.Window;
import org.volr.sim.plan.AvgPoolPlan;
import org.volr.sim.plan.ConvPlan;
import org.volr.sim.plan.DensePlan;
import org.volr.sim.plan.LayerPlan;
import org.volr.sim.plan.MaxPoolPlan;

/**
 * A network lowered for simulation: the layer plans with resolved shapes and weights, in an order where every layer
 * comes after the layers it reads, and what each layer reads. A chain reads the layer before; parallel branches
 * ({@code |}) make a layer read several layers, each at an offset of its input (concatenation, channels first), and
 * added branches ({@code +}) several layers at the same offsets (their spikes add up). Built from the
 * {@link ResolvedNetwork}; weights are looked up by each layer's key ({@code org.volr.net.WeightKeys}).
 */
public final class SpikingNetwork {
	/** The source index of the network's input. */
	public static final int INPUT = -1;

	/** What a layer reads: the output of layer {@code layer} (or the {@link #INPUT}) placed at {@code offset} of its input. */
	public record Source(int layer, int offset) {
	}

	private final int[] inputShape;
	private final List<LayerPlan> layers;
	private final List<Source[]> sources;
	/** Per layer, its recurrent weights onto itself [units, units] as a plan, or null (SEMANTICS.md, "Recurrent layers"). */
	private final LayerPlan[] recurrent;

	private SpikingNetwork(int[] inputShape, List<LayerPlan> layers, List<Source[]> sources, LayerPlan[] recurrent) {
		this.inputShape = inputShape;
		this.layers = List.copyOf(layers);
		this.sources = List.copyOf(sources);
		this.recurrent = recurrent;
	}

	/** The recurrent weights of layer {@code l} onto itself, or null when it is not recurrent. */
	public LayerPlan recurrent(int l) {
		return recurrent[l];
	}

	public int[] inputShape() {
		return inputShape.clone();
	}

	/** How many values one input sample has. */
	public int inputSize() {
		int n = 1;
		for (int d : inputShape)
			n *= d;
		return n;
	}

	public List<LayerPlan> layers() {
		return layers;
	}

	/** What layer {@code l} reads (a copy). */
	public Source[] sources(int l) {
		return sources.get(l).clone();
	}

	/** Whether every layer reads exactly the one before it (the first the input): no branches. */
	public boolean isChain() {
		for (int l = 0; l < sources.size(); l++) {
			Source[] s = sources.get(l);
			if (s.length != 1 || s[0].layer() != l - 1 || s[0].offset() != 0)
				return false;
		}
		return true;
	}

	/** Whether layer {@code l} reads the network's input and nothing else. */
	public boolean readsOnlyInput(int l) {
		Source[] s = sources.get(l);
		return s.length == 1 && s[0].layer() == INPUT;
	}

	public int outputs() {
		return layers.get(layers.size() - 1).outSize();
	}

	/**
	 * Lowers a network written in a .volr file: refuses what cannot spike (the rules the validator reports, with
	 * the same messages), resolves it and lowers the result.
	 */
	public static SpikingNetwork lower(Network network, WeightStore weights) throws LoweringException {
		ResolvedNetwork resolved;
		try {
			resolved = NetworkResolver.resolve(network);
		} catch (ResolveException e) {
			throw new LoweringException(e.getMessage());
		}
		return lower(network, resolved, weights);
	}

	/** Lowers {@code resolved}, the resolution of {@code written}, after refusing what cannot spike in {@code written}. */
	public static SpikingNetwork lower(Network written, ResolvedNetwork resolved, WeightStore weights) throws LoweringException {
		try {
			return lower(SpikingLayers.of(written, resolved, weights.names()), weights);
		} catch (CannotSpikeException e) {
			throw new LoweringException(e.getMessage());
		}
	}

	/**
	 * The layer plans of a resolved network: a plan per layer with weights or pooling, in the network's order;
	 * the layers that hand their input on are left out ({@link SpikingLayers}, the rule the code generators share).
	 */
	public static SpikingNetwork lower(ResolvedNetwork network, WeightStore weights) throws LoweringException {
		try {
			return lower(SpikingLayers.of(network, weights.names()), weights);
		} catch (CannotSpikeException e) {
			throw new LoweringException(e.getMessage());
		}
	}

	private static SpikingNetwork lower(SpikingLayers spiking, WeightStore weights) throws LoweringException {
		List<LayerPlan> plans = new ArrayList<>();
		List<Source[]> sources = new ArrayList<>();
		for (int k = 0; k < spiking.layers().size(); k++) {
			plans.add(plan(spiking.layers().get(k), weights));
			sources.add(spiking.sources(k).stream().map(s -> new Source(s.isInput() ? INPUT : s.layer(), s.offset())).toArray(Source[]::new));
		}
		return new SpikingNetwork(spiking.network().inputShape(), plans, sources, recurrent(spiking, weights));
	}

	/**
	 * The recurrent weights of each kept layer as a dense plan from its neurons to themselves; a delayed edge other than
	 * a layer's own edge of one step is refused by name (the simulator reads a layer's spikes of the step before only).
	 */
	private static LayerPlan[] recurrent(SpikingLayers spiking, WeightStore weights) throws LoweringException {
		LayerPlan[] recurrent = new LayerPlan[spiking.layers().size()];
		for (DelayedEdge e : spiking.delayed()) {
			NetLayer layer = spiking.layers().get(e.to());
			if (!e.recurrent() || e.delay() != 1)
				throw new LoweringException("the delayed edge from " + spiking.layers().get(e.from()).describe() + " to " + layer.describe()
						+ " (" + e.delay() + " steps): the simulator runs a recurrent layer's edge onto itself, of one step, only");
			int n = layer.outSize();
			FloatTensor w = weights.get(e.weightKey());
			if (w.data().length != n * n)
				throw new LoweringException("recurrent " + layer.describe() + " needs '" + e.weightKey() + "' of shape [" + n + ", " + n
						+ "], the store's has shape " + java.util.Arrays.toString(w.shape()));
			recurrent[e.to()] = new DensePlan(e.weightKey(), n, n, w.data(), null);
		}
		return recurrent;
	}

	/** The plan of one layer, or null for a layer that hands its input on. */
	private static LayerPlan plan(NetLayer layer, WeightStore weights) throws LoweringException {
		String key = layer.key();
		return switch (layer.kind()) {
		case LayerKind.Dense d -> {
			FloatTensor[] wb = weightsOf(layer, weights);
			yield new DensePlan(key, layer.inSize(), layer.outSize(), wb[0].data(), wb[1] == null ? null : wb[1].data());
		}
		case LayerKind.Conv c -> {
			FloatTensor[] wb = weightsOf(layer, weights);
			Window w = c.window();
			int[] g = { w.kh(), w.kw(), w.sh(), w.sw(), w.ph(), w.pw(), w.dh(), w.dw() };
			yield new ConvPlan(key, layer.inShape(), layer.outShape(), g, c.depthwise(), wb[0].data(), wb[1] == null ? null : wb[1].data());
		}
		case LayerKind.Pool p -> {
			Window w = p.window();
			int[] g = { w.kh(), w.kw(), w.sh(), w.sw(), w.ph(), w.pw() };
			yield switch (p.op()) {
			case MAX -> new MaxPoolPlan(key, layer.inShape(), layer.outShape(), g);
			case AVG -> new AvgPoolPlan(key, layer.inShape(), layer.outShape(), g);
			case SUM -> AvgPoolPlan.sum(key, layer.inShape(), layer.outShape(), g);
			};
		}
		case LayerKind.GlobalPool g -> g.max() ? MaxPoolPlan.global(key, layer.inShape()) : AvgPoolPlan.global(key, layer.inShape());
		case LayerKind.BatchNorm b -> throw new LoweringException("layer " + layer.position() + " is a batchnorm; fold it into its"
				+ " neighbour before simulating (volr import folds batch norms of imported models)");
		case LayerKind.ActivationOnly a -> {
			refuseSmooth(layer, "layer " + layer.position());
			yield null;
		}
		case LayerKind.Flatten f -> null;
		case LayerKind.Reshape r -> null;
		case LayerKind.Identity i -> null;
		case LayerKind.Dropout d -> null;
		};
	}

	private static void refuseSmooth(NetLayer layer, String name) throws LoweringException {
		Activation a = layer.activation();
		if (a == Activation.SIGMOID || a == Activation.TANH)
			throw new LoweringException(name + ": activation " + a.written() + " cannot spike");
	}

	/** The weights and bias (null when the store has none) of a dense or convolution layer. */
	private static FloatTensor[] weightsOf(NetLayer layer, WeightStore weights) throws LoweringException {
		refuseSmooth(layer, "layer '" + layer.key() + "'");
		if (!weights.contains(layer.weightKey()))
			throw new LoweringException("no weights '" + layer.weightKey() + "' for layer " + layer.position() + " ("
					+ layer.kind().written() + "); weights are named by layer label, the file has " + String.join(", ", weights.names()));
		return new FloatTensor[] { weights.get(layer.weightKey()), weights.contains(layer.biasKey()) ? weights.get(layer.biasKey()) : null };
	}
}
