package org.volr.core.tests;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.function.Executable;
import org.volr.core.data.BatchIterator;
import org.volr.core.data.DataFormatException;
import org.volr.core.data.Dataset;

/** Locations of the real data sets, and small files written byte by byte (independent of the code under test). */
final class TestFiles {
    private TestFiles() {
    }

    static Path fashionMnist() {
        Path dir = Path.of(System.getProperty("volr.fashion.mnist", "/usr/share/datasets/fashion-mnist"));
        assertTrue(Files.isDirectory(dir), dir + " is missing: apt-get install dataset-fashion-mnist, "
                + "or set -Dvolr.fashion.mnist");
        return dir;
    }

    /** The repository's testdata/ folder of third-party files (testdata/PROVENANCE.md). */
    static Path thirdParty() {
        Path dir = Path.of(System.getProperty("volr.thirdparty", "../../testdata"));
        assertTrue(Files.isRegularFile(dir.resolve("PROVENANCE.md")), dir + "/PROVENANCE.md is missing: "
                + "the repository's testdata/ folder, or set -Dvolr.thirdparty");
        return dir;
    }

    static Path mnistNpz() {
        Path dir = thirdParty().resolve("mnist-npz");
        assertTrue(Files.isRegularFile(dir.resolve("x_test.npz")), dir + "/x_test.npz is missing (testdata/PROVENANCE.md)");
        return dir;
    }

    /** A grey 8-bit PNG of the given size, all pixels 128, written chunk by chunk (zlib from the JDK). */
    static byte[] greyPng(int width, int height) throws IOException {
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        for (int y = 0; y < height; y++) {
            rows.write(0); // filter: none
            for (int x = 0; x < width; x++)
                rows.write(128);
        }
        java.util.zip.Deflater deflater = new java.util.zip.Deflater();
        deflater.setInput(rows.toByteArray());
        deflater.finish();
        byte[] buffer = new byte[1024];
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        while (!deflater.finished())
            idat.write(buffer, 0, deflater.deflate(buffer));
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", ihdr.array());
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String kind, byte[] body) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(kind.getBytes(StandardCharsets.US_ASCII));
        crc.update(body);
        out.write(java.nio.ByteBuffer.allocate(4).putInt(body.length).array());
        out.write(kind.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** A .npy file: header (version 1.0) with the given dtype and shape, followed by raw data bytes. */
    static byte[] npy(String descr, String shape, byte[] data) {
        return npy("{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }", data);
    }

    static byte[] npy(String dict, byte[] data) {
        StringBuilder header = new StringBuilder(dict);
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] text = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) text.length,
                (byte) (text.length >> 8) });
        out.writeBytes(text);
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** A zip of the given entries (name without .npy → npy bytes), deflated or not. */
    static Path npz(Path file, Map<String, byte[]> arrays, boolean compressed) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.setMethod(compressed ? ZipOutputStream.DEFLATED : ZipOutputStream.STORED);
            for (Map.Entry<String, byte[]> e : arrays.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                if (!compressed) {
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(e.getValue());
                    entry.setSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    /** The first {@code length} bytes of {@code source}, written to {@code target}. */
    static Path truncated(Path source, Path target, long length) throws IOException {
        byte[] all = Files.readAllBytes(source);
        Files.write(target, java.util.Arrays.copyOf(all, (int) Math.min(length, all.length)));
        return target;
    }

    /** Reads every batch, so that errors found only while streaming surface too. */
    static int readAll(Dataset dataset, int batchSize) {
        int count = 0;
        try (BatchIterator batches = dataset.batches(batchSize)) {
            while (batches.hasNext()) {
                count += batches.next().size();
            }
        }
        return count;
    }

    /**
     * Asserts that opening (and fully reading) fails with a DataFormatException whose message starts with the file
     * name and contains each of the given fragments.
     */
    static DataFormatException assertFormatError(String fileName, Executable openAndRead, String... fragments) {
        DataFormatException e = assertThrows(DataFormatException.class, openAndRead);
        assertTrue(e.getMessage().startsWith(fileName + ": "), "message should start with the file name: " + e.getMessage());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), "message should contain '" + fragment + "': " + e.getMessage());
        }
        return e;
    }
}
