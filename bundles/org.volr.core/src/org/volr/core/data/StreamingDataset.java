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
    private final boolean byteData;

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
        this.byteData = byteData;
    }

    /** Opens the features positioned at sample {@code firstSample} (counted from the start of the file). */
    abstract SampleSource openSource(int firstSample);

    /**
     * Opens the stored bytes positioned at sample {@code firstSample}, for a format that can hand them over as they
     * are (see {@link #bytesAsStored()}); null for one that cannot.
     */
    ByteSource openByteSource(int firstSample) {
        return null;
    }

    /**
     * Whether a batch's values are the file's bytes as they are: byte data, read at scale 1, in the order stored, by a
     * format that hands its bytes over ({@link #sampleBytes}).
     */
    boolean bytesAsStored() {
        return byteData && scale == 1f && !layout.reorders() && hasByteSource();
    }

    /** Whether {@link #openByteSource} reads this file's bytes (it is not called for the answer). */
    boolean hasByteSource() {
        return false;
    }

    /**
     * The window's samples batch by batch, each built from its stored bytes (when {@link #bytesAsStored()}): {@code
     * decode} gets one sample's bytes (the array is reused for the next) and its index in the window.
     */
    BatchIterator byteBatches(int batchSize, SampleDecoder decode) {
        checkBatchSize(batchSize);
        byte[] sample = new byte[layout.sampleSize()];
        return new WindowBatches<ByteSource>(batchSize) {
            @Override
            ByteSource open() {
                return openByteSource(first);
            }

            @Override
            Batch read(ByteSource source, int n, int position) {
                int start = first + position;
                return decode.batch(n, Arrays.copyOfRange(labels.classes(), start, start + n), s -> {
                    source.read(sample, 1);
                    return sample;
                }, position);
            }
        };
    }

    /** Builds a batch from samples read one at a time as bytes (see byteBatches). */
    interface SampleDecoder {
        /**
         * @param next the next sample's bytes (the argument: its index in the batch); the array is reused
         * @param firstIndex the batch's first sample's index in the window
         */
        Batch batch(int samples, int[] labels, java.util.function.IntFunction<byte[]> next, long firstIndex);
    }

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
        checkBatchSize(batchSize);
        return new WindowBatches<SampleSource>(batchSize) {
            @Override
            SampleSource open() {
                return openSource(first);
            }

            @Override
            Batch read(SampleSource source, int n, int position) {
                float[] raw = new float[n * layout.sampleSize()];
                source.read(raw, n);
                int start = first + position;
                return new Batch(layout.toBatchOrder(raw, n, scale),
                        Arrays.copyOfRange(labels.classes(), start, start + n), layout.sampleShape());
            }
        };
    }

    private static void checkBatchSize(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
    }

    @Override
    public String toString() {
        return name + " (" + size + " samples of " + layout + ", " + numClasses() + " classes)";
    }

    /**
     * The window batch by batch from a source opened at the first batch and closed after the last, or at the first
     * failure: what the float and the byte readings share.
     */
    private abstract class WindowBatches<S extends OpenSamples> implements BatchIterator {
        private final int batchSize;
        private S source;
        private int position;
        private boolean closed;

        WindowBatches(int batchSize) {
            this.batchSize = batchSize;
        }

        abstract S open();

        /** The next {@code n} samples from the source; {@code position} is the first one's index in the window. */
        abstract Batch read(S source, int n, int position);

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
                source = open();
            }
            int n = Math.min(batchSize, size - position);
            Batch batch;
            try {
                batch = read(source, n, position);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
            position += n;
            if (position >= size) {
                close();
            }
            return batch;
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
