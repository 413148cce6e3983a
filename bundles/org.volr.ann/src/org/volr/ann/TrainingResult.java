package org.volr.ann;

import org.volr.core.weights.WeightStore;

/**
 * What a training run produced.
 *
 * @param weights     "{name}.weight" / "{name}.bias" for every dense and convolution layer, in layer order
 * @param batchLosses the mean cross-entropy of every mini-batch before its update, in training order (empty unless
 *                    asked for with {@link Trainer#trainWithLosses})
 * @param millis      wall-clock time of the training loop
 */
public record TrainingResult(WeightStore weights, float[] batchLosses, long millis) {
}
