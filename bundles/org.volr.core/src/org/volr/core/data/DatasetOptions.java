package org.volr.core.data;

import java.util.OptionalDouble;

/**
 * Which samples to read and how to convert them.
 *
 * @param offset       samples to skip at the start of the file
 * @param limit        the most samples to read; negative means all
 * @param scale        factor applied to every feature value; empty means automatic: 1/255 for byte data (pixels
 *                     become [0,1]) and 1 for everything else
 * @param channelOrder the layout of image samples in the file
 */
public record DatasetOptions(long offset, long limit, OptionalDouble scale, ChannelOrder channelOrder) {

    public static final DatasetOptions DEFAULT = new DatasetOptions(0, -1, OptionalDouble.empty(),
            ChannelOrder.CHANNELS_FIRST);

    public DatasetOptions {
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
        return new DatasetOptions(newOffset, limit, scale, channelOrder);
    }

    public DatasetOptions withLimit(long newLimit) {
        return new DatasetOptions(offset, newLimit, scale, channelOrder);
    }

    public DatasetOptions withScale(double newScale) {
        return new DatasetOptions(offset, limit, OptionalDouble.of(newScale), channelOrder);
    }

    public DatasetOptions withChannelOrder(ChannelOrder newOrder) {
        return new DatasetOptions(offset, limit, scale, newOrder);
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
