package org.volr.ann;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;
import org.volr.model.Activation;
import org.volr.model.ActivationLayer;
import org.volr.model.Add;
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
import org.volr.model.Network;
import org.volr.model.Pool;
import org.volr.model.Reshape;
import org.volr.model.Sequence;
import org.volr.model.shapes.NetType;
import org.volr.model.shapes.ShapeInference;

/** Turns a type-checked network and its weights into {@link Step}s, checking every weight's shape on the way. */
final class NetworkCompiler {
	private final ShapeInference shapes;
	private final Map<Layer, String> names;
	private final WeightStore weights;

	private NetworkCompiler(Network network, WeightStore weights) {
		this.shapes = ShapeInference.of(network);
		this.names = LayerNames.of(network);
		this.weights = weights;
	}

	/** Shapes of the compiled network; the step maps [n, ...input] to [n, ...output]. */
	record Compiled(Step step, int[] inputShape, int[] outputShape) {
	}

	static Compiled compile(Network network, WeightStore weights) {
		NetworkCompiler compiler = new NetworkCompiler(network, weights);
		NetType type = checkedType(network, compiler.shapes);
		return new Compiled(compiler.step(network.getBody()), type.in().dims(), type.out().dims());
	}

	static NetType checkedType(Network network, ShapeInference shapes) {
		if (!shapes.problems().isEmpty())
			throw new AnnException("network '" + network.getName() + "' does not type-check: " + shapes.problems().get(0).message());
		NetType type = shapes.typeOf(network);
		if (type == null || type.in() == null)
			throw new AnnException("network '" + network.getName() + "' has no inferable input shape; declare it with 'input [...]'");
		return type;
	}

	private Step step(NetExpr e) {
		if (e instanceof Sequence seq) {
			List<Step> steps = new ArrayList<>();
			for (NetExpr s : seq.getSteps())
				steps.add(step(s));
			return new ChainStep(steps);
		}
		if (e instanceof Fork fork) {
			List<Step> branches = new ArrayList<>();
			for (NetExpr b : fork.getBranches())
				branches.add(step(b));
			return new ForkStep(branches, fork instanceof Add);
		}
		if (e instanceof Let let)
			return step(let.getBody());
		if (e instanceof Layer layer)
			return layer(layer);
		throw new AnnException("cannot evaluate " + e.eClass().getName());
	}

	private Step layer(Layer layer) {
		String name = names.get(layer);
		NetType t = shapes.typeOf(layer);
		if (t == null)
			throw new AnnException("layer '" + name + "' has no inferred shape");
		if (layer instanceof Dense dense) {
			int in = (int) t.in().size(), out = (int) t.out().size();
			return new DenseStep(name, dense, weight(name, new int[] { in, out }), bias(name, out));
		}
		if (layer instanceof Conv conv) {
			int in = t.in().dim(0), out = t.out().dim(0);
			int[] k = Geometry.kernel(conv);
			int[] expected = conv.getKind() == ConvKind.CONV1D ? new int[] { out, in, k[1] }
					: conv.getKind() == ConvKind.DEPTHWISE2D ? new int[] { out, 1, k[0], k[1] } : new int[] { out, in, k[0], k[1] };
			return new ConvStep(name, conv, weight(name, expected), bias(name, out), in);
		}
		if (layer instanceof Pool pool)
			return new PoolStep(pool);
		if (layer instanceof GlobalPool g)
			return ShapeSteps.globalPool(g.getOp(), g.getActivation());
		if (layer instanceof Flatten || layer instanceof Reshape)
			return ShapeSteps.reshape(t.out().dims(), layer.getActivation());
		if (layer instanceof ActivationLayer a)
			return ShapeSteps.activation(a.getActivation());
		if (layer instanceof Dropout || layer instanceof Identity)
			return layer.getActivation() == null || layer.getActivation() == Activation.UNSPECIFIED ? ShapeSteps.skip()
					: ShapeSteps.activation(layer.getActivation());
		if (layer instanceof BatchNorm)
			throw new AnnException("layer '" + name + "' is a batchnorm, which has no running statistics here; fold it into"
					+ " the layer before it (volr import folds the batch norms of Keras models) or remove it");
		throw new AnnException("layer '" + name + "' (" + layer.eClass().getName() + ") cannot be evaluated");
	}

	private INDArray weight(String name, int[] expected) {
		String key = name + ".weight";
		if (!weights.contains(key))
			throw new AnnException("no weights '" + key + "'; weights are named by layer label (or layer{n}), the store has "
					+ String.join(", ", weights.names()));
		FloatTensor w = weights.get(key);
		if (!Arrays.equals(w.shape(), expected))
			throw new AnnException("'" + key + "' has shape " + Arrays.toString(w.shape()) + ", but the layer needs "
					+ Arrays.toString(expected));
		return w.toINDArray();
	}

	/** A missing bias means zero. */
	private INDArray bias(String name, int out) {
		String key = name + ".bias";
		if (!weights.contains(key))
			return null;
		FloatTensor b = weights.get(key);
		if (b.data().length != out)
			throw new AnnException("'" + key + "' has " + b.data().length + " values, but the layer has " + out + " outputs");
		return b.toINDArray().reshape(out);
	}
}
