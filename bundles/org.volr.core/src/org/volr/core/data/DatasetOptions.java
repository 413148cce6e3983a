package org.volr.core.data;

import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * Which samples to read and how to convert them.
 *
 * @param offset       samples to skip at the start of the file
 * @param limit        the most samples to read; negative means all
 * @param scale        factor applied to every feature value; empty means automatic: 1/255 for byte data (pixels
 *                     become [0,1]) and 1 for everything else
 * @param channelOrder the layout of image samples in the file
 * @param mean         subtracted after scaling: empty (nothing), one value for all channels or one per channel
 * @param std          divided by after subtracting the mean: empty (nothing), one value or one per channel
 */
public record DatasetOptions(long offset, long limit, OptionalDouble scale, ChannelOrder channelOrder, float[] mean,
        float[] std) {

    public static final DatasetOptions DEFAULT = new DatasetOptions(0, -1, OptionalDouble.empty(),
            ChannelOrder.CHANNELS_FIRST);

    public DatasetOptions(long offset, long limit, OptionalDouble scale, ChannelOrder channelOrder) {
        this(offset, limit, scale, channelOrder, new float[0], new float[0]);
    }

    public DatasetOptions {
        mean = mean == null ? new float[0] : mean.clone();
        std = std == null ? new float[0] : std.clone();
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std must be positive, got " + s);
            }
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + offset);
        }
        if (scale == null) {
            scale = OptionalDouble.empty();
        }
        if (channelOrder == null) {
            channelOrder = ChannelOrder.CHANNELS_FIRST;
        }
    }

    /**
     * Options from the optional attributes of the model's {@code DataSource}; each argument may be null.
     *
     * @param channelOrder "channels_first" or "channels_last"
     */
    public static DatasetOptions of(Integer limit, Double scale, String channelOrder) {
        return new DatasetOptions(0, limit == null ? -1 : limit,
                scale == null ? OptionalDouble.empty() : OptionalDouble.of(scale),
                channelOrder == null ? ChannelOrder.CHANNELS_FIRST : ChannelOrder.fromLiteral(channelOrder));
    }

    public DatasetOptions withOffset(long newOffset) {
        return new DatasetOptions(newOffset, limit, scale, channelOrder, mean, std);
    }

    public DatasetOptions withLimit(long newLimit) {
        return new DatasetOptions(offset, newLimit, scale, channelOrder, mean, std);
    }

    public DatasetOptions withScale(double newScale) {
        return new DatasetOptions(offset, limit, OptionalDouble.of(newScale), channelOrder, mean, std);
    }

    public DatasetOptions withChannelOrder(ChannelOrder newOrder) {
        return new DatasetOptions(offset, limit, scale, newOrder, mean, std);
    }

    /** Standardisation (x − mean) / std after scaling, as torchvision's Normalize; either may be empty. */
    public DatasetOptions withStandardisation(float[] newMean, float[] newStd) {
        return new DatasetOptions(offset, limit, scale, channelOrder, newMean, newStd);
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    boolean standardises() {
        return mean.length > 0 || std.length > 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DatasetOptions d && offset == d.offset && limit == d.limit && scale.equals(d.scale)
                && channelOrder == d.channelOrder && Arrays.equals(mean, d.mean) && Arrays.equals(std, d.std);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] { offset, limit, scale, channelOrder, Arrays.hashCode(mean), Arrays.hashCode(std) });
    }

    @Override
    public String toString() {
        return "DatasetOptions[offset=" + offset + ", limit=" + limit + ", scale=" + scale + ", channelOrder=" + channelOrder
                + ", mean=" + Arrays.toString(mean) + ", std=" + Arrays.toString(std) + "]";
    }

    /** The number of samples selected from a file holding {@code available} samples. */
    long selectedCount(long available, String file) {
        if (offset > available) {
            throw new IllegalArgumentException(file + ": offset " + offset + " is beyond its " + available + " samples");
        }
        long rest = available - offset;
        return limit < 0 ? rest : Math.min(rest, limit);
    }

    float scaleFor(boolean byteData) {
        return (float) scale.orElse(byteData ? 1.0 / 255.0 : 1.0);
    }
}
