package org.volr.ann;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.volr.core.data.Batch;
import org.volr.core.data.BatchIterator;
import org.volr.core.data.Dataset;
import org.volr.core.progress.Progress;

/** Classification accuracy of an analog network on a dataset. */
public final class Evaluator {
	private Evaluator() {
	}

	/** The fraction of samples whose highest output is their label; ties go to the lower index. */
	public static double accuracy(AnnModel model, Dataset data, int batch, Progress progress) {
		return (double) correct(model, data, batch, progress) / Math.max(1, data.size());
	}

	/** The number of correctly classified samples (exact, for comparing with published accuracies). */
	public static int correct(AnnModel model, Dataset data, int batch, Progress progress) {
		if (batch <= 0)
			throw new IllegalArgumentException("batch size must be positive, got " + batch);
		Progress p = progress == null ? Progress.NONE : progress;
		p.begin("evaluating on " + data.name(), data.size());
		int correct = 0;
		try (BatchIterator batches = data.batches(batch)) {
			while (batches.hasNext()) {
				p.checkCancelled();
				Batch b = batches.next();
				INDArray out = model.predict(b.featuresAsINDArray());
				correct += countCorrect(out.reshape('c', b.size(), -1), b.labels());
				p.advance(b.size());
			}
		} finally {
			p.done();
		}
		return correct;
	}

	static int countCorrect(INDArray outputs, int[] labels) {
		float[] values = outputs.dup('c').data().asFloat();
		int classes = (int) outputs.size(1), correct = 0;
		for (int i = 0; i < labels.length; i++) {
			int best = 0;
			for (int c = 1; c < classes; c++)
				if (values[i * classes + c] > values[i * classes + best])
					best = c;
			if (best == labels[i])
				correct++;
		}
		return correct;
	}
}
