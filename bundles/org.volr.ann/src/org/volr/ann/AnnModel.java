package org.volr.ann;

import java.util.Arrays;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.volr.core.nd4j.Nd4jSupport;
import org.volr.core.weights.WeightStore;
import org.volr.net.NetLayer;
import org.volr.net.ResolvedNetwork;

/**
 * A network with weights, ready to run forward on batches with nd4j. Feature maps are channels-first, batches
 * are [n, ...inputShape]. Weights follow Volr Studio's conventions (see {@link org.volr.net.WeightKeys} and the
 * simulator's SEMANTICS.md): dense [in, out], conv2d [out, in, kh, kw], conv1d [out, in, k], depthwise
 * [in·m, 1, kh, kw]. Instances are immutable and may be shared between threads.
 */
public final class AnnModel {
	private final ResolvedNetwork network;
	private final LayerGraph graph;

	private AnnModel(ResolvedNetwork network, LayerGraph graph) {
		this.network = network;
		this.graph = graph;
	}

	/** @throws AnnException if the network has a batch norm, or a weight is missing or misshapen */
	public static AnnModel of(ResolvedNetwork network, WeightStore weights) {
		Nd4jSupport.init();
		return new AnnModel(network, NetworkCompiler.compile(network, weights));
	}

	public ResolvedNetwork network() {
		return network;
	}

	public int[] inputShape() {
		return network.inputShape();
	}

	public int[] outputShape() {
		return graph.outputShape();
	}

	/** The network's output for a batch [n, ...inputShape]. */
	public INDArray predict(INDArray x) {
		return graph.apply(checked(x), null);
	}

	/** For every layer with weights, in writing order: its pre- and post-activation output for the batch. */
	public List<LayerActivation> activations(INDArray x) {
		Recorder recorder = new Recorder();
		graph.apply(checked(x), recorder);
		return recorder.result();
	}

	/**
	 * What a layer with weights hands on to the layers after it in place of its activation (after its own activation
	 * function; a directly following activation layer then applies to what is handed on).
	 */
	@FunctionalInterface
	public interface PassOn {
		INDArray apply(NetLayer layer, INDArray activation);
	}

	/**
	 * {@link #activations(INDArray)} with every layer with weights handing on {@code passOn}'s value instead of its
	 * activation: e.g. a conversion's calibration, which replaces the activations of the layers before the one it
	 * calibrates by the values their spiking neurons can pass on in a few steps. What is recorded is each layer's own
	 * activation of what it received.
	 */
	public List<LayerActivation> activations(INDArray x, PassOn passOn) {
		Recorder recorder = new Recorder(passOn);
		graph.apply(checked(x), recorder);
		return recorder.result();
	}

	private INDArray checked(INDArray x) {
		int[] inputShape = network.inputShape();
		long[] expected = new long[inputShape.length + 1];
		expected[0] = x.rank() > 0 ? x.size(0) : 0;
		for (int i = 0; i < inputShape.length; i++)
			expected[i + 1] = inputShape[i];
		if (!Arrays.equals(x.shape(), expected))
			throw new AnnException("network '" + network.name() + "' expects batches of " + Arrays.toString(inputShape)
					+ ", got an array of shape " + Arrays.toString(x.shape()));
		return x.dataType() == DataType.FLOAT ? x : x.castTo(DataType.FLOAT);
	}
}
