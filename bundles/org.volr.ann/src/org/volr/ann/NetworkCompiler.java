package org.volr.ann;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;
import org.volr.net.Activation;
import org.volr.net.LayerKind;
import org.volr.net.NetLayer;
import org.volr.net.ResolvedNetwork;
import org.volr.net.WeightKeys;

/** Turns a resolved network and its weights into a {@link LayerGraph}, checking every weight's shape on the way. */
final class NetworkCompiler {
	private NetworkCompiler() {
	}

	static LayerGraph compile(ResolvedNetwork network, WeightStore weights) {
		refuseRecurrence(network);
		List<Step> steps = new ArrayList<>();
		for (NetLayer layer : network.layers())
			steps.add(step(layer, weights));
		return new LayerGraph(network, steps);
	}

	/**
	 * The ANN computes a network once per sample; a recurrent layer's activation would depend on its own of the step
	 * before (SEMANTICS.md, "Recurrent layers"), which this graph has no time for: refused by name, not computed without.
	 */
	static void refuseRecurrence(ResolvedNetwork network) {
		String refusal = network.delayedEdgeRefusal("the ANN computes feed-forward networks only, not a layer that reads its own"
				+ " spikes of the step before; run it with weights trained for the spiking network (weights npz \"...\")");
		if (refusal != null)
			throw new AnnException(refusal);
	}

	private static Step step(NetLayer layer, WeightStore weights) {
		return switch (layer.kind()) {
		case LayerKind.Dense d -> new DenseStep(layer, weight(layer, weights), bias(layer, weights), activation(layer, weights));
		case LayerKind.Conv c -> new ConvStep(layer, c, weight(layer, weights), bias(layer, weights), activation(layer, weights));
		case LayerKind.Pool p -> new PoolStep(p, layer.activation(), layer.inChannels());
		case LayerKind.GlobalPool g -> ShapeSteps.globalPool(g.max(), layer.activation());
		case LayerKind.Flatten f -> ShapeSteps.reshape(layer.outShape(), layer.activation());
		case LayerKind.Reshape r -> ShapeSteps.reshape(layer.outShape(), layer.activation());
		case LayerKind.ActivationOnly a -> ShapeSteps.activation(layer.activation());
		case LayerKind.Dropout d -> passOn(layer);
		case LayerKind.Identity i -> passOn(layer);
		case LayerKind.BatchNorm b -> throw new AnnException("layer '" + layer.key() + "' is a batchnorm, which has no running"
				+ " statistics here; fold it into the layer before it (volr import folds the batch norms of Keras models) or remove it");
		};
	}

	/**
	 * A dense or convolution layer's activation: QCFS in place of its relu when the weights give its clip λ and levels
	 * L (a network trained with {@code activation qcfs L}; SEMANTICS.md, "QCFS activation"), else its own.
	 */
	static UnaryOperator<INDArray> activation(NetLayer layer, WeightStore weights) {
		Qcfs qcfs = qcfs(layer, weights);
		return qcfs != null ? qcfs::apply : z -> Activations.apply(layer.activation(), z);
	}

	/** The layer's QCFS activation as its weights give it, or null when they give no clip. */
	static Qcfs qcfs(NetLayer layer, WeightStore weights) {
		String clip = WeightKeys.clip(layer.key()), levels = WeightKeys.levels(layer.key());
		if (!weights.contains(clip) && !weights.contains(levels))
			return null;
		if (!weights.contains(clip) || !weights.contains(levels))
			throw new AnnException("a qcfs layer needs both '" + clip + "' (its λ) and '" + levels + "' (its L); the weights give only '"
					+ (weights.contains(clip) ? clip : levels) + "'");
		if (layer.activation() != Activation.RELU)
			throw new AnnException("'" + clip + "' makes " + layer.describe() + " a qcfs layer, but it applies "
					+ layer.activation().written() + "; qcfs replaces a relu");
		float[] lambda = weights.get(clip).data(), l = weights.get(levels).data();
		if (lambda.length != 1 || l.length != 1 || l[0] != Math.rint(l[0]))
			throw new AnnException("'" + clip + "' and '" + levels + "' hold one value each, L a whole number; got "
					+ Arrays.toString(lambda) + " and " + Arrays.toString(l));
		return new Qcfs(lambda[0], (int) l[0]);
	}

	/** Dropout and identity hand their input on, through their activation when one is written. */
	private static Step passOn(NetLayer layer) {
		return layer.activation() == null ? ShapeSteps.skip() : ShapeSteps.activation(layer.activation());
	}

	private static INDArray weight(NetLayer layer, WeightStore weights) {
		String key = layer.weightKey();
		if (!weights.contains(key))
			throw new AnnException("no weights '" + key + "'; weights are named by layer label (or layer{n}), the store has "
					+ String.join(", ", weights.names()));
		FloatTensor w = weights.get(key);
		if (!Arrays.equals(w.shape(), layer.weightShape()))
			throw new AnnException("'" + key + "' has shape " + Arrays.toString(w.shape()) + ", but the layer needs "
					+ Arrays.toString(layer.weightShape()));
		return w.toINDArray();
	}

	/** A missing bias means zero. */
	private static INDArray bias(NetLayer layer, WeightStore weights) {
		String key = layer.biasKey();
		if (!weights.contains(key))
			return null;
		FloatTensor b = weights.get(key);
		int out = layer.biasShape()[0];
		if (b.data().length != out)
			throw new AnnException("'" + key + "' has " + b.data().length + " values, but the layer has " + out + " outputs");
		return b.toINDArray().reshape(out);
	}
}
