package org.volr.core.data;

/** A file opened to read its samples one after another; closing it cannot fail (see StreamingDataset's batches). */
interface OpenSamples extends AutoCloseable {

    @Override
    void close();
}
