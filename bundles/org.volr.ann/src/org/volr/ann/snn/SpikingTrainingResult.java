package org.volr.ann.snn;

import org.volr.core.weights.WeightStore;

/**
 * What a spiking training run produced.
 *
 * @param weights          "{key}.weight" [in, out] and "{key}.bias" of every dense layer, used by the simulator as they are
 * @param epochLosses      every epoch's mean loss over its batches (each measured before its update)
 * @param epochAccuracies  every epoch's share of training samples whose logits' highest entry was their label, before the update
 * @param epochRates       every epoch's learning rate, as the schedule gave it
 * @param millis           wall-clock time of the training loop
 */
public record SpikingTrainingResult(WeightStore weights, float[] epochLosses, float[] epochAccuracies, double[] epochRates, long millis) {
}
