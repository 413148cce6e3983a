package org.volr.ann;

import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.volr.core.nd4j.Nd4jSupport;
import org.volr.core.weights.WeightStore;
import org.volr.model.Network;

/**
 * A network with weights, ready to run forward on batches with nd4j. Feature maps are channels-first, batches
 * are [n, ...inputShape]. Weights follow Volr Studio's conventions (see {@link LayerNames} and the simulator's
 * SEMANTICS.md): dense [in, out], conv2d [out, in, kh, kw], conv1d [out, in, k], depthwise [in·m, 1, kh, kw].
 * Instances are immutable and may be shared between threads.
 */
public final class AnnModel {
	private final Network network;
	private final NetworkCompiler.Compiled compiled;

	private AnnModel(Network network, NetworkCompiler.Compiled compiled) {
		this.network = network;
		this.compiled = compiled;
	}

	/** @throws AnnException if the network does not type-check, has a batch norm, or a weight is missing or misshapen */
	public static AnnModel of(Network network, WeightStore weights) {
		Nd4jSupport.init();
		return new AnnModel(network, NetworkCompiler.compile(network, weights));
	}

	public Network network() {
		return network;
	}

	public int[] inputShape() {
		return compiled.inputShape().clone();
	}

	public int[] outputShape() {
		return compiled.outputShape().clone();
	}

	/** The network's output for a batch [n, ...inputShape]. */
	public INDArray predict(INDArray x) {
		return compiled.step().apply(checked(x), null);
	}

	/** For every layer with weights, in writing order: its pre- and post-activation output for the batch. */
	public List<LayerActivation> activations(INDArray x) {
		Recorder recorder = new Recorder();
		compiled.step().apply(checked(x), recorder);
		return recorder.result();
	}

	private INDArray checked(INDArray x) {
		long[] expected = new long[compiled.inputShape().length + 1];
		expected[0] = x.rank() > 0 ? x.size(0) : 0;
		for (int i = 0; i < compiled.inputShape().length; i++)
			expected[i + 1] = compiled.inputShape()[i];
		if (!Arrays.equals(x.shape(), expected))
			throw new AnnException("network '" + network.getName() + "' expects batches of " + Arrays.toString(compiled.inputShape())
					+ ", got an array of shape " + Arrays.toString(x.shape()));
		return x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.FLOAT);
	}
}
