package org.volr.sim;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;
import org.volr.model.Activation;
import org.volr.model.ActivationLayer;
import org.volr.model.BatchNorm;
import org.volr.model.Conv;
import org.volr.model.ConvKind;
import org.volr.model.Dense;
import org.volr.model.Dropout;
import org.volr.model.Flatten;
import org.volr.model.Fork;
import org.volr.model.GlobalPool;
import org.volr.model.Identity;
import org.volr.model.Layer;
import org.volr.model.Let;
import org.volr.model.NetExpr;
import org.volr.model.NetRef;
import org.volr.model.Network;
import org.volr.model.Padding;
import org.volr.model.Pool;
import org.volr.model.PoolKind;
import org.volr.model.PoolOp;
import org.volr.model.Reshape;
import org.volr.model.Sequence;
import org.volr.model.shapes.NetType;
import org.volr.model.shapes.ShapeInference;
import org.volr.sim.plan.AvgPoolPlan;
import org.volr.sim.plan.ConvPlan;
import org.volr.sim.plan.DensePlan;
import org.volr.sim.plan.LayerPlan;
import org.volr.sim.plan.MaxPoolPlan;

/**
 * A network lowered for simulation: the chain of layer plans with resolved shapes and weights. Weights are looked
 * up by layer label ("{label}.weight", "{label}.bias"), or "layer{n}" (n counting layers from 1) when unlabelled.
 */
public final class SpikingNetwork {
	private final int[] inputShape;
	private final List<LayerPlan> layers;

	private SpikingNetwork(int[] inputShape, List<LayerPlan> layers) {
		this.inputShape = inputShape;
		this.layers = List.copyOf(layers);
	}

	public int[] inputShape() {
		return inputShape.clone();
	}

	public List<LayerPlan> layers() {
		return layers;
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
		List<Layer> flat = new ArrayList<>();
		flatten(network.getBody(), flat, new ArrayList<>());
		List<LayerPlan> plans = new ArrayList<>();
		int position = 0;
		for (int i = 0; i < flat.size(); i++) {
			Layer layer = flat.get(i);
			position++;
			NetType t = inference.typeOf(layer);
			if (t == null) // a layer inside a referenced network: shapes follow from the chain
				throw new LoweringException("layer " + position + " (" + layer.eClass().getName() + ") sits in a referenced"
						+ " network; inline it to simulate");
			String key = key(layer, position);
			boolean last = i == flat.size() - 1 || onlyShapeLayersAfter(flat, i);
			if (layer instanceof Dense || layer instanceof Conv) {
				checkActivation(layer, key, last);
				FloatTensor w = weights.contains(key + ".weight") ? weights.get(key + ".weight") : null;
				if (w == null)
					throw new LoweringException("no weights '" + key + ".weight' for layer " + position + " ("
							+ layer.eClass().getName().toLowerCase() + "); weights are named by layer label, the file has "
							+ String.join(", ", weights.names()));
				FloatTensor b = weights.contains(key + ".bias") ? weights.get(key + ".bias") : null;
				if (layer instanceof Dense)
					plans.add(new DensePlan(key, (int) t.in().size(), (int) t.out().size(), w.data(), b == null ? null : b.data()));
				else
					plans.add(conv((Conv) layer, key, t, w, b));
			} else if (layer instanceof Pool pool) {
				int[] g = poolGeometry(pool, t);
				boolean max = pool.getKind() == PoolKind.MAX2D || pool.getKind() == PoolKind.MAX1D;
				plans.add(max ? new MaxPoolPlan(key, t.in().dims(), t.out().dims(), g) : new AvgPoolPlan(key, t.in().dims(), t.out().dims(), g));
			} else if (layer instanceof GlobalPool g) {
				plans.add(g.getOp() == PoolOp.MAX ? MaxPoolPlan.global(key, t.in().dims()) : AvgPoolPlan.global(key, t.in().dims()));
			} else if (layer instanceof BatchNorm) {
				throw new LoweringException("layer " + position + " is a batchnorm; fold it into its neighbour before"
						+ " simulating (volr import folds batch norms of imported models)");
			} else if (layer instanceof ActivationLayer a) {
				if (a.getActivation() == Activation.SIGMOID || a.getActivation() == Activation.TANH)
					throw new LoweringException("layer " + position + ": activation " + a.getActivation().getLiteral() + " cannot spike");
				// relu after a layer with neurons is what IF neurons do already; softmax at the end is read out as argmax
			} else if (!(layer instanceof Flatten || layer instanceof Reshape || layer instanceof Dropout || layer instanceof Identity)) {
				throw new LoweringException("layer " + position + " (" + layer.eClass().getName() + ") cannot be simulated");
			}
		}
		if (plans.isEmpty() || !plans.get(plans.size() - 1).hasNeurons())
			throw new LoweringException("network '" + network.getName() + "' must end in a dense or convolution layer");
		return new SpikingNetwork(type.in().dims(), plans);
	}

	private static boolean onlyShapeLayersAfter(List<Layer> flat, int i) {
		for (int j = i + 1; j < flat.size(); j++) {
			Layer l = flat.get(j);
			if (!(l instanceof Flatten || l instanceof Reshape || l instanceof Dropout || l instanceof Identity || l instanceof ActivationLayer))
				return false;
		}
		return true;
	}

	private static void checkActivation(Layer layer, String key, boolean last) throws LoweringException {
		Activation a = layer.getActivation();
		if (a == Activation.SIGMOID || a == Activation.TANH)
			throw new LoweringException("layer '" + key + "': activation " + a.getLiteral() + " cannot spike");
		if (!last && (a == Activation.LINEAR || a == Activation.SOFTMAX))
			throw new LoweringException("hidden layer '" + key + "' has activation " + a.getLiteral()
					+ "; spiking neurons compute relu (negative values cannot be represented by rates)");
	}

	private static void flatten(NetExpr e, List<Layer> out, List<EObject> visiting) throws LoweringException {
		if (e instanceof Sequence s) {
			for (NetExpr step : s.getSteps())
				flatten(step, out, visiting);
		} else if (e instanceof Layer l) {
			out.add(l);
		} else if (e instanceof Let let) {
			flatten(let.getBody(), out, visiting);
		} else if (e instanceof NetRef ref) {
			throw new LoweringException("'" + ref.getTarget().getName() + "' is a reference; the simulator needs the"
					+ " network written out (references are inlined by the converter)");
		} else if (e instanceof Fork) {
			throw new LoweringException("parallel branches (| and +) are not simulated yet; write the network as one chain");
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
