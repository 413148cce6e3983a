package org.volr.sim;

import java.util.ArrayList;
import java.util.List;

import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;
import org.volr.model.Activation;
import org.volr.model.Add;
import org.volr.model.ActivationLayer;
import org.volr.model.BatchNorm;
import org.volr.model.Conv;
import org.volr.model.ConvKind;
import org.volr.model.Dense;
import org.volr.model.Dropout;
import org.volr.model.Flatten;
import org.volr.model.GlobalPool;
import org.volr.model.Identity;
import org.volr.model.Layer;
import org.volr.model.Let;
import org.volr.model.NetExpr;
import org.volr.model.NetRef;
import org.volr.model.Network;
import org.volr.model.Padding;
import org.volr.model.Parallel;
import org.volr.model.Pool;
import org.volr.model.PoolKind;
import org.volr.model.PoolOp;
import org.volr.model.Reshape;
import org.volr.model.Sequence;
import org.volr.model.shapes.NetType;
import org.volr.model.resolve.SpikingRules;
import org.volr.model.shapes.ShapeInference;
import org.volr.sim.plan.AvgPoolPlan;
import org.volr.sim.plan.ConvPlan;
import org.volr.sim.plan.DensePlan;
import org.volr.sim.plan.LayerPlan;
import org.volr.sim.plan.MaxPoolPlan;

/**
 * A network lowered for simulation: the layer plans with resolved shapes and weights, in an order where every layer
 * comes after the layers it reads, and what each layer reads. A chain reads the layer before; parallel branches
 * ({@code |}) make a layer read several layers, each at an offset of its input (concatenation, channels first), and
 * added branches ({@code +}) several layers at the same offsets (their spikes add up). Weights are looked up by layer
 * label ("{label}.weight", "{label}.bias"), or "layer{n}" (n counting layers from 1 as written) when unlabelled.
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

	/** The weight-store key of a layer: its label, or "layer{n}" by position. */
	public static String key(Layer layer, int position) {
		return layer.getLabel() != null ? layer.getLabel() : "layer" + position;
	}

	public static SpikingNetwork lower(Network network, WeightStore weights) throws LoweringException {
		ShapeInference inference = ShapeInference.of(network);
		if (!inference.problems().isEmpty())
			throw new LoweringException("network '" + network.getName() + "' does not type-check: " + inference.problems().get(0).message());
		NetType type = inference.typeOf(network);
		if (type == null)
			throw new LoweringException("network '" + network.getName() + "' has no inferable input shape");
		List<SpikingRules.Refusal> refusals = SpikingRules.check(network);
		if (!refusals.isEmpty())
			throw new LoweringException(refusals.get(0).message());
		Lowering lowering = new Lowering(inference, weights);
		Value input = new Value(List.of(new Source(INPUT, 0)), (int) type.in().size());
		Value out = lowering.lower(network.getBody(), input);
		List<LayerPlan> plans = lowering.plans;
		// SpikingRules has refused networks that end otherwise; a mismatch here is a bug of the lowering
		if (plans.isEmpty() || !plans.get(plans.size() - 1).hasNeurons() || !out.parts().equals(List.of(new Source(plans.size() - 1, 0))))
			throw new IllegalStateException("network '" + network.getName() + "' lowered to an output that is not one layer of neurons");
		return new SpikingNetwork(type.in().dims(), plans, lowering.sources);
	}

	/** A tensor while lowering: the outputs it is made of, each at its offset, and its size. */
	private record Value(List<Source> parts, int size) {
	}

	/** One pass over the network's expression, depth first, numbering layers as {@code LayerNames} does. */
	private static final class Lowering {
		final ShapeInference inference;
		final WeightStore weights;
		final List<LayerPlan> plans = new ArrayList<>();
		final List<Source[]> sources = new ArrayList<>();
		int position;

		Lowering(ShapeInference inference, WeightStore weights) {
			this.inference = inference;
			this.weights = weights;
		}

		Value lower(NetExpr e, Value in) throws LoweringException {
			if (e instanceof Sequence s) {
				Value v = in;
				for (NetExpr step : s.getSteps())
					v = lower(step, v);
				return v;
			} else if (e instanceof Let let) {
				return lower(let.getBody(), in);
			} else if (e instanceof NetRef ref) {
				throw new LoweringException("'" + ref.getTarget().getName() + "' is a reference; the simulator needs the"
						+ " network written out (NetworkInliner.inline does that)");
			} else if (e instanceof Parallel p) {
				// concatenation, channels first: each branch's outputs follow the previous branches'
				List<Source> parts = new ArrayList<>();
				int offset = 0;
				for (NetExpr branch : p.getBranches()) {
					Value b = lower(branch, in);
					for (Source part : b.parts())
						parts.add(new Source(part.layer(), part.offset() + offset));
					offset += b.size();
				}
				return new Value(parts, offset);
			} else if (e instanceof Add a) {
				// element-wise sum: every branch's spikes land on the same inputs of the next layer
				List<Source> parts = new ArrayList<>();
				int size = -1;
				for (NetExpr branch : a.getBranches()) {
					Value b = lower(branch, in);
					parts.addAll(b.parts());
					size = b.size();
				}
				return new Value(parts, size);
			} else if (e instanceof Layer layer) {
				return layer(layer, in);
			}
			throw new LoweringException("'" + e.eClass().getName() + "' cannot be simulated");
		}

		private Value layer(Layer layer, Value in) throws LoweringException {
			position++;
			NetType t = inference.typeOf(layer);
			if (t == null) // a layer inside a referenced network: shapes follow from the chain
				throw new LoweringException("layer " + position + " (" + layer.eClass().getName() + ") sits in a referenced"
						+ " network; inline it to simulate");
			String key = key(layer, position);
			LayerPlan plan;
			if (layer instanceof Dense || layer instanceof Conv) {
				Activation a = layer.getActivation();
				if (a == Activation.SIGMOID || a == Activation.TANH)
					throw new LoweringException("layer '" + key + "': activation " + a.getLiteral() + " cannot spike");
				FloatTensor w = weights.contains(key + ".weight") ? weights.get(key + ".weight") : null;
				if (w == null)
					throw new LoweringException("no weights '" + key + ".weight' for layer " + position + " ("
							+ layer.eClass().getName().toLowerCase() + "); weights are named by layer label, the file has "
							+ String.join(", ", weights.names()));
				FloatTensor b = weights.contains(key + ".bias") ? weights.get(key + ".bias") : null;
				plan = layer instanceof Dense ? new DensePlan(key, (int) t.in().size(), (int) t.out().size(), w.data(), b == null ? null : b.data())
						: conv((Conv) layer, key, t, w, b);
			} else if (layer instanceof Pool pool) {
				int[] g = poolGeometry(pool, t);
				boolean max = pool.getKind() == PoolKind.MAX2D || pool.getKind() == PoolKind.MAX1D;
				plan = max ? new MaxPoolPlan(key, t.in().dims(), t.out().dims(), g) : new AvgPoolPlan(key, t.in().dims(), t.out().dims(), g);
			} else if (layer instanceof GlobalPool g) {
				plan = g.getOp() == PoolOp.MAX ? MaxPoolPlan.global(key, t.in().dims()) : AvgPoolPlan.global(key, t.in().dims());
			} else if (layer instanceof BatchNorm) {
				throw new LoweringException("layer " + position + " is a batchnorm; fold it into its neighbour before"
						+ " simulating (volr import folds batch norms of imported models)");
			} else if (layer instanceof ActivationLayer a) {
				if (a.getActivation() == Activation.SIGMOID || a.getActivation() == Activation.TANH)
					throw new LoweringException("layer " + position + ": activation " + a.getActivation().getLiteral() + " cannot spike");
				// relu after a layer with neurons is what IF neurons do already; softmax at the end is read out as argmax
				return in;
			} else if (layer instanceof Flatten || layer instanceof Reshape || layer instanceof Dropout || layer instanceof Identity) {
				return in; // channels-first order is kept: the same neurons, another shape
			} else {
				throw new LoweringException("layer " + position + " (" + layer.eClass().getName() + ") cannot be simulated");
			}
			plans.add(plan);
			sources.add(in.parts().toArray(Source[]::new));
			return new Value(List.of(new Source(plans.size() - 1, 0)), plan.outSize());
		}
	}

	private static LayerPlan conv(Conv conv, String key, NetType t, FloatTensor w, FloatTensor b) {
		boolean oneD = conv.getKind() == ConvKind.CONV1D;
		int spatial = oneD ? 1 : 2;
		int[] in = t.in().dims(), out = t.out().dims();
		int[] g = new int[8];
		for (int axis = 0; axis < spatial; axis++) {
			int k = pick(conv.getKernel(), axis, 1), s = pick(conv.getStride(), axis, 1), d = pick(conv.getDilation(), axis, 1);
			int inSize = in[axis + 1], outSize = out[axis + 1];
			int pad = !conv.getPadAmount().isEmpty() ? pick(conv.getPadAmount(), axis, 0)
					: conv.getPadding() == Padding.SAME ? Math.max((outSize - 1) * s + d * (k - 1) + 1 - inSize, 0) / 2 : 0;
			int o = oneD ? 1 : axis; // 1-D convolutions run as height-1 2-D ones: their axis is the width
			g[o] = k;
			g[2 + o] = s;
			g[4 + o] = pad;
			g[6 + o] = d;
		}
		if (oneD) {
			g[0] = 1;
			g[2] = 1;
			g[4] = 0;
			g[6] = 1;
		}
		return new ConvPlan(key, in, out, g, conv.getKind() == ConvKind.DEPTHWISE2D, w.data(), b == null ? null : b.data());
	}

	private static int[] poolGeometry(Pool pool, NetType t) {
		boolean oneD = pool.getKind() == PoolKind.MAX1D || pool.getKind() == PoolKind.AVG1D;
		int[] in = t.in().dims(), out = t.out().dims();
		int[] g = { 1, 1, 1, 1, 0, 0 };
		for (int axis = 0; axis < (oneD ? 1 : 2); axis++) {
			int k = pick(pool.getSize(), axis, 2), s = pick(pool.getStride(), axis, k);
			int pad = pool.getPadding() == Padding.SAME ? Math.max((out[axis + 1] - 1) * s + k - in[axis + 1], 0) / 2 : 0;
			int o = oneD ? 1 : axis;
			g[o] = k;
			g[2 + o] = s;
			g[4 + o] = pad;
		}
		return g;
	}

	private static int pick(List<Integer> values, int axis, int fallback) {
		return values.isEmpty() ? fallback : values.size() == 1 ? values.get(0) : values.get(axis);
	}
}
