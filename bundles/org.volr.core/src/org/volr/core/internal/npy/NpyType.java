package org.volr.core.internal.npy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The numpy dtypes Volr reads: little-endian floats and integers, and unsigned bytes (images). */
public enum NpyType {
    FLOAT32("<f4", 4, false),
    FLOAT64("<f8", 8, false),
    UINT8("|u1", 1, true),
    INT64("<i8", 8, true),
    INT32("<i4", 4, true);

    private final String descr;
    private final int bytes;
    private final boolean integral;

    NpyType(String descr, int bytes, boolean integral) {
        this.descr = descr;
        this.bytes = bytes;
        this.integral = integral;
    }

    /** Returns null for a dtype this reader does not handle. */
    public static NpyType fromDescr(String descr) {
        for (NpyType type : values()) {
            if (type.descr.equals(descr)) {
                return type;
            }
        }
        // a byte has no byte order: numpy writes '|u1', other writers sometimes '<u1'
        return "<u1".equals(descr) ? UINT8 : null;
    }

    public static String supported() {
        return Arrays.stream(values()).map(NpyType::descr).collect(Collectors.joining(" "));
    }

    public String descr() {
        return descr;
    }

    public int bytes() {
        return bytes;
    }

    public boolean isIntegral() {
        return integral;
    }

    /** Reads element {@code index} of a little-endian buffer as a float. */
    public float floatAt(ByteBuffer buffer, int index) {
        int at = index * bytes;
        return switch (this) {
            case FLOAT32 -> buffer.getFloat(at);
            case FLOAT64 -> (float) buffer.getDouble(at);
            case UINT8 -> buffer.get(at) & 0xFF;
            case INT64 -> buffer.getLong(at);
            case INT32 -> buffer.getInt(at);
        };
    }
}
