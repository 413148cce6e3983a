package org.volr.scale;

import java.util.Arrays;
import java.util.NoSuchElementException;

import org.volr.core.data.Batch;
import org.volr.core.data.BatchIterator;
import org.volr.core.data.Dataset;

/**
 * Samples {@code from} (inclusive) to {@code to} of a dataset: one shard of a sharded run. The shard starts on a
 * batch boundary of the run's batch size, so that its batches are exactly the whole run's batches from there on.
 */
final class DatasetSlice implements Dataset {
	private final Dataset whole;
	private final int from, to;

	DatasetSlice(Dataset whole, int from, int to) {
		if (from < 0 || to > whole.size() || from > to)
			throw new IllegalArgumentException("samples " + from + " to " + to + " are not within the " + whole.size() + " of " + whole.name());
		this.whole = whole;
		this.from = from;
		this.to = to;
	}

	@Override
	public String name() {
		return whole.name();
	}

	@Override
	public int[] sampleShape() {
		return whole.sampleShape();
	}

	@Override
	public int numClasses() {
		return whole.numClasses();
	}

	@Override
	public int size() {
		return to - from;
	}

	@Override
	public int[] labels() {
		return Arrays.copyOfRange(whole.labels(), from, to);
	}

	@Override
	public BatchIterator batches(int batchSize) {
		if (from % batchSize != 0)
			throw new IllegalArgumentException("a shard from sample " + from + " does not start on a batch of " + batchSize);
		BatchIterator all = whole.batches(batchSize);
		// the batches before the shard are read and dropped: the formats read in order (compressed files)
		for (int skipped = 0; skipped < from; skipped += batchSize)
			all.next();
		return new BatchIterator() {
			private int at = from;

			@Override
			public boolean hasNext() {
				return at < to && all.hasNext();
			}

			@Override
			public Batch next() {
				if (!hasNext())
					throw new NoSuchElementException();
				Batch b = all.next();
				at += b.size();
				if (at > to)
					throw new IllegalArgumentException("a shard to sample " + to + " does not end on a batch of " + batchSize);
				return b;
			}

			@Override
			public void close() {
				all.close();
			}
		};
	}
}
