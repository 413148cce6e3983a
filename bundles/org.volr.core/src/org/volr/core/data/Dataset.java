package org.volr.core.data;

/**
 * Labelled samples for classification, read in batches so that only one batch of features is in memory at a
 * time. Opening a dataset checks the file headers and reads the labels; features are read by {@link #batches}.
 */
public interface Dataset {

    /** A short description for messages, e.g. "fashion-mnist test". */
    String name();

    /** The shape of one sample, channels-first, e.g. [1, 28, 28]. */
    int[] sampleShape();

    int numClasses();

    /** The number of samples after offset and limit. */
    int size();

    /** The class index of every sample (after offset and limit). */
    int[] labels();

    /** A new pass over the samples in file order; each batch but the last has {@code batchSize} samples. */
    BatchIterator batches(int batchSize);
}
