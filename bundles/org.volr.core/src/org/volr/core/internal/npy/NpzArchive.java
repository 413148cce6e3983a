package org.volr.core.internal.npy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.volr.core.io.MissingFile;
import org.volr.core.data.DataFormatException;

/**
 * A numpy {@code .npz} file: a zip archive of {@code .npy} arrays, stored or deflated
 * ({@code numpy.savez} / {@code savez_compressed}). Arrays are opened as streams, so a large array is never
 * held in memory as a whole.
 */
public final class NpzArchive implements AutoCloseable {
    private final ZipFile zip;
    private final String file;
    private final List<String> names;

    private NpzArchive(ZipFile zip, String file, List<String> names) {
        this.zip = zip;
        this.file = file;
        this.names = names;
    }

    public static NpzArchive open(Path path) {
        String file = String.valueOf(path.getFileName());
        if (!Files.isRegularFile(path)) {
            throw MissingFile.exception(path);
        }
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (IOException e) {
            throw new DataFormatException(file, "offset 0: expected a zip archive of .npy arrays (numpy .npz), "
                    + "but it cannot be opened as one (" + e.getMessage() + ")", e);
        }
        List<String> names = new ArrayList<>();
        zip.stream().filter(e -> !e.isDirectory()).forEach(e -> names.add(arrayName(e.getName())));
        return new NpzArchive(zip, file, Collections.unmodifiableList(names));
    }

    /** The array names as {@code numpy.load(f).files} lists them (entry names without ".npy"). */
    public List<String> names() {
        return names;
    }

    public String file() {
        return file;
    }

    /** Opens an array and reads its header; the caller closes the entry. */
    public Entry open(String array) {
        ZipEntry entry = zip.getEntry(array + ".npy");
        if (entry == null) {
            entry = zip.getEntry(array);
        }
        if (entry == null) {
            throw new DataFormatException(file, "expected an array named '" + array + "', found " + names);
        }
        String where = "entry " + entry.getName();
        try {
            InputStream raw = zip.getInputStream(entry);
            if (entry.getSize() >= 0 && entry.getCrc() >= 0) {
                raw = new CrcCheckedStream(raw, entry.getSize(), entry.getCrc(), file, where);
            }
            InputStream in = new BufferedInputStream(raw, 1 << 16);
            NpyHeader header = NpyHeader.read(in, file, where);
            return new Entry(header, in, where, entry.getSize());
        } catch (IOException e) {
            throw new DataFormatException(file, where + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String arrayName(String entry) {
        return entry.endsWith(".npy") ? entry.substring(0, entry.length() - 4) : entry;
    }

    /**
     * One array: its header, a stream positioned at its first data byte, and the size of the whole .npy entry in bytes
     * as the zip directory records it (-1 if it does not), against which a damaged header's shape can be checked
     * before anything is allocated for it.
     */
    public record Entry(NpyHeader header, InputStream data, String where, long entryBytes) implements AutoCloseable {
        @Override
        public void close() {
            try {
                data.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
