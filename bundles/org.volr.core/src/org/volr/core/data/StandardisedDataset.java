package org.volr.core.data;

import java.util.Arrays;

/**
 * A dataset whose features are standardised per channel after scaling, x ← (x − mean_c) / std_c, as torchvision's
 * {@code Normalize} and Keras' preprocessing do: a model trained on standardised inputs must see them so too, or
 * its accuracy is not the source framework's. Channel c of a channels-first sample [C, ...] is its c-th run of
 * size/C values; a feature vector [n] is one channel unless n values are given.
 */
final class StandardisedDataset extends DatasetView {
    private final float[] mean, std;
    private final int channels, perChannel;

    private StandardisedDataset(Dataset data, float[] mean, float[] std, int channels) {
        super(data);
        this.mean = mean;
        this.std = std;
        this.channels = channels;
        this.perChannel = Shapes.product(data.sampleShape()) / channels;
    }

    /**
     * @param file the data's file name, for the message when the value counts do not fit the samples
     */
    static Dataset of(Dataset data, float[] mean, float[] std, String file) {
        int[] shape = data.sampleShape();
        int counted = Math.max(mean.length, std.length);
        // a feature vector [n] may take one value per feature
        int channels = shape.length >= 2 ? shape[0] : counted == Shapes.product(shape) ? counted : 1;
        for (float[] values : new float[][] { mean, std })
            if (values.length > 1 && values.length != channels)
                throw new DataFormatException(file, (values == mean ? "mean" : "std") + " has " + values.length
                        + " values but the samples " + Arrays.toString(shape) + " have " + channels
                        + (channels == 1 ? " channel" : " channels") + "; give one value, or one per channel");
        return new StandardisedDataset(data, expand(mean, channels, 0f), expand(std, channels, 1f), channels);
    }

    private static float[] expand(float[] values, int channels, float none) {
        float[] out = new float[channels];
        Arrays.fill(out, values.length == 0 ? none : values[0]);
        if (values.length > 1)
            System.arraycopy(values, 0, out, 0, channels);
        return out;
    }

    @Override
    protected Batch view(Batch b, long firstSample) {
        return new Batch(standardise(b.features().clone()), b.labels(), b.sampleShape());
    }

    private float[] standardise(float[] x) {
        for (int at = 0, c = 0; at < x.length; at += perChannel, c = (c + 1) % channels) {
            float m = mean[c], s = std[c];
            for (int i = at; i < at + perChannel; i++)
                x[i] = (x[i] - m) / s;
        }
        return x;
    }
}
