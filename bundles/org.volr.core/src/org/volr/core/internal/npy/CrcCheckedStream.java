package org.volr.core.internal.npy;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;

import org.volr.core.data.DataFormatException;

/**
 * An archive entry's bytes, checked against the CRC-32 the zip directory records for them once the last byte has
 * been read. {@link java.util.zip.ZipFile} does not check it, so a bit flipped in a stored (uncompressed) .npz would
 * otherwise be read as a different weight. A reader that stops before the end (a dataset read with a limit) is not
 * checked; everything that reads an array whole is.
 */
final class CrcCheckedStream extends FilterInputStream {
    private final CRC32 crc = new CRC32();
    private final long size;
    private final long expected;
    private final String file;
    private final String where;
    private long count;

    CrcCheckedStream(InputStream in, long size, long expected, String file, String where) {
        super(in);
        this.size = size;
        this.expected = expected;
        this.file = file;
        this.where = where;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            crc.update(b);
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            crc.update(buffer, offset, n);
            counted(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // every byte must pass through the checksum
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        int read = read(scratch, 0, scratch.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void counted(int n) {
        count += n;
        if (count == size && crc.getValue() != expected) {
            throw new DataFormatException(file, where + ": CRC-32 mismatch (recorded " + hex(expected) + ", computed "
                    + hex(crc.getValue()) + "): the file is damaged; write or download it again");
        }
    }

    private static String hex(long value) {
        return String.format("%08x", value);
    }
}
