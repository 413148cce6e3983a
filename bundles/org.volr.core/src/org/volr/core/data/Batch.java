package org.volr.core.data;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.volr.core.nd4j.Nd4jSupport;

/**
 * Consecutive samples of a {@link Dataset}: features row-major as [size, ...sampleShape] (channels-first) and one
 * class index per sample.
 */
public final class Batch {
    private final float[] features;
    private final int[] labels;
    private final int[] sampleShape;

    public Batch(float[] features, int[] labels, int[] sampleShape) {
        int sampleSize = Shapes.product(sampleShape);
        if (features.length != labels.length * sampleSize) {
            throw new IllegalArgumentException("features hold " + features.length + " values, expected " + labels.length
                    + " samples of " + Arrays.toString(sampleShape));
        }
        this.features = features;
        this.labels = labels;
        this.sampleShape = sampleShape.clone();
    }

    public int size() {
        return labels.length;
    }

    /** The feature values, row-major; the array is not copied. */
    public float[] features() {
        return features;
    }

    /** Class indices; the array is not copied. */
    public int[] labels() {
        return labels;
    }

    public int[] sampleShape() {
        return sampleShape.clone();
    }

    /** [size, ...sampleShape]. */
    public long[] featureShape() {
        long[] shape = new long[sampleShape.length + 1];
        shape[0] = labels.length;
        for (int i = 0; i < sampleShape.length; i++) {
            shape[i + 1] = sampleShape[i];
        }
        return shape;
    }

    /** The features as a float32 nd4j array of {@link #featureShape()} (copied off-heap). */
    public INDArray featuresAsINDArray() {
        Nd4jSupport.init();
        return Nd4j.create(features, featureShape(), 'c');
    }
}
