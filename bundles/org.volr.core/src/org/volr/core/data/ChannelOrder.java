package org.volr.core.data;

import java.util.Locale;

/** How image samples are laid out in a file. Batches are always channels-first. */
public enum ChannelOrder {
    /** [channels, height, width], as PyTorch and nd4j's convolutions use. */
    CHANNELS_FIRST,
    /** [height, width, channels], as Keras/TensorFlow store; transposed to channels-first on reading. */
    CHANNELS_LAST;

    /** Accepts the DSL literals {@code channels_first} and {@code channels_last}, in any case. */
    public static ChannelOrder fromLiteral(String literal) {
        return switch (literal.trim().toLowerCase(Locale.ROOT)) {
            case "channels_first" -> CHANNELS_FIRST;
            case "channels_last" -> CHANNELS_LAST;
            default -> throw new IllegalArgumentException(
                    "unknown channel order '" + literal + "' (expected channels_first or channels_last)");
        };
    }
}
