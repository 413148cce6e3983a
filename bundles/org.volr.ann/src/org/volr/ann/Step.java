package org.volr.ann;

import org.nd4j.linalg.api.ndarray.INDArray;

/** What one layer of a compiled network computes: maps its input batch [n, ...inShape] to [n, ...outShape]. */
interface Step {
	/** @param recorder collects weighted layers' activations, or null when only the output is wanted */
	INDArray apply(INDArray x, Recorder recorder);
}
