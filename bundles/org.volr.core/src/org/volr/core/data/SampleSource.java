package org.volr.core.data;

/** Reads raw feature values of consecutive samples, in the file's own layout, from an open file. */
interface SampleSource extends OpenSamples {

    /** Fills {@code into} with the next {@code samples} samples (into.length values). */
    void read(float[] into, int samples);
}
