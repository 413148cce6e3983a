package org.volr.ann;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.volr.net.NetLayer;

/**
 * What one layer with weights (dense or convolution) computed for a batch.
 *
 * @param layer          the layer in the resolved network
 * @param preActivation  the linear map plus bias, [batch, ...outShape]
 * @param postActivation the value passed on: after the layer's activation and any activation layers that directly
 *                       follow it (so a "dense 10 linear ⦶ relu" pair is recorded as one relu layer)
 */
public record LayerActivation(NetLayer layer, INDArray preActivation, INDArray postActivation) {

	/** The layer's weight-store name ("fc1", "layer3"). */
	public String name() {
		return layer.key();
	}

	LayerActivation withPost(INDArray post) {
		return new LayerActivation(layer, preActivation, post);
	}
}
