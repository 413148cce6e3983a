package org.volr.core.data;

/**
 * Another dataset's samples, changed batch by batch (standardised, seen in another shape): name, size, labels and
 * classes are the other's. A subclass says what becomes of a batch.
 */
public abstract class DatasetView implements Dataset {
    protected final Dataset data;

    protected DatasetView(Dataset data) {
        this.data = data;
    }

    /**
     * The batch as this view shows it; the given batch's arrays may be the reader's own, so copy before changing them.
     *
     * @param firstSample the batch's first sample's index in the data (for messages that name a sample)
     */
    protected abstract Batch view(Batch batch, long firstSample);

    @Override
    public String name() {
        return data.name();
    }

    @Override
    public int[] sampleShape() {
        return data.sampleShape();
    }

    @Override
    public int numClasses() {
        return data.numClasses();
    }

    @Override
    public int size() {
        return data.size();
    }

    @Override
    public int[] labels() {
        return data.labels();
    }

    @Override
    public BatchIterator batches(int batchSize) {
        BatchIterator batches = data.batches(batchSize);
        return new BatchIterator() {
            private long sample;

            @Override
            public boolean hasNext() {
                return batches.hasNext();
            }

            @Override
            public Batch next() {
                Batch batch = batches.next();
                Batch viewed = view(batch, sample);
                sample += batch.size();
                return viewed;
            }

            @Override
            public void close() {
                batches.close();
            }
        };
    }
}
