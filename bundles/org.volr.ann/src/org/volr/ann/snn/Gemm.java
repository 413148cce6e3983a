package org.volr.ann.snn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Matrix products of row-major float arrays on nd4j's BLAS (sgemm), for the trainer's large products. */
final class Gemm {
	private Gemm() {
	}

	/**
	 * op(A)·op(B), op transposing when asked; A is [rowsA, colsA] and B [rowsB, colsB] as stored. Returns the product,
	 * row-major.
	 */
	static float[] multiply(float[] a, int rowsA, int colsA, boolean transposeA, float[] b, int rowsB, int colsB, boolean transposeB) {
		INDArray x = Nd4j.create(a, new long[] { rowsA, colsA }, 'c');
		INDArray y = Nd4j.create(b, new long[] { rowsB, colsB }, 'c');
		INDArray product = Nd4j.gemm(x, y, transposeA, transposeB);
		return product.dup('c').data().asFloat();
	}
}
