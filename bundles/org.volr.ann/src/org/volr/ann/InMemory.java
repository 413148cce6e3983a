package org.volr.ann;

import org.volr.core.data.Batch;
import org.volr.core.data.BatchIterator;
import org.volr.core.data.Dataset;
import org.volr.core.progress.Progress;

/** A training set read once into memory, since every epoch visits it in a new order (ANN and spiking training alike). */
public record InMemory(float[] features, int[] labels, int[] sampleShape, int sampleSize, int classes) {
	public int size() {
		return labels.length;
	}

	public static InMemory load(Dataset data, Progress p) {
		int[] shape = data.sampleShape();
		int sampleSize = 1;
		for (int d : shape)
			sampleSize *= d;
		long total = (long) sampleSize * data.size();
		if (total > Integer.MAX_VALUE - 8)
			throw new AnnException(data.name() + " is too large to train on in memory (" + data.size() + " samples of "
					+ sampleSize + " values); use a limit");
		float[] features = new float[(int) total];
		int[] labels = new int[data.size()];
		int at = 0;
		try (BatchIterator batches = data.batches(1024)) {
			while (batches.hasNext()) {
				p.checkCancelled();
				Batch b = batches.next();
				System.arraycopy(b.features(), 0, features, at * sampleSize, b.features().length);
				System.arraycopy(b.labels(), 0, labels, at, b.size());
				at += b.size();
			}
		}
		for (int label : labels)
			if (label < 0 || label >= data.numClasses())
				throw new AnnException(data.name() + ": label " + label + " outside 0.." + (data.numClasses() - 1));
		return new InMemory(features, labels, shape, sampleSize, data.numClasses());
	}
}
