package org.volr.core.weights;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.volr.core.data.DataFormatException;
import org.volr.core.internal.npy.NpyData;
import org.volr.core.internal.npy.NpyHeader;
import org.volr.core.internal.npy.NpzArchive;

/**
 * Named float tensors in insertion order (e.g. "conv1/kernel", "conv1/bias"), saved as a numpy {@code .npz}:
 * an uncompressed zip of {@code <name>.npy} float32 arrays, so {@code numpy.load(path)[name]} reads each one.
 */
public final class WeightStore {
    private final Map<String, FloatTensor> tensors = new LinkedHashMap<>();

    public WeightStore put(String name, FloatTensor tensor) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a weight needs a name");
        }
        tensors.put(name, tensor);
        return this;
    }

    public WeightStore put(String name, int[] shape, float[] data) {
        return put(name, new FloatTensor(shape, data));
    }

    /** @throws IllegalArgumentException naming the missing weight and the ones present */
    public FloatTensor get(String name) {
        FloatTensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new IllegalArgumentException("no weight named '" + name + "' (have " + tensors.keySet() + ")");
        }
        return tensor;
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    public FloatTensor remove(String name) {
        return tensors.remove(name);
    }

    /** The names in insertion order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(tensors.keySet());
    }

    public int size() {
        return tensors.size();
    }

    /** A store of the same tensors (shared: tensors are replaced with {@link #put}, not changed in place), to put into without touching this one. */
    public WeightStore copy() {
        WeightStore copy = new WeightStore();
        tensors.forEach(copy::put);
        return copy;
    }

    /** Reads every array of an .npz (stored or compressed; any dtype this bundle reads is converted to float32). */
    public static WeightStore read(Path path) {
        WeightStore store = new WeightStore();
        try (NpzArchive archive = NpzArchive.open(path)) {
            for (String name : archive.names()) {
                try (NpzArchive.Entry entry = archive.open(name)) {
                    NpyHeader header = entry.header();
                    int[] shape = new int[header.shape().length];
                    for (int i = 0; i < shape.length; i++) {
                        if (header.shape()[i] > Integer.MAX_VALUE) {
                            throw new DataFormatException(archive.file(), entry.where() + ": dimension " + i + " is "
                                    + header.shape()[i] + ", too large for a weight");
                        }
                        shape[i] = (int) header.shape()[i];
                    }
                    long count = header.elementCount();
                    double elements = 1; // in double: a damaged shape's product can overflow a long
                    for (long dim : header.shape())
                        elements *= dim;
                    double bytes = header.headerBytes() + elements * header.type().bytes();
                    if (entry.entryBytes() >= 0 && bytes > entry.entryBytes()) { // a damaged shape: refuse before allocating
                        throw new DataFormatException(archive.file(), entry.where() + ": the header's shape "
                                + java.util.Arrays.toString(header.shape()) + " needs " + String.format(java.util.Locale.ROOT, "%.0f", bytes)
                                + " bytes, but the entry holds " + entry.entryBytes() + ": the file is damaged or truncated");
                    }
                    if (count > Integer.MAX_VALUE - 8) {
                        throw new DataFormatException(archive.file(), entry.where() + ": " + count
                                + " values, too many for one weight");
                    }
                    float[] data = new float[(int) count];
                    NpyData.readFloats(entry.data(), header.type(), data, data.length, archive.file(),
                            entry.where() + ", offset " + header.headerBytes());
                    store.put(name, new FloatTensor(shape, data));
                }
            }
        }
        return store;
    }

    /**
     * Writes all tensors. The file is first written next to the target and then moved over it, so a reader never
     * sees half a file and a failed write leaves the old file intact.
     */
    public void write(Path path) throws IOException {
        org.volr.core.io.NpzWriter npz = new org.volr.core.io.NpzWriter();
        for (Map.Entry<String, FloatTensor> e : tensors.entrySet()) {
            npz.tensor(e.getKey(), e.getValue().shape(), e.getValue().data());
        }
        npz.write(path);
    }
}
