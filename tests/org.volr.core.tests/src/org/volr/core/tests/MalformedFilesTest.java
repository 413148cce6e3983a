package org.volr.core.tests;

import static org.volr.core.tests.TestFiles.assertFormatError;
import static org.volr.core.tests.TestFiles.npy;
import static org.volr.core.tests.TestFiles.npz;
import static org.volr.core.tests.TestFiles.readAll;
import static org.volr.core.tests.TestFiles.truncated;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.core.data.DatasetOptions;
import org.volr.core.data.Datasets;
import org.volr.core.data.Hdf5Dataset;
import org.volr.core.data.IdxDataset;
import org.volr.core.data.NpzDataset;
import org.volr.core.weights.WeightStore;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;

/** Every reader reports broken files as DataFormatException naming the file, never as an index or EOF error. */
class MalformedFilesTest {
    private static final DatasetOptions ALL = DatasetOptions.DEFAULT;

    @TempDir
    Path tmp;

    // ---- IDX

    @Test
    void idxLabelsGivenAsImagesNameBothMagicNumbers() throws IOException {
        Path dir = TestFiles.fashionMnist();
        Path images = Files.copy(dir.resolve("t10k-labels-idx1-ubyte.gz"), tmp.resolve("t10k-images-idx3-ubyte.gz"));
        assertFormatError("t10k-images-idx3-ubyte.gz",
                () -> IdxDataset.open(images, dir.resolve("t10k-labels-idx1-ubyte.gz"), ALL),
                "expected magic 0x00000803 for images, found 0x00000801");
    }

    @Test
    void idxTruncatedGzipFailsWhileStreaming() throws IOException {
        Path dir = TestFiles.fashionMnist();
        Path images = truncated(dir.resolve("t10k-images-idx3-ubyte.gz"), tmp.resolve("t10k-images-idx3-ubyte.gz"), 200_000);
        assertFormatError("t10k-images-idx3-ubyte.gz",
                () -> readAll(IdxDataset.open(images, dir.resolve("t10k-labels-idx1-ubyte.gz"), ALL), 1000),
                "(uncompressed)", "compressed data ends early");
    }

    @Test
    void idxTruncatedPlainFileFailsOnOpening() throws IOException {
        Path dir = TestFiles.fashionMnist();
        Path plain = gunzip(dir.resolve("t10k-images-idx3-ubyte.gz"), tmp.resolve("t10k-images-idx3-ubyte"), 5000);
        assertFormatError("t10k-images-idx3-ubyte",
                () -> IdxDataset.open(plain, dir.resolve("t10k-labels-idx1-ubyte.gz"), ALL),
                "expected 7840016 bytes", "found 5000");
    }

    @Test
    void idxHeaderCutShortAndEmptyFile() throws IOException {
        Path dir = TestFiles.fashionMnist();
        Path labels = dir.resolve("t10k-labels-idx1-ubyte.gz");
        Path shortHeader = gunzip(dir.resolve("t10k-images-idx3-ubyte.gz"), tmp.resolve("short-images"), 10);
        assertFormatError("short-images", () -> IdxDataset.open(shortHeader, labels, ALL), "offset 4",
                "expected 12 bytes");
        Path empty = Files.write(tmp.resolve("empty-images"), new byte[0]);
        assertFormatError("empty-images", () -> IdxDataset.open(empty, labels, ALL), "offset 0");
    }

    @Test
    void idxImageAndLabelCountsMustAgree() throws IOException {
        Path dir = TestFiles.fashionMnist();
        assertFormatError("train-images-idx3-ubyte.gz", () -> IdxDataset.open(dir.resolve("train-images-idx3-ubyte.gz"),
                dir.resolve("t10k-labels-idx1-ubyte.gz"), ALL), "60000 images", "10000 labels");
    }

    @Test
    void idxCorruptGzipStream() throws IOException {
        Path dir = TestFiles.fashionMnist();
        byte[] bytes = Files.readAllBytes(dir.resolve("t10k-images-idx3-ubyte.gz"));
        for (int i = 1000; i < 1100; i++) {
            bytes[i] = (byte) 0xFF;
        }
        Path broken = Files.write(tmp.resolve("t10k-images-idx3-ubyte.gz"), bytes);
        assertFormatError("t10k-images-idx3-ubyte.gz",
                () -> readAll(IdxDataset.open(broken, dir.resolve("t10k-labels-idx1-ubyte.gz"), ALL), 1000), "offset ");
    }

    // ---- NPZ

    @Test
    void npzTruncatedArchive() throws IOException {
        Path x = truncated(TestFiles.mnistNpz().resolve("x_test.npz"), tmp.resolve("x_test.npz"), 1_000_000);
        Path y = TestFiles.mnistNpz().resolve("y_test.npz");
        assertFormatError("x_test.npz", () -> NpzDataset.open(x, null, y, null, ALL), "offset 0", "zip archive");
    }

    @Test
    void npzNotAZipFile() throws IOException {
        Path x = Files.writeString(tmp.resolve("notes.npz"), "this is not a zip archive\n");
        assertFormatError("notes.npz", () -> NpzDataset.arrayNames(x), "zip archive");
    }

    @Test
    void npzEntryWithoutNpyMagic() throws IOException {
        Path file = npz(tmp.resolve("bad-magic.npz"), Map.of("x", "PNG image, not an array".getBytes(), "y", npy("<i8", "(0,)",
                new byte[0])), false);
        assertFormatError("bad-magic.npz", () -> NpzDataset.open(file, "x", file, "y", ALL), "entry x.npy",
                "offset 0", "\\x93NUMPY");
    }

    @Test
    void npzUnsupportedDtypeAndFortranOrder() throws IOException {
        Path complex = npz(tmp.resolve("complex.npz"), Map.of("x", npy("<c8", "(1, 2)", new byte[16]), "y",
                npy("<i8", "(1,)", new byte[8])), true);
        assertFormatError("complex.npz", () -> NpzDataset.open(complex, "x", complex, "y", ALL), "entry x.npy",
                "expected dtype <f4 <f8 |u1 <i8 <i4", "found '<c8'");
        Path fortran = npz(tmp.resolve("fortran.npz"), Map.of("x", npy("{'descr': '<f4', 'fortran_order': True, "
                + "'shape': (1, 2), }", new byte[8]), "y", npy("<i8", "(1,)", new byte[8])), false);
        assertFormatError("fortran.npz", () -> NpzDataset.open(fortran, "x", fortran, "y", ALL), "expected C order");
        Path badShape = npz(tmp.resolve("shape.npz"), Map.of("x", npy("<f4", "(1, -2)", new byte[8]), "y",
                npy("<i8", "(1,)", new byte[8])), false);
        assertFormatError("shape.npz", () -> NpzDataset.open(badShape, "x", badShape, "y", ALL), "shape");
    }

    @Test
    void npzEntryDataShorterThanItsHeaderSays() throws IOException {
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        arrays.put("x", npy("<f4", "(100, 4)", new byte[4 * 4 * 10]));
        arrays.put("y", npy("<i8", "(100,)", new byte[8 * 100]));
        Path file = npz(tmp.resolve("short.npz"), arrays, true);
        assertFormatError("short.npz", () -> readAll(NpzDataset.open(file, "x", file, "y", ALL), 32), "entry x.npy",
                "sample 0", "file ends early");
        Map<String, byte[]> fewLabels = new LinkedHashMap<>();
        fewLabels.put("x", npy("<f4", "(2, 1)", new byte[8]));
        fewLabels.put("y", npy("<i8", "(5,)", new byte[8]));
        Path labels = npz(tmp.resolve("labels.npz"), fewLabels, false);
        assertFormatError("labels.npz", () -> NpzDataset.open(labels, "x", labels, "y", ALL), "entry y.npy",
                "file ends early");
    }

    @Test
    void npzMissingArraysAndBadLabels() throws IOException {
        Path file = npz(tmp.resolve("names.npz"), Map.of("features", npy("<f4", "(1, 1)", new byte[4]), "y",
                npy("<f4", "(1,)", NpzDatasetTest.littleEndianFloats(-1))), false);
        assertFormatError("names.npz", () -> NpzDataset.open(file, "x", file, "y", ALL), "expected an array named 'x'");
        assertFormatError("names.npz", () -> Datasets.open("npz", file, "test", ALL), "expected arrays x_test");
        assertFormatError("names.npz", () -> NpzDataset.open(file, "features", file, "y", ALL), "label 0",
                "expected a class index");
    }

    // ---- HDF5

    @Test
    void hdf5TruncatedAndGarbageFiles() throws IOException {
        Path good = tmp.resolve("good.h5");
        try (WritableHdfFile out = HdfFile.write(good)) {
            out.putDataset("x", new float[64][16]);
            out.putDataset("y", new int[64]);
        }
        Path cut = truncated(good, tmp.resolve("cut.h5"), Files.size(good) / 2);
        assertFormatError("cut.h5", () -> readAll(Hdf5Dataset.open(cut, "/x", "/y", ALL), 16), "file ends early");
        // jhdf itself would read the missing tail as zeros
        Path tail = truncated(good, tmp.resolve("tail.h5"), Files.size(good) - 100);
        assertFormatError("tail.h5", () -> readAll(Hdf5Dataset.open(tail, "/x", "/y", ALL), 16), "file ends early",
                "offset " + (Files.size(good) - 100));
        Path tiny = truncated(good, tmp.resolve("tiny.h5"), 40);
        assertFormatError("tiny.h5", () -> readAll(Hdf5Dataset.open(tiny, "/x", "/y", ALL), 16));
        Path garbage = Files.writeString(tmp.resolve("garbage.h5"), "not hdf5 at all ".repeat(100));
        assertFormatError("garbage.h5", () -> Hdf5Dataset.open(garbage, "/x", "/y", ALL), "offset 0");
        assertFormatError("garbage.h5", () -> Datasets.open("hdf5", garbage, "test", ALL), "offset 0");
    }

    @Test
    void hdf5MissingDatasetAndCountMismatch() {
        Path file = tmp.resolve("mismatch.h5");
        try (WritableHdfFile out = HdfFile.write(file)) {
            out.putDataset("x", new float[4][3]);
            out.putDataset("y", new int[3]);
        }
        assertFormatError("mismatch.h5", () -> Hdf5Dataset.open(file, "/images", "/y", ALL),
                "expected a dataset at /images");
        assertFormatError("mismatch.h5", () -> Hdf5Dataset.open(file, "/x", "/y", ALL), "4 samples", "3 labels");
        Path other = tmp.resolve("other-names.h5");
        try (WritableHdfFile out = HdfFile.write(other)) {
            out.putDataset("features", new float[4][3]);
            out.putDataset("labels", new int[4]);
        }
        assertFormatError("other-names.h5", () -> Datasets.open("hdf5", other, "train", ALL),
                "expected datasets /x_train and /y_train");
    }

    // ---- weights

    @Test
    void weightStoreTruncatedOrForeignFiles() throws IOException {
        Path path = tmp.resolve("weights.npz");
        new WeightStore().put("w", new int[] { 64, 64 }, new float[64 * 64]).write(path);
        Path cut = truncated(path, tmp.resolve("cut-weights.npz"), Files.size(path) - 200);
        assertFormatError("cut-weights.npz", () -> WeightStore.read(cut), "zip archive");
        Path foreign = npz(tmp.resolve("foreign.npz"), Map.of("w", npy("<i2", "(2,)", new byte[4])), false);
        assertFormatError("foreign.npz", () -> WeightStore.read(foreign), "entry w.npy", "found '<i2'");
        Path shortData = npz(tmp.resolve("short-weights.npz"), Map.of("w", npy("<f4", "(8, 8)", new byte[12])), false);
        assertFormatError("short-weights.npz", () -> WeightStore.read(shortData), "entry w.npy", "shape [8, 8] needs 384 bytes, but the entry holds 140", "damaged or truncated");
    }

    private static Path gunzip(Path gz, Path target, int keepBytes) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(gz));
                OutputStream out = Files.newOutputStream(target)) {
            out.write(Arrays.copyOf(in.readNBytes(keepBytes), keepBytes));
        }
        return target;
    }
}
