package org.volr.core.internal.npy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.volr.core.data.DataFormatException;

/**
 * The header of a numpy {@code .npy} array (format versions 1.0, 2.0 and 3.0): dtype, shape and the number of
 * bytes before the data. Only C order is accepted, because every reader here streams rows.
 */
public record NpyHeader(NpyType type, long[] shape, int headerBytes) {
    private static final byte[] MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y' };
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    public long elementCount() {
        long count = 1;
        for (long dim : shape) {
            count *= dim;
        }
        return count;
    }

    public long dataBytes() {
        return elementCount() * type.bytes();
    }

    /**
     * Reads the header and leaves {@code in} at the first data byte.
     *
     * @param where the file (and zip entry) for error messages, e.g. "x_test.npz: entry arr_0.npy"
     */
    public static NpyHeader read(InputStream in, String file, String where) {
        byte[] start = Streams.readFully(in, 8, file, where + ", offset 0", "the .npy magic and version");
        for (int i = 0; i < MAGIC.length; i++) {
            if (start[i] != MAGIC[i]) {
                throw new DataFormatException(file, where + ", offset 0: expected the .npy magic \\x93NUMPY, found "
                        + Streams.hex(Arrays.copyOf(start, MAGIC.length)));
            }
        }
        int major = start[6] & 0xFF;
        int length;
        int prefix;
        if (major == 1) {
            byte[] len = Streams.readFully(in, 2, file, where + ", offset 8", "the header length");
            length = (len[0] & 0xFF) | (len[1] & 0xFF) << 8;
            prefix = 10;
        } else if (major == 2 || major == 3) {
            byte[] len = Streams.readFully(in, 4, file, where + ", offset 8", "the header length");
            length = (len[0] & 0xFF) | (len[1] & 0xFF) << 8 | (len[2] & 0xFF) << 16 | (len[3] & 0xFF) << 24;
            prefix = 12;
        } else {
            throw new DataFormatException(file, where + ", offset 6: expected .npy format version 1, 2 or 3, found " + major);
        }
        if (length < 0 || length > 1 << 20) {
            throw new DataFormatException(file, where + ", offset 8: implausible .npy header length " + length);
        }
        String dict = new String(Streams.readFully(in, length, file, where + ", offset " + prefix, "the header dictionary"),
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return new NpyHeader(parseType(dict, file, where), parseShape(dict, file, where), prefix + length);
    }

    private static NpyType parseType(String dict, String file, String where) {
        Matcher descr = DESCR.matcher(dict);
        if (!descr.find()) {
            throw new DataFormatException(file, where + ": expected 'descr' in the .npy header, found " + dict.trim());
        }
        NpyType type = NpyType.fromDescr(descr.group(1));
        if (type == null) {
            throw new DataFormatException(file, where + ": expected dtype " + NpyType.supported() + ", found '"
                    + descr.group(1) + "'");
        }
        Matcher fortran = FORTRAN.matcher(dict);
        if (!fortran.find()) {
            throw new DataFormatException(file, where + ": expected 'fortran_order' in the .npy header, found " + dict.trim());
        }
        if (fortran.group(1).equals("True")) {
            throw new DataFormatException(file, where + ": expected C order, found fortran_order True "
                    + "(save with numpy.ascontiguousarray)");
        }
        return type;
    }

    private static long[] parseShape(String dict, String file, String where) {
        Matcher shape = SHAPE.matcher(dict);
        if (!shape.find()) {
            throw new DataFormatException(file, where + ": expected 'shape' in the .npy header, found " + dict.trim());
        }
        try {
            return Arrays.stream(shape.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(s -> s.endsWith("L") ? s.substring(0, s.length() - 1) : s).mapToLong(Long::parseLong)
                    .peek(d -> {
                        if (d < 0) {
                            throw new NumberFormatException();
                        }
                    }).toArray();
        } catch (NumberFormatException e) {
            throw new DataFormatException(file, where + ": expected a shape of non-negative integers, found ("
                    + shape.group(1) + ")");
        }
    }

    /** Writes a version 1.0 header, padded as numpy does so that the data starts on a 64-byte boundary. */
    public static void write(OutputStream out, NpyType type, int[] shape) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            dims.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        if (shape.length == 1) {
            dims.append(',');
        }
        StringBuilder dict = new StringBuilder("{'descr': '" + type.descr() + "', 'fortran_order': False, 'shape': ("
                + dims + "), }");
        int total = 10 + dict.length() + 1;
        dict.append(" ".repeat((64 - total % 64) % 64)).append('\n');
        byte[] header = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
        out.write(MAGIC);
        out.write(new byte[] { 1, 0, (byte) header.length, (byte) (header.length >>> 8) });
        out.write(header);
    }
}
