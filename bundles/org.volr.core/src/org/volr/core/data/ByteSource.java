package org.volr.core.data;

/**
 * Reads the stored bytes of consecutive samples from an open file whose features are bytes, as they are: what spike
 * trains stored as uint8 are read through, without converting every byte to a float ({@link SpikeTrains#trains()}).
 */
interface ByteSource extends OpenSamples {

    /** Fills {@code into[0 .. samples · sample size)} with the next {@code samples} samples' bytes. */
    void read(byte[] into, int samples);
}
