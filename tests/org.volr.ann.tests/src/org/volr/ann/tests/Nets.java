package org.volr.ann.tests;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.volr.core.nd4j.Nd4jSupport;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Network;
import org.volr.model.VolrFile;

/** Small helpers: networks from Volr text, arrays from literals. */
final class Nets {
	private Nets() {
	}

	static Network network(String text) {
		VolrFile file = VolrLanguage.create().parse(text);
		return (Network) file.getElements().get(0);
	}

	/** A batch of one sample of the given shape. */
	static INDArray sample(float[] values, long... shape) {
		Nd4jSupport.init();
		long[] batch = new long[shape.length + 1];
		batch[0] = 1;
		System.arraycopy(shape, 0, batch, 1, shape.length);
		return Nd4j.create(values, batch, 'c');
	}

	static float[] values(INDArray a) {
		return a.dup('c').data().asFloat();
	}

	static float[] range(int from, int to) {
		float[] v = new float[to - from + 1];
		for (int i = 0; i < v.length; i++)
			v[i] = from + i;
		return v;
	}
}
