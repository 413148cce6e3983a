package org.volr.core.data;

import java.util.Iterator;

/**
 * Batches read one after another from open files. It closes them when the last batch has been read; a caller that
 * stops early should call {@link #close()} (try-with-resources).
 */
public interface BatchIterator extends Iterator<Batch>, AutoCloseable {
    @Override
    void close();
}
