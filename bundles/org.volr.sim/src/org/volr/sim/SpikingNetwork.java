package org.volr.sim;

import java.util.ArrayList;
import java.util.List;

import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;
import org.volr.model.Network;
import org.volr.model.resolve.SpikingRules;
import org.volr.net.Activation;
import org.volr.net.LayerKind;
import org.volr.net.NetLayer;
import org.volr.net.NetworkResolver;
import org.volr.net.ResolveException;
import org.volr.net.ResolvedNetwork;
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

	private SpikingNetwork(int[] inputShape, List<LayerPlan> layers, List<Source[]> sources) {
		this.inputShape = inputShape;
		this.layers = List.copyOf(layers);
		this.sources = List.copyOf(sources);
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
		List<SpikingRules.Refusal> refusals = SpikingRules.check(written);
		if (!refusals.isEmpty())
			throw new LoweringException(refusals.get(0).message());
		return lower(resolved, weights);
	}

	/**
	 * The layer plans of a resolved network: a plan per layer with weights or pooling, in the network's order;
	 * flatten, reshape, identity, dropout and activation layers hand their input on (relu is what the neurons do,
	 * softmax at the end is read out as argmax).
	 */
	public static SpikingNetwork lower(ResolvedNetwork network, WeightStore weights) throws LoweringException {
		List<LayerPlan> plans = new ArrayList<>();
		List<Source[]> sources = new ArrayList<>();
		int[] planOf = new int[network.layers().size()];
		for (NetLayer layer : network.layers()) {
			LayerPlan plan = plan(layer, weights);
			if (plan == null) {
				planOf[layer.index()] = -1;
				continue;
			}
			planOf[layer.index()] = plans.size();
			plans.add(plan);
			sources.add(network.sourcesWithout(layer.index(), SpikingNetwork::handsOn).stream()
					.map(s -> new Source(s.isInput() ? INPUT : planOf[s.layer()], s.offset())).toArray(Source[]::new));
		}
		List<org.volr.net.Source> out = network.outputWithout(SpikingNetwork::handsOn);
		if (plans.isEmpty() || !plans.get(plans.size() - 1).hasNeurons() || out.size() != 1 || out.get(0).isInput()
				|| planOf[out.get(0).layer()] != plans.size() - 1 || out.get(0).offset() != 0)
			throw new LoweringException("network '" + network.name() + "' must end in one layer of neurons (dense, convolution or"
					+ " average pooling) to be simulated");
		return new SpikingNetwork(network.inputShape(), plans, sources);
	}

	/** Layers the simulator has no plan for: they hand their input on in the same order. */
	private static boolean handsOn(NetLayer layer) {
		return layer.kind().passesValuesOn() || layer.kind() instanceof LayerKind.ActivationOnly;
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
