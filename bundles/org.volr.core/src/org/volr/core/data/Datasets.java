package org.volr.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.jhdf.HdfFile;

/**
 * Opens a dataset the way the model's {@code DataSource} names it: a format, a path and a split. The formats are
 * {@link DatasetFormats}' formats of samples; this class holds the readers of the npz and hdf5 ones.
 */
public final class Datasets {
    private Datasets() {
    }

    /**
     * @param format a format of samples as a data clause names it ("idx", "npz", "hdf5", "images")
     * @param split  "train" or "test"; null means "test"
     */
    public static Dataset open(String format, Path path, String split, DatasetOptions options) {
        if (!(DatasetFormats.of(format) instanceof DatasetFormat.Samples samples)) {
            throw new IllegalArgumentException(
                    "unsupported data format '" + format + "' (expected " + DatasetFormats.sampleFormats() + ")");
        }
        return samples.open(path, split, options);
    }

    /**
     * A file with arrays {@code x_<split>}/{@code y_<split>} (as Keras' mnist.npz) or {@code x}/{@code y}; or a
     * directory with {@code x_<split>.npz} and {@code y_<split>.npz}.
     */
    static Dataset openNpz(Path path, String split, DatasetOptions options) {
        if (Files.isDirectory(path)) {
            return NpzDataset.open(path.resolve("x_" + split + ".npz"), null, path.resolve("y_" + split + ".npz"), null,
                    options);
        }
        List<String> names = NpzDataset.arrayNames(path);
        for (String[] pair : new String[][] { { "x_" + split, "y_" + split }, { "x", "y" } }) {
            if (names.contains(pair[0]) && names.contains(pair[1])) {
                return NpzDataset.open(path, pair[0], path, pair[1], options);
            }
        }
        throw new DataFormatException(String.valueOf(path.getFileName()),
                "expected arrays x_" + split + " and y_" + split + " (or x and y), found " + names);
    }

    /**
     * A file with datasets {@code /x_<split>}/{@code /y_<split>}, {@code /<split>/x}/{@code /<split>/y} or
     * {@code /x}/{@code /y}.
     */
    static Dataset openHdf5(Path path, String split, DatasetOptions options) {
        String[][] candidates = { { "/x_" + split, "/y_" + split }, { "/" + split + "/x", "/" + split + "/y" },
                { "/x", "/y" } };
        String file = String.valueOf(path.getFileName());
        String[] found = null;
        try (HdfFile hdf = new HdfFile(path)) {
            for (String[] pair : candidates) {
                if (exists(hdf, pair[0]) && exists(hdf, pair[1])) {
                    found = pair;
                    break;
                }
            }
        } catch (RuntimeException e) {
            throw new DataFormatException(file, "offset 0: expected an HDF5 file, but jhdf reports: " + e.getMessage(), e);
        }
        if (found == null) {
            throw new DataFormatException(file, "expected datasets /x_" + split + " and /y_" + split + " (or /" + split
                    + "/x and /" + split + "/y, or /x and /y), found none of these pairs");
        }
        return Hdf5Dataset.open(path, found[0], found[1], options);
    }

    private static boolean exists(HdfFile hdf, String datasetPath) {
        try {
            return hdf.getByPath(datasetPath) instanceof io.jhdf.api.Dataset;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
