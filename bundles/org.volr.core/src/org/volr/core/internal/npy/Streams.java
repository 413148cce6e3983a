package org.volr.core.internal.npy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

import org.volr.core.data.DataFormatException;

/** Reading helpers that turn end-of-file and I/O faults into {@link DataFormatException}s with a location. */
public final class Streams {
    private Streams() {
    }

    /**
     * @param where    the location of the first byte, e.g. "offset 16" or "entry arr_0.npy, offset 128"
     * @param expected what these bytes should hold, e.g. "the image dimensions"
     */
    public static byte[] readFully(InputStream in, int length, String file, String where, String expected) {
        byte[] bytes = new byte[length];
        readFully(in, bytes, 0, length, file, where, expected);
        return bytes;
    }

    public static void readFully(InputStream in, byte[] into, int offset, int length, String file, String where,
            String expected) {
        int read = 0;
        try {
            while (read < length) {
                int n = in.read(into, offset + read, length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
        } catch (EOFException e) {
            throw new DataFormatException(file, where + ": compressed data ends early, expected " + length
                    + " bytes of " + expected + ", found " + read, e);
        } catch (IOException e) {
            throw new DataFormatException(file, where + ": cannot read " + expected + ", the compressed data is damaged ("
                    + e.getMessage() + ")", e);
        }
        if (read < length) {
            throw new DataFormatException(file, where + ": file ends early, expected " + length + " bytes of "
                    + expected + ", found " + read);
        }
    }

    public static void skipFully(InputStream in, long length, String file, String where, String expected) {
        byte[] scratch = new byte[(int) Math.min(length, 1 << 16)];
        long left = length;
        while (left > 0) {
            int step = (int) Math.min(left, scratch.length);
            readFully(in, scratch, 0, step, file, where, expected);
            left -= step;
        }
    }

    public static String hex(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            s.append(String.format("\\x%02x", b & 0xFF));
        }
        return s.toString();
    }
}
