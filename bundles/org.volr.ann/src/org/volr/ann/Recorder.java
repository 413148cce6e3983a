package org.volr.ann;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Collects {@link LayerActivation}s during one forward pass, and may replace what the weighted layers hand on. */
final class Recorder {
	private final List<LayerActivation> recorded = new ArrayList<>();
	/** What the weighted layers hand on in place of their activations, or null: their activations. */
	private final AnnModel.PassOn passOn;
	/** The record that a following activation layer still belongs to, or -1. */
	private int open = -1;

	Recorder() {
		this(null);
	}

	Recorder(AnnModel.PassOn passOn) {
		this.passOn = passOn;
	}

	/** Records a weighted layer's activation; returns what the layer hands on to the layers after it. */
	INDArray weighted(LayerActivation activation) {
		recorded.add(activation);
		open = recorded.size() - 1;
		return passOn == null ? activation.postActivation() : passOn.apply(activation.layer(), activation.postActivation());
	}

	/** An activation layer ran: if it directly follows a weighted layer, its output is that layer's output. */
	void activated(INDArray output) {
		if (open >= 0)
			recorded.set(open, recorded.get(open).withPost(output));
	}

	/** Anything that changes values other than an activation (pooling, a branch or a join of branches) ends the weighted layer. */
	void close() {
		open = -1;
	}

	List<LayerActivation> result() {
		return List.copyOf(recorded);
	}
}
