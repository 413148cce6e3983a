package org.volr.pipeline;

import java.util.Arrays;

import org.volr.convert.ImportedModel;
import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;
import org.volr.model.resolve.NetworkInliner;
import org.volr.net.DelayedEdge;
import org.volr.net.NetLayer;
import org.volr.net.NetworkResolver;
import org.volr.net.QcfsLayers;
import org.volr.net.ResolveException;
import org.volr.net.ResolvedNetwork;
import org.volr.net.SpikingLayers;
import org.volr.net.WeightKeys;
import org.volr.net.neuron.NeuronModels;

/**
 * Weights from a file checked against the network that will read them, once, where they are read: a missing array
 * or one of another shape is refused at the {@code weights} clause (or by {@code volr import}) instead of failing
 * later inside training, conversion or the simulator.
 */
public final class WeightsCheck {
	private WeightsCheck() {
	}

	/**
	 * The first problem, as a sentence naming the layer, the array and both shapes, or null when every layer with
	 * weights finds its weight in exactly its layout ({@link NetLayer#weightShape()}) and its bias, which may be
	 * absent (zero), with one value per output channel. A bias is read flat by every consumer, so [c, 1, 1] passes.
	 * A neuron parameter given per neuron ({@code <key>.<parameter>}) needs a layer with neurons and one value per
	 * neuron, in any shape.
	 * A delayed edge (a recurrent layer's onto itself) needs its own weights in {@link ResolvedNetwork#weightShape}.
	 * A QCFS layer's clip λ and levels L come together, one value each, on a layer QCFS can replace the relu of.
	 */
	public static String problem(ResolvedNetwork network, WeightStore weights) {
		String layers = layerProblem(network, weights);
		if (layers != null)
			return layers;
		String qcfs = qcfsProblem(network, weights);
		return qcfs != null ? qcfs : delayedEdgeProblem(network, weights);
	}

	private static String qcfsProblem(ResolvedNetwork network, WeightStore weights) {
		java.util.List<NetLayer> quantisable = QcfsLayers.of(network);
		for (NetLayer layer : network.layers()) {
			String clip = WeightKeys.clip(layer.key()), levels = WeightKeys.levels(layer.key());
			if (!weights.contains(clip) && !weights.contains(levels))
				continue;
			if (!quantisable.contains(layer))
				return "'" + (weights.contains(clip) ? clip : levels) + "' makes " + layer.describe() + " a qcfs layer, but qcfs replaces the"
						+ " relu of hidden dense and convolution layers only";
			if (!weights.contains(clip) || !weights.contains(levels))
				return layer.describe() + " needs both '" + clip + "' (its λ) and '" + levels + "' (its L) as a qcfs layer; the file gives only '"
						+ (weights.contains(clip) ? clip : levels) + "'";
			float[] lambda = weights.get(clip).data(), l = weights.get(levels).data();
			if (lambda.length != 1 || !(lambda[0] > 0) || Float.isInfinite(lambda[0]))
				return "'" + clip + "' needs one positive value (the clip λ of " + layer.describe() + "), the file's has " + Arrays.toString(lambda);
			if (l.length != 1 || !(l[0] >= 1) || l[0] != Math.rint(l[0]))
				return "'" + levels + "' needs one whole number of at least 1 (the levels L of " + layer.describe() + "), the file's has "
						+ Arrays.toString(l);
		}
		return null;
	}

	private static String delayedEdgeProblem(ResolvedNetwork network, WeightStore weights) {
		for (DelayedEdge edge : network.delayed()) {
			String key = edge.weightKey();
			int[] expected = network.weightShape(edge);
			if (!weights.contains(key))
				return network.describe(edge) + " needs '" + key + "' of shape " + Arrays.toString(expected) + " (from each neuron to each),"
						+ " which the file does not have; the file has " + String.join(", ", weights.names());
			if (!Arrays.equals(weights.get(key).shape(), expected))
				return network.describe(edge) + " needs '" + key + "' of shape " + Arrays.toString(expected) + ", the file's has shape "
						+ Arrays.toString(weights.get(key).shape());
		}
		return null;
	}

	private static String layerProblem(ResolvedNetwork network, WeightStore weights) {
		for (NetLayer layer : network.weighted()) {
			String key = layer.weightKey();
			int[] expected = layer.weightShape();
			if (!weights.contains(key))
				return layer.describe() + " needs '" + key + "' of shape " + Arrays.toString(expected) + ", which the file does not"
						+ " have; weights are named by layer label (or layer{n}), the file has " + String.join(", ", weights.names());
			FloatTensor w = weights.get(key);
			if (!Arrays.equals(w.shape(), expected))
				return layer.describe() + " needs '" + key + "' of shape " + Arrays.toString(expected) + ", the file's has shape "
						+ Arrays.toString(w.shape());
			String biasKey = layer.biasKey();
			int[] biasShape = layer.biasShape();
			if (weights.contains(biasKey) && weights.get(biasKey).data().length != biasShape[0])
				return layer.describe() + " needs '" + biasKey + "' of shape " + Arrays.toString(biasShape) + ", the file's has shape "
						+ Arrays.toString(weights.get(biasKey).shape());
		}
		for (NetLayer layer : network.layers())
			for (String parameter : NeuronModels.parameterNames()) {
				String key = WeightKeys.parameter(layer.key(), parameter);
				if (!weights.contains(key))
					continue;
				if (SpikingLayers.handsOn(layer) || !SpikingLayers.hasNeurons(layer))
					return "'" + key + "' gives neuron parameters per neuron, but " + layer.describe() + " has no neurons";
				if (weights.get(key).data().length != layer.outSize())
					return layer.describe() + " has " + layer.outSize() + " neurons, so '" + key + "' needs one value per neuron ("
							+ layer.outSize() + "), the file's has shape " + Arrays.toString(weights.get(key).shape());
			}
		return null;
	}

	/**
	 * The first problem of an importer's output: its network resolved as a .volr file's is, then its weights checked
	 * against it; null when there is none. A problem here is the importer's bug, shown before anything is written.
	 */
	public static String problem(ImportedModel imported) {
		try {
			return problem(NetworkResolver.resolve(NetworkInliner.inline(imported.network())), imported.weights());
		} catch (ResolveException e) {
			return e.getMessage();
		}
	}
}
