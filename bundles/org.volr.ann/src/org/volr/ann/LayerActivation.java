package org.volr.ann;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.volr.model.Layer;

/**
 * What one layer with weights (dense or convolution) computed for a batch.
 *
 * @param name          the layer's weight-store name ("fc1", "layer3")
 * @param layer         the layer in the model
 * @param preActivation the linear map plus bias, [batch, ...outShape]
 * @param postActivation the value passed on: after the layer's activation and any activation layers that directly
 *                      follow it (so a "dense 10 linear ⦶ relu" pair is recorded as one relu layer)
 */
public record LayerActivation(String name, Layer layer, INDArray preActivation, INDArray postActivation) {

	LayerActivation withPost(INDArray post) {
		return new LayerActivation(name, layer, preActivation, post);
	}
}
