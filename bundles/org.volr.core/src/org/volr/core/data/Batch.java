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
    /** The values; for a batch given as spikes, written from them when first asked for. */
    private volatile float[] features;
    private final int[] labels;
    private final int[] sampleShape;
    /** For a batch of spike trains given as spikes: [sample][step] the inputs that spike, ascending; else null. */
    private final int[][][] stepSpikes;

    public Batch(float[] features, int[] labels, int[] sampleShape) {
        int sampleSize = Shapes.product(sampleShape);
        if (features.length != labels.length * sampleSize) {
            throw new IllegalArgumentException("features hold " + features.length + " values, expected " + labels.length
                    + " samples of " + Arrays.toString(sampleShape));
        }
        this.features = features;
        this.labels = labels;
        this.sampleShape = sampleShape.clone();
        this.stepSpikes = null;
    }

    private Batch(int[][][] stepSpikes, int[] labels, int[] sampleShape) {
        this.labels = labels;
        this.sampleShape = sampleShape.clone();
        this.stepSpikes = stepSpikes;
    }

    /**
     * Spike trains [steps, inputs] given as the inputs that spike at each step ({@code stepSpikes[sample][step]},
     * ascending): the simulator reads them as they are ({@link #stepSpikes()}), instead of scanning every value of
     * every step for the few spikes; {@link #features()} writes the 0/1 values only for a reader that asks.
     */
    public static Batch ofSpikes(int[][][] stepSpikes, int[] labels, int[] sampleShape) {
        if (stepSpikes.length != labels.length) {
            throw new IllegalArgumentException(stepSpikes.length + " samples of spikes, " + labels.length + " labels");
        }
        return new Batch(stepSpikes, labels, sampleShape);
    }

    public int size() {
        return labels.length;
    }

    /** The feature values, row-major; the array is not copied. */
    public float[] features() {
        float[] values = features;
        return values != null ? values : writtenFromSpikes();
    }

    private synchronized float[] writtenFromSpikes() {
        if (features == null) {
            features = valuesOf(stepSpikes, Shapes.product(sampleShape));
        }
        return features;
    }

    /** For spike trains given as spikes ({@link #ofSpikes}): [sample][step] the inputs that spike; else null. Not copied. */
    public int[][][] stepSpikes() {
        return stepSpikes;
    }

    private static float[] valuesOf(int[][][] stepSpikes, int sampleSize) {
        float[] values = new float[stepSpikes.length * sampleSize];
        for (int s = 0; s < stepSpikes.length; s++) {
            int inputs = stepSpikes[s].length == 0 ? 0 : sampleSize / stepSpikes[s].length;
            for (int t = 0; t < stepSpikes[s].length; t++) {
                for (int i : stepSpikes[s][t]) {
                    values[s * sampleSize + t * inputs + i] = 1f;
                }
            }
        }
        return values;
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
        return Nd4j.create(features(), featureShape(), 'c');
    }
}
