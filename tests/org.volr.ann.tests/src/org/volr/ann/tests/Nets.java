package org.volr.ann.tests;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.volr.core.nd4j.Nd4jSupport;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Network;
import org.volr.model.VolrFile;
import org.volr.net.NetworkResolver;
import org.volr.net.ResolveException;
import org.volr.net.ResolvedNetwork;

/** Small helpers: networks from Volr text, arrays from literals. */
final class Nets {
	private Nets() {
	}

	/** The first network of a Volr text, resolved. */
	static ResolvedNetwork network(String text) {
		VolrFile file = VolrLanguage.create().parse(text);
		return resolved((Network) file.getElements().get(0));
	}

	static ResolvedNetwork resolved(Network network) {
		try {
			return NetworkResolver.resolve(network);
		} catch (ResolveException e) {
			throw new AssertionError(e.getMessage(), e);
		}
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
