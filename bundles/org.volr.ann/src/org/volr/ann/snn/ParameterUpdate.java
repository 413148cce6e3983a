package org.volr.ann.snn;

import org.volr.model.Optimizer;

/**
 * Adam (β1 0.9, β2 0.999, ε 1e-8, nd4j's and Keras' defaults, the ANN trainer's) or plain SGD over the spiking
 * network's parameters, one array each.
 */
final class ParameterUpdate {
	private static final double BETA1 = 0.9, BETA2 = 0.999, EPSILON = 1e-8;
	private final Optimizer optimizer;
	/** The step size of the current epoch ({@link org.volr.ann.LearningRateSchedule}). */
	private double rate;
	private final float[][] m, v;
	private int iteration;

	ParameterUpdate(Optimizer optimizer, double rate, float[][] parameters) {
		this.optimizer = optimizer;
		this.rate = rate;
		m = new float[parameters.length][];
		v = new float[parameters.length][];
		for (int p = 0; p < parameters.length; p++) {
			m[p] = new float[parameters[p].length];
			v[p] = new float[parameters[p].length];
		}
	}

	/** The rate of the following steps; Adam's moments and its bias correction carry on across a change. */
	void rate(double rate) {
		this.rate = rate;
	}

	/** One step: parameters[p] moves against gradients[p]. */
	void apply(float[][] parameters, float[][] gradients) {
		iteration++;
		if (optimizer == Optimizer.SGD) {
			for (int p = 0; p < parameters.length; p++)
				for (int i = 0; i < parameters[p].length; i++)
					parameters[p][i] -= (float) (rate * gradients[p][i]);
			return;
		}
		double alpha = rate * Math.sqrt(1 - Math.pow(BETA2, iteration)) / (1 - Math.pow(BETA1, iteration));
		for (int p = 0; p < parameters.length; p++) {
			float[] w = parameters[p], g = gradients[p], mp = m[p], vp = v[p];
			for (int i = 0; i < w.length; i++) {
				mp[i] = (float) (BETA1 * mp[i] + (1 - BETA1) * g[i]);
				vp[i] = (float) (BETA2 * vp[i] + (1 - BETA2) * g[i] * g[i]);
				w[i] -= (float) (alpha * mp[i] / (Math.sqrt(vp[i]) + EPSILON));
			}
		}
	}
}
