package org.volr.ann;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.volr.net.Activation;

/** Steps without weights: global pooling, flatten/reshape, activation layers and layers skipped at inference. */
final class ShapeSteps {
	private ShapeSteps() {
	}

	/** Layers without neurons apply an activation only when one is written explicitly (e.g. "avgpool 2 relu"). */
	static INDArray explicitActivation(Activation a, INDArray x) {
		return a == null ? x : Activations.apply(a, x);
	}

	static Step globalPool(boolean max, Activation activation) {
		return (x, recorder) -> {
			if (recorder != null)
				recorder.close();
			long[] spatial = new long[x.rank() - 2];
			for (int i = 0; i < spatial.length; i++)
				spatial[i] = i + 2;
			int[] axes = Arrays.stream(spatial).mapToInt(l -> (int) l).toArray();
			INDArray out = max ? x.max(axes) : x.mean(axes);
			return explicitActivation(activation, out);
		};
	}

	/** Flatten and reshape re-index in C order: a [C, H, W] map flattens in channel, row, column order. */
	static Step reshape(int[] sampleShape, Activation activation) {
		return (x, recorder) -> {
			long[] shape = new long[sampleShape.length + 1];
			shape[0] = x.size(0);
			for (int i = 0; i < sampleShape.length; i++)
				shape[i + 1] = sampleShape[i];
			return explicitActivation(activation, x.dup('c').reshape('c', shape));
		};
	}

	static Step activation(Activation activation) {
		return (x, recorder) -> {
			INDArray out = Activations.apply(activation, x);
			if (recorder != null)
				recorder.activated(out);
			return out;
		};
	}

	/** Dropout and identity do nothing at inference. */
	static Step skip() {
		return (x, recorder) -> x;
	}
}
