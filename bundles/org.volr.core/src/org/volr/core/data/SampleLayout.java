package org.volr.core.data;

import java.util.Arrays;

/**
 * Maps the per-sample shape stored in a file to the channels-first shape of batches: a 2-D sample [h, w] gets
 * one channel, and with {@link ChannelOrder#CHANNELS_LAST} a sample [d1, ..., dk, c] becomes [c, d1, ..., dk].
 * A 1-D sample (a feature vector) is kept as it is.
 */
final class SampleLayout {
    private final int[] storedShape;
    private final int[] sampleShape;
    private final boolean channelsLast;

    SampleLayout(int[] storedShape, ChannelOrder order) {
        this.storedShape = storedShape.clone();
        if (storedShape.length == 2) {
            this.sampleShape = new int[] { 1, storedShape[0], storedShape[1] };
            this.channelsLast = false;
        } else if (storedShape.length >= 3 && order == ChannelOrder.CHANNELS_LAST) {
            int rank = storedShape.length;
            this.sampleShape = new int[rank];
            sampleShape[0] = storedShape[rank - 1];
            System.arraycopy(storedShape, 0, sampleShape, 1, rank - 1);
            this.channelsLast = true;
        } else {
            this.sampleShape = storedShape.clone();
            this.channelsLast = false;
        }
    }

    int[] storedShape() {
        return storedShape.clone();
    }

    int[] sampleShape() {
        return sampleShape.clone();
    }

    /** Whether batches hold the stored values in another order (channels-last files). */
    boolean reorders() {
        return channelsLast;
    }

    int sampleSize() {
        return Shapes.product(sampleShape);
    }

    /** Scales the raw values and, for channels-last files, moves the channel axis to the front. */
    float[] toBatchOrder(float[] raw, int samples, float scale) {
        if (!channelsLast) {
            if (scale != 1f) {
                for (int i = 0; i < raw.length; i++) {
                    raw[i] *= scale;
                }
            }
            return raw;
        }
        int channels = sampleShape[0];
        int size = sampleSize();
        int positions = size / channels;
        float[] out = new float[raw.length];
        for (int s = 0; s < samples; s++) {
            int base = s * size;
            for (int p = 0; p < positions; p++) {
                for (int c = 0; c < channels; c++) {
                    out[base + c * positions + p] = raw[base + p * channels + c] * scale;
                }
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return Arrays.toString(sampleShape);
    }
}
