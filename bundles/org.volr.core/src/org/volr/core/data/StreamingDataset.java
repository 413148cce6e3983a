package org.volr.core.data;

import java.util.Arrays;
import java.util.NoSuchElementException;

/** What every reader shares: the window (offset, limit), labels in memory, and features streamed by batch. */
abstract class StreamingDataset implements Dataset {
    private final String name;
    private final SampleLayout layout;
    private final Labels labels;
    private final int first;
    private final int size;
    private final float scale;

    /**
     * @param labels all labels of the file; the window is taken from options
     * @param byteData whether the stored features are bytes (for the automatic scale)
     */
    StreamingDataset(String name, SampleLayout layout, Labels labels, DatasetOptions options, boolean byteData,
            String file) {
        this.name = name;
        this.layout = layout;
        this.labels = labels;
        this.first = (int) options.offset();
        this.size = (int) options.selectedCount(labels.count(), file);
        this.scale = options.scaleFor(byteData);
    }

    /** Opens the features positioned at sample {@code firstSample} (counted from the start of the file). */
    abstract SampleSource openSource(int firstSample);

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] sampleShape() {
        return layout.sampleShape();
    }

    @Override
    public int numClasses() {
        return labels.numClasses();
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int[] labels() {
        return Arrays.copyOfRange(labels.classes(), first, first + size);
    }

    @Override
    public BatchIterator batches(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
        return new Batches(batchSize);
    }

    @Override
    public String toString() {
        return name + " (" + size + " samples of " + layout + ", " + numClasses() + " classes)";
    }

    private final class Batches implements BatchIterator {
        private final int batchSize;
        private SampleSource source;
        private int position;
        private boolean closed;

        Batches(int batchSize) {
            this.batchSize = batchSize;
        }

        @Override
        public boolean hasNext() {
            return !closed && position < size;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            if (source == null) {
                source = openSource(first);
            }
            int n = Math.min(batchSize, size - position);
            float[] raw = new float[n * layout.sampleSize()];
            try {
                source.read(raw, n);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            int start = first + position;
            position += n;
            if (position >= size) {
                close();
            }
            return new Batch(layout.toBatchOrder(raw, n, scale),
                    Arrays.copyOfRange(labels.classes(), start, start + n), layout.sampleShape());
        }

        @Override
        public void close() {
            closed = true;
            if (source != null) {
                source.close();
                source = null;
            }
        }
    }
}
