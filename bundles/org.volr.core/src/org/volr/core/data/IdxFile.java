package org.volr.core.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import org.volr.core.internal.npy.Streams;

/**
 * One IDX file (the MNIST format): a big-endian magic number 0x000008NN (unsigned bytes, NN dimensions), NN
 * big-endian dimension sizes, then the bytes. Plain or gzip-compressed (recognised by content, not by name).
 */
final class IdxFile {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private final Path path;
    private final String file;
    private final int[] dims;
    private final boolean compressed;

    private IdxFile(Path path, int[] dims, boolean compressed) {
        this.path = path;
        this.file = String.valueOf(path.getFileName());
        this.dims = dims;
        this.compressed = compressed;
    }

    /** Reads and checks the header; {@code kind} ("images"/"labels") is for the message. */
    static IdxFile open(Path path, int expectedMagic, String kind) {
        String file = String.valueOf(path.getFileName());
        try (InputStream in = openStream(path)) {
            byte[] head = Streams.readFully(in, 4, file, "offset 0", "the magic number");
            int magic = bigEndian(head, 0);
            if (magic != expectedMagic) {
                throw new DataFormatException(file, String.format("expected magic 0x%08x for %s, found 0x%08x",
                        expectedMagic, kind, magic));
            }
            int rank = magic & 0xFF;
            byte[] sizes = Streams.readFully(in, 4 * rank, file, "offset 4", "the " + rank + " dimension sizes");
            int[] dims = new int[rank];
            for (int i = 0; i < rank; i++) {
                dims[i] = bigEndian(sizes, 4 * i);
                if (dims[i] < 0) {
                    throw new DataFormatException(file, "offset " + (4 + 4 * i) + ": expected a dimension size >= 0, found "
                            + Integer.toUnsignedString(dims[i]));
                }
            }
            IdxFile idx = new IdxFile(path, dims, isGzip(path));
            idx.checkLength();
            return idx;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int[] dims() {
        return dims.clone();
    }

    String file() {
        return file;
    }

    /** A location for messages; in a gzip file offsets count uncompressed bytes. */
    String offset(long offset) {
        return "offset " + offset + (compressed ? " (uncompressed)" : "");
    }

    int headerBytes() {
        return 4 + 4 * dims.length;
    }

    long dataBytes() {
        long bytes = 1;
        for (int d : dims) {
            bytes *= d;
        }
        return bytes;
    }

    /** A stream positioned at the first data byte. */
    InputStream openData() {
        try {
            InputStream in = openStream(path);
            Streams.skipFully(in, headerBytes(), file, offset(0), "the header");
            return in;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // A plain file can be checked at once; a gzip file only while it is read.
    private void checkLength() throws IOException {
        if (compressed) {
            return;
        }
        long expected = headerBytes() + dataBytes();
        long actual = Files.size(path);
        if (actual != expected) {
            throw new DataFormatException(file, "expected " + expected + " bytes (a " + headerBytes()
                    + "-byte header and " + dataBytes() + " data bytes), found " + actual);
        }
    }

    private static InputStream openStream(Path path) throws IOException {
        String file = String.valueOf(path.getFileName());
        InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        if (!isGzip(path)) {
            return in;
        }
        try {
            return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        } catch (IOException e) {
            in.close();
            throw new DataFormatException(file, "offset 0: expected a gzip header, found "
                    + (e instanceof java.io.EOFException ? "the end of the file" : e.getMessage()), e);
        }
    }

    private static boolean isGzip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static int bigEndian(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
