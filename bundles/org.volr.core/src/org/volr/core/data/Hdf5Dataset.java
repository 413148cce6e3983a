package org.volr.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import java.util.function.Supplier;

import org.volr.core.io.MissingFile;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfInvalidPathException;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FloatingPoint;

/**
 * Features and labels from two datasets of one HDF5 file, read with jhdf (pure Java). Features are
 * [n, ...sample] of any numeric type, read as slices of one batch; labels are [n] class indices or
 * [n, classes] one-hot.
 */
public final class Hdf5Dataset extends StreamingDataset {
    private final Path path;
    private final String xPath;
    private final int[] storedShape;

    private Hdf5Dataset(String name, Path path, String xPath, SampleLayout layout, Labels labels, DatasetOptions options,
            boolean byteData) {
        super(name, layout, labels, options, byteData, String.valueOf(path.getFileName()));
        this.path = path;
        this.xPath = xPath;
        this.storedShape = layout.storedShape();
    }

    public static Hdf5Dataset open(Path path, String xPath, String yPath, DatasetOptions options) {
        String file = String.valueOf(path.getFileName());
        if (!Files.isRegularFile(path)) {
            throw MissingFile.exception(path);
        }
        return withFile(path, hdf -> {
            io.jhdf.api.Dataset x = dataset(hdf, xPath, file);
            int[] dims = x.getDimensions();
            if (dims.length < 2) {
                throw new DataFormatException(file, xPath + ": expected features of shape [n, ...], found "
                        + Arrays.toString(dims));
            }
            io.jhdf.api.Dataset y = dataset(hdf, yPath, file);
            Labels labels = Labels.from(flatten(y.getDataFlat(), file, yPath), y.getDimensionsAsLong(), file, yPath);
            if (labels.count() != dims[0]) {
                throw new DataFormatException(file, xPath + " holds " + dims[0] + " samples, but " + yPath + " holds "
                        + labels.count() + " labels");
            }
            DataType type = x.getDataType();
            boolean byteData = type.getSize() == 1 && !(type instanceof FloatingPoint);
            SampleLayout layout = new SampleLayout(Arrays.copyOfRange(dims, 1, dims.length), options.channelOrder());
            return new Hdf5Dataset(file + " " + xPath, path, xPath, layout, labels, options, byteData);
        });
    }

    @Override
    SampleSource openSource(int firstSample) {
        String file = String.valueOf(path.getFileName());
        HdfFile hdf = openChecked(path);
        io.jhdf.api.Dataset x;
        try {
            x = guarded(() -> dataset(hdf, xPath, file), file, xPath);
        } catch (RuntimeException e) {
            hdf.close();
            throw e;
        }
        return new SampleSource() {
            private long sample = firstSample;

            @Override
            public void read(float[] into, int samples) {
                long[] offset = new long[storedShape.length + 1];
                offset[0] = sample;
                int[] shape = new int[storedShape.length + 1];
                shape[0] = samples;
                System.arraycopy(storedShape, 0, shape, 1, storedShape.length);
                Object slice = guarded(() -> x.getData(offset, shape), file, xPath + ", sample " + sample);
                double[] values = flatten(slice, file, xPath);
                if (values.length != into.length) {
                    throw new DataFormatException(file, xPath + ", sample " + sample + ": expected " + into.length
                            + " values, found " + values.length);
                }
                for (int i = 0; i < values.length; i++) {
                    into[i] = (float) values[i];
                }
                sample += samples;
            }

            @Override
            public void close() {
                hdf.close();
            }
        };
    }

    private static io.jhdf.api.Dataset dataset(HdfFile hdf, String datasetPath, String file) {
        Node node;
        try {
            node = hdf.getByPath(datasetPath);
        } catch (HdfInvalidPathException e) {
            throw new DataFormatException(file, "expected a dataset at " + datasetPath + ", found none", e);
        } catch (RuntimeException e) {
            throw new DataFormatException(file, datasetPath + ": expected a readable dataset, but the file is damaged ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        if (!(node instanceof io.jhdf.api.Dataset dataset)) {
            throw new DataFormatException(file, "expected a dataset at " + datasetPath + ", found a " + node.getType());
        }
        return dataset;
    }

    /** Opens the file, applies the action and closes it, turning jhdf's faults into DataFormatExceptions. */
    private static <T> T withFile(Path path, Function<HdfFile, T> action) {
        String file = String.valueOf(path.getFileName());
        HdfFile hdf = openChecked(path);
        try (hdf) {
            return guarded(() -> action.apply(hdf), file, "structure");
        }
    }

    /**
     * Opens the file and compares its length with the end-of-file address in the superblock: jhdf reads a
     * truncated file without complaint and returns zeros for the missing part.
     */
    private static HdfFile openChecked(Path path) {
        String file = String.valueOf(path.getFileName());
        HdfFile hdf = guarded(() -> new HdfFile(path), file, "offset 0");
        try {
            Superblock superblock = hdf.getHdfBackingStorage().getSuperblock();
            long expected = superblock.getBaseAddressByte() + superblock.getEndOfFileAddress();
            long actual = Files.size(path);
            if (actual < expected) {
                throw new DataFormatException(file, "offset " + actual + ": file ends early, the HDF5 superblock "
                        + "expects " + expected + " bytes");
            }
            return hdf;
        } catch (IOException e) {
            hdf.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            hdf.close();
            throw e;
        }
    }

    private static <T> T guarded(Supplier<T> action, String file, String where) {
        try {
            return action.get();
        } catch (DataFormatException | UncheckedIOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DataFormatException(file, where + ": expected a readable HDF5 file, but jhdf reports: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Flattens jhdf's (possibly nested) primitive arrays, row-major. */
    private static double[] flatten(Object data, String file, String where) {
        int count = countValues(data, file, where);
        double[] out = new double[count];
        fill(data, out, 0);
        return out;
    }

    private static int countValues(Object data, String file, String where) {
        if (data instanceof Object[] nested) {
            int count = 0;
            for (Object o : nested) {
                count += countValues(o, file, where);
            }
            return count;
        }
        if (data != null && data.getClass().isArray() && data.getClass().getComponentType().isPrimitive()
                && data.getClass() != boolean[].class && data.getClass() != char[].class) {
            return java.lang.reflect.Array.getLength(data);
        }
        throw new DataFormatException(file, where + ": expected numeric data, found "
                + (data == null ? "nothing" : data.getClass().getSimpleName()));
    }

    private static int fill(Object data, double[] out, int at) {
        switch (data) {
            case Object[] nested -> {
                for (Object o : nested) {
                    at = fill(o, out, at);
                }
            }
            case float[] a -> {
                for (float v : a) {
                    out[at++] = v;
                }
            }
            case double[] a -> {
                System.arraycopy(a, 0, out, at, a.length);
                at += a.length;
            }
            case byte[] a -> {
                for (byte v : a) {
                    out[at++] = v;
                }
            }
            case short[] a -> {
                for (short v : a) {
                    out[at++] = v;
                }
            }
            case int[] a -> {
                for (int v : a) {
                    out[at++] = v;
                }
            }
            case long[] a -> {
                for (long v : a) {
                    out[at++] = v;
                }
            }
            default -> throw new IllegalStateException("checked by countValues: " + data.getClass());
        }
        return at;
    }
}
