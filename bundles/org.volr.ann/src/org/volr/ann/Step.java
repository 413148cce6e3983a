package org.volr.ann;

import org.nd4j.linalg.api.ndarray.INDArray;

/** One part of a compiled network: maps a batch [n, ...inShape] to [n, ...outShape]. */
interface Step {
	/** @param recorder collects weighted layers' activations, or null when only the output is wanted */
	INDArray apply(INDArray x, Recorder recorder);
}
