package org.volr.ann;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.volr.net.Activation;

/** The element-wise (and softmax) functions of a resolved layer's {@link Activation}. */
final class Activations {
	private Activations() {
	}

	/** Returns a new array; the input is not changed. */
	static INDArray apply(Activation a, INDArray x) {
		return switch (a) {
		case RELU -> Transforms.relu(x, true);
		case LINEAR -> x;
		case SIGMOID -> Transforms.sigmoid(x, true);
		case TANH -> Transforms.tanh(x, true);
		case SOFTMAX -> softmaxOverChannels(x);
		};
	}

	// Softmax runs over axis 1: the classes of a vector, the channels of a feature map (Keras' channel axis).
	private static INDArray softmaxOverChannels(INDArray x) {
		if (x.rank() == 2)
			return Transforms.softmax(x, true);
		int rank = x.rank();
		int[] toLast = new int[rank];
		toLast[0] = 0;
		for (int i = 1; i < rank - 1; i++)
			toLast[i] = i + 1;
		toLast[rank - 1] = 1;
		INDArray channelsLast = x.permute(toLast).dup('c');
		long[] shape = channelsLast.shape();
		INDArray rows = Transforms.softmax(channelsLast.reshape('c', -1, shape[rank - 1]), true).reshape('c', shape);
		int[] back = new int[rank];
		back[0] = 0;
		back[1] = rank - 1;
		for (int i = 2; i < rank; i++)
			back[i] = i - 1;
		return rows.permute(back).dup('c');
	}
}
