package org.volr.net;

import java.util.ArrayList;
import java.util.List;

import org.volr.model.Add;
import org.volr.model.Conv;
import org.volr.model.ConvKind;
import org.volr.model.Dense;
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
import org.volr.model.Sequence;
import org.volr.model.shapes.NetType;
import org.volr.model.shapes.ShapeInference;
import org.volr.net.neuron.LayerNeuron;
import org.volr.net.neuron.NeuronModel;
import org.volr.net.neuron.NeuronModels;

/**
 * The one lowering from a .volr network (the EMF model, its references written out by {@code NetworkInliner}) to a
 * {@link ResolvedNetwork}. Shapes come from {@link ShapeInference}, the rules the validator checks, so what
 * {@code volr check} accepts resolves; layers are numbered depth first, branches left to right, as they are written.
 */
public final class NetworkResolver {
	private final ShapeInference inference;
	private final List<NetLayer> layers = new ArrayList<>();
	/** A recurrent dense layer's edge onto itself, one step late. */
	private final List<DelayedEdge> delayed = new ArrayList<>();
	private int position;

	private NetworkResolver(ShapeInference inference) {
		this.inference = inference;
	}

	public static ResolvedNetwork resolve(Network network) throws ResolveException {
		ShapeInference inference = ShapeInference.of(network);
		if (!inference.problems().isEmpty())
			throw new ResolveException("network '" + network.getName() + "' does not type-check: " + inference.problems().get(0).message());
		NetType type = inference.typeOf(network);
		if (type == null)
			throw new ResolveException("network '" + network.getName() + "' has no inferable input shape");
		NetworkResolver r = new NetworkResolver(inference);
		Value out = r.lower(network.getBody(), new Value(List.of(new Source(Source.INPUT, 0)), (int) type.in().size()));
		return new ResolvedNetwork(network.getName(), type.in().dims(), r.layers, out.parts(), r.delayed);
	}

	/** A tensor while lowering: the outputs it is made of, each at its offset, and its size. */
	private record Value(List<Source> parts, int size) {
	}

	private Value lower(NetExpr e, Value in) throws ResolveException {
		if (e instanceof Sequence s) {
			Value v = in;
			for (NetExpr step : s.getSteps())
				v = lower(step, v);
			return v;
		} else if (e instanceof Let let) {
			return lower(let.getBody(), in);
		} else if (e instanceof NetRef ref) {
			throw new ResolveException("'" + (ref.getTarget() == null ? "?" : ref.getTarget().getName())
					+ "' is a reference to another network; write the network out (NetworkInliner.inline does that)");
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
			// element-wise sum: every branch lands on the same inputs of the next layer
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
		throw new ResolveException("'" + e.eClass().getName() + "' is not a network expression Volr can resolve");
	}

	private Value layer(Layer layer, Value in) throws ResolveException {
		position++;
		NetType t = inference.typeOf(layer);
		if (t == null)
			throw new ResolveException("layer " + position + " (" + layer.eClass().getName().toLowerCase() + ") sits in a referenced"
					+ " network; write the network out to resolve it");
		int[] inShape = t.in().dims(), outShape = t.out().dims();
		LayerKind kind = kind(layer, inShape, outShape);
		NetLayer resolved = new NetLayer(layers.size(), position, WeightKeys.of(layer.getLabel(), position), layer.getLabel(), kind,
				activation(layer, kind), inShape, outShape, in.parts(), layer, neuron(layer));
		layers.add(resolved);
		if (layer instanceof Dense d && d.isRecurrent())
			delayed.add(new DelayedEdge(resolved.index(), resolved.index(), 1, WeightKeys.recurrent(resolved.key())));
		return new Value(List.of(new Source(resolved.index(), 0)), resolved.outSize());
	}

	/** The layer's own neuron, or null when it has none (it takes the experiment's). */
	private LayerNeuron neuron(Layer layer) throws ResolveException {
		if (layer.getNeuron() == null)
			return null;
		NeuronModel model = NeuronModels.of(layer.getNeuron().getKind());
		if (model == null)
			throw new ResolveException("layer " + position + ": unknown neuron model '" + layer.getNeuron().getKind() + "'; expected one of "
					+ String.join(", ", NeuronModels.names()));
		try {
			return new LayerNeuron(model, NeuronModels.written(layer.getNeuron()));
		} catch (IllegalArgumentException unknownUnit) {
			throw new ResolveException("layer " + position + ": " + unknownUnit.getMessage());
		}
	}

	private static LayerKind kind(Layer layer, int[] in, int[] out) throws ResolveException {
		return switch (layer) {
		case Dense d -> new LayerKind.Dense(d.getUnits());
		case Conv c -> {
			LayerKind.ConvType type = switch (c.getKind()) {
			case CONV1D -> LayerKind.ConvType.CONV1D;
			case CONV2D -> LayerKind.ConvType.CONV2D;
			case DEPTHWISE2D -> LayerKind.ConvType.DEPTHWISE2D;
			};
			int axes = c.getKind() == ConvKind.CONV1D ? 1 : 2;
			Window w = Window.of(values(c.getKernel(), axes, 1), values(c.getStride(), axes, 1), values(c.getDilation(), axes, 1),
					c.getPadAmount().isEmpty() ? null : values(c.getPadAmount(), axes, 0),
					c.getPadding() == Padding.SAME, spatial(in), spatial(out));
			yield new LayerKind.Conv(type, out[0], type == LayerKind.ConvType.DEPTHWISE2D ? out[0] / in[0] : 1, w);
		}
		case Pool p -> {
			boolean oneD = p.getKind() == PoolKind.MAX1D || p.getKind() == PoolKind.AVG1D;
			int axes = oneD ? 1 : 2;
			int[] size = values(p.getSize(), axes, 2);
			int[] stride = p.getStride().isEmpty() ? size : values(p.getStride(), axes, 1);
			Window w = Window.of(size, stride, values(List.of(), axes, 1), null, p.getPadding() == Padding.SAME, spatial(in), spatial(out));
			yield new LayerKind.Pool(switch (p.getKind()) {
			case MAX2D, MAX1D -> LayerKind.PoolOp.MAX;
			case AVG2D, AVG1D -> LayerKind.PoolOp.AVG;
			case SUM2D -> LayerKind.PoolOp.SUM;
			}, w);
		}
		case org.volr.model.GlobalPool g -> new LayerKind.GlobalPool(g.getOp() == PoolOp.MAX);
		case org.volr.model.Flatten f -> new LayerKind.Flatten();
		case org.volr.model.Reshape r -> new LayerKind.Reshape(out);
		case org.volr.model.Identity i -> new LayerKind.Identity();
		case org.volr.model.Dropout d -> new LayerKind.Dropout(d.getRate());
		case org.volr.model.BatchNorm b -> new LayerKind.BatchNorm(b.getEpsilon());
		case org.volr.model.ActivationLayer a -> new LayerKind.ActivationOnly();
		default -> throw new ResolveException("layer " + layer.eClass().getName().toLowerCase() + " is not a layer kind Volr can resolve");
		};
	}

	/** Dense and convolution layers apply relu unless written otherwise; other layers what is written, if anything. */
	private static Activation activation(Layer layer, LayerKind kind) {
		org.volr.model.Activation a = layer.getActivation();
		boolean unspecified = a == null || a == org.volr.model.Activation.UNSPECIFIED;
		if (unspecified)
			return kind instanceof LayerKind.Dense || kind instanceof LayerKind.Conv || kind instanceof LayerKind.ActivationOnly ? Activation.RELU : null;
		return Activation.valueOf(a.getName());
	}

	/** One value per axis: none written means the fallback, one value means every axis. */
	private static int[] values(List<Integer> written, int axes, int fallback) {
		int[] v = new int[axes];
		for (int a = 0; a < axes; a++)
			v[a] = written.isEmpty() ? fallback : written.size() == 1 ? written.get(0) : written.get(a);
		return v;
	}

	private static int[] spatial(int[] shape) {
		return java.util.Arrays.copyOfRange(shape, 1, shape.length);
	}
}
