package org.volr.core.internal.npy;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads .npy element data from a stream, converting to float or double. */
public final class NpyData {
    private NpyData() {
    }

    /**
     * Reads {@code count} elements into {@code into[0..count)}.
     *
     * @param where the location of the first element, for error messages
     */
    public static void readFloats(InputStream in, NpyType type, float[] into, int count, String file, String where) {
        byte[] bytes = Streams.readFully(in, Math.multiplyExact(count, type.bytes()), file, where,
                count + " values of dtype " + type.descr());
        if (type == NpyType.UINT8) { // bytes (pixels, spikes) are most of what is streamed: a loop the JIT vectorises
            for (int i = 0; i < count; i++) {
                into[i] = bytes[i] & 0xFF;
            }
            return;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            into[i] = type.floatAt(buffer, i);
        }
    }

    /** Reads {@code count} elements as doubles (exact for every integer a label can be). */
    public static double[] readDoubles(InputStream in, NpyType type, int count, String file, String where) {
        byte[] bytes = Streams.readFully(in, Math.multiplyExact(count, type.bytes()), file, where,
                count + " values of dtype " + type.descr());
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = switch (type) {
                case FLOAT64 -> buffer.getDouble(i * 8);
                case INT64 -> buffer.getLong(i * 8);
                default -> type.floatAt(buffer, i);
            };
        }
        return values;
    }
}
