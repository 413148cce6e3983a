package org.volr.convert.keras;

import java.nio.file.Path;
import java.util.List;

import org.volr.convert.ImportException;
import org.volr.core.weights.FloatTensor;
import org.volr.model.Activation;
import org.volr.model.Conv;
import org.volr.model.ConvKind;
import org.volr.model.Dense;
import org.volr.model.Flatten;
import org.volr.model.GlobalPool;
import org.volr.model.Network;
import org.volr.model.Padding;
import org.volr.model.Pool;
import org.volr.model.PoolKind;
import org.volr.model.PoolOp;
import org.volr.model.shapes.NetType;
import org.volr.model.shapes.ShapeInference;
import org.volr.convert.keras.KerasImporter.Step;

/**
 * Removes batch normalisation by folding its per-channel affine map y = s·x + t into a neighbouring linear layer,
 * exactly. Into the layer before it when that layer is linear (conv → BN → relu); otherwise into the next dense
 * or convolution (relu → BN → ... → conv), which is exact only if everything in between commutes with the map
 * (flatten, average pooling, max pooling when every s > 0) and the convolution pads nothing (padded zeros would
 * not be shifted). Anything else is refused: the SNN toolbox's silent wrong folding is what this avoids.
 */
final class BatchNormFolding {
	private final Path file;
	private final List<String> notes;

	BatchNormFolding(Path file, List<String> notes) {
		this.file = file;
		this.notes = notes;
	}

	void fold(List<Step> steps, Network network) throws ImportException {
		for (int i = 0; i < steps.size(); i++) {
			Step bn = steps.get(i);
			if (!bn.isBatchNorm())
				continue;
			Step before = i > 0 ? steps.get(i - 1) : null;
			if (before != null && (before.layer instanceof Dense || before.layer instanceof Conv)
					&& before.layer.getActivation() == Activation.LINEAR) {
				foldBackward(before, bn);
				notes.add("folded " + bn.describe() + " into '" + before.keras.name() + "' before it");
			} else {
				Step target = foldForward(steps, i, network);
				notes.add("folded " + bn.describe() + " into '" + target.keras.name() + "' after it (exact: nothing"
						+ " between them breaks the per-channel affine map)");
			}
			steps.remove(i);
			i--;
		}
	}

	/** z = W·x + b, y = s·z + t  ⇒  W' = s·W, b' = s·b + t (per output channel). */
	private static void foldBackward(Step layer, Step bn) {
		FloatTensor w = layer.weight;
		int outputs = bn.bnScale.length;
		float[] data = w.data().clone();
		if (layer.layer instanceof Dense) { // [in, out]
			for (int f = 0; f < w.shape()[0]; f++)
				for (int o = 0; o < outputs; o++)
					data[f * outputs + o] *= bn.bnScale[o];
		} else { // [out, ...]
			int per = data.length / outputs;
			for (int o = 0; o < outputs; o++)
				for (int k = 0; k < per; k++)
					data[o * per + k] *= bn.bnScale[o];
		}
		layer.weight = new FloatTensor(w.shape(), data);
		float[] b = new float[outputs];
		for (int o = 0; o < outputs; o++)
			b[o] = (layer.bias == null ? 0 : layer.bias.data()[o]) * bn.bnScale[o] + bn.bnShift[o];
		layer.bias = new FloatTensor(new int[] { outputs }, b);
	}

	private Step foldForward(List<Step> steps, int at, Network network) throws ImportException {
		Step bn = steps.get(at);
		boolean allPositive = true;
		for (float s : bn.bnScale)
			allPositive &= s > 0;
		int spatialAtFlatten = 1; // features per channel once a Flatten has run
		for (int j = at + 1; j < steps.size(); j++) {
			Step next = steps.get(j);
			if (next.isBatchNorm())
				throw refuse(bn, "another batch normalisation follows before any dense or convolution layer");
			if (next.layer instanceof Flatten flatten) {
				NetType t = ShapeInference.of(network).typeOf(flatten);
				if (t != null)
					spatialAtFlatten = (int) (t.in().size() / t.in().dim(0));
				continue;
			}
			if (next.layer instanceof Pool pool) {
				boolean max = pool.getKind() == PoolKind.MAX1D || pool.getKind() == PoolKind.MAX2D;
				if (max && !allPositive)
					throw refuse(bn, "max pooling '" + next.keras.name() + "' follows and some scales are negative,"
							+ " so max(s·x + t) ≠ s·max(x) + t");
				if (!max && pool.getPadding() == Padding.SAME)
					throw refuse(bn, "average pooling '" + next.keras.name() + "' pads its input");
				continue;
			}
			if (next.layer instanceof GlobalPool g) {
				if (g.getOp() == PoolOp.MAX && !allPositive)
					throw refuse(bn, "global max pooling follows and some scales are negative");
				continue;
			}
			if (next.layer instanceof Dense) {
				foldIntoDense(next, bn, spatialAtFlatten);
				return next;
			}
			if (next.layer instanceof Conv conv) {
				if (conv.getPadding() == Padding.SAME && conv.getKernel().stream().anyMatch(k -> k > 1))
					throw refuse(bn, "the next convolution '" + next.keras.name() + "' pads its input ('same'), and the"
							+ " padded zeros would have to be shifted too");
				if (!conv.getPadAmount().isEmpty() && conv.getPadAmount().stream().anyMatch(p -> p > 0))
					throw refuse(bn, "the next convolution '" + next.keras.name() + "' pads its input");
				foldIntoConv(next, bn, conv.getKind() == ConvKind.DEPTHWISE2D);
				return next;
			}
			throw refuse(bn, "'" + next.keras.name() + "' (" + next.keras.className() + ") comes before any dense or"
					+ " convolution layer, and the map does not pass through it");
		}
		throw refuse(bn, "no dense or convolution layer follows to fold it into");
	}

	/** y = W·(s·x + t) + b  ⇒  W' = W·diag(s), b' = b + W·t; the channel of input feature f is f / spatial. */
	private static void foldIntoDense(Step dense, Step bn, int spatial) {
		FloatTensor w = dense.weight;
		int in = w.shape()[0], out = w.shape()[1];
		float[] data = w.data().clone();
		float[] b = new float[out];
		for (int o = 0; o < out; o++)
			b[o] = dense.bias == null ? 0 : dense.bias.data()[o];
		for (int f = 0; f < in; f++) {
			int ch = Math.min(f / spatial, bn.bnScale.length - 1);
			for (int o = 0; o < out; o++) {
				float orig = data[f * out + o];
				b[o] += orig * bn.bnShift[ch];
				data[f * out + o] = orig * bn.bnScale[ch];
			}
		}
		dense.weight = new FloatTensor(w.shape(), data);
		dense.bias = new FloatTensor(new int[] { out }, b);
	}

	private static void foldIntoConv(Step conv, Step bn, boolean depthwise) {
		FloatTensor w = conv.weight;
		int out = w.shape()[0], in = w.shape()[1];
		int per = w.data().length / (out * in);
		int multiplier = depthwise ? out / bn.bnScale.length : 1;
		float[] data = w.data().clone();
		float[] b = new float[out];
		for (int o = 0; o < out; o++) {
			b[o] = conv.bias == null ? 0 : conv.bias.data()[o];
			for (int i = 0; i < in; i++) {
				int ch = depthwise ? o / multiplier : i;
				for (int k = 0; k < per; k++) {
					int idx = (o * in + i) * per + k;
					b[o] += data[idx] * bn.bnShift[ch];
					data[idx] *= bn.bnScale[ch];
				}
			}
		}
		conv.weight = new FloatTensor(w.shape(), data);
		conv.bias = new FloatTensor(new int[] { out }, b);
	}

	private ImportException refuse(Step bn, String why) {
		return new ImportException(file, bn.describe() + " cannot be folded exactly: " + why
				+ ". Move it directly after a dense or convolution layer (before the activation) and retrain");
	}
}
