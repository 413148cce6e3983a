package org.volr.ann;

import java.util.SplittableRandom;

/**
 * Keras' default kernel initialiser: uniform in ±sqrt(6 / (fanIn + fanOut)), with fans counted over the receptive
 * field. Values come from a seeded Java generator, not nd4j's, so that they are the same on every machine and
 * thread count.
 */
public final class GlorotUniform {
	private GlorotUniform() {
	}

	public static float[] sample(int count, long fanIn, long fanOut, SplittableRandom random) {
		double limit = Math.sqrt(6.0 / (fanIn + fanOut));
		float[] values = new float[count];
		for (int i = 0; i < count; i++)
			values[i] = (float) ((random.nextDouble() * 2 - 1) * limit);
		return values;
	}
}
