package org.volr.convert;

/**
 * The normalisation scale of one layer with weights.
 *
 * @param layer   the layer's weight-store name
 * @param lambda  λ: one value for the layer, or one per output channel (per unit of a dense layer) when
 *                normalising channel-wise
 * @param clipped the fraction of the layer's activation values over the normalisation samples that exceed λ: these
 *                would need more than one spike per step and are clipped by the spiking network
 */
public record LayerScale(String layer, float[] lambda, double clipped) {

	public boolean channelwise() {
		return lambda.length > 1;
	}

	/** λ of an output channel (the layer's λ when not channel-wise). */
	public float lambda(int channel) {
		return lambda.length == 1 ? lambda[0] : lambda[channel];
	}
}
