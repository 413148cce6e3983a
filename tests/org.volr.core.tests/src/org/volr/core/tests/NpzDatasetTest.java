package org.volr.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.core.data.Batch;
import org.volr.core.data.BatchIterator;
import org.volr.core.data.ChannelOrder;
import org.volr.core.data.Dataset;
import org.volr.core.data.DatasetOptions;
import org.volr.core.data.Datasets;
import org.volr.core.data.NpzDataset;

class NpzDatasetTest {
    /** The class histogram of the MNIST test set, known from the data set's documentation. */
    private static final int[] MNIST_TEST_HISTOGRAM = { 980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009 };

    @TempDir
    Path tmp;

    @Test
    void realMnistTestSetWithOneHotLabels() {
        Dataset mnist = Datasets.open("npz", TestFiles.mnistNpz(), "test", DatasetOptions.DEFAULT);
        assertEquals(10_000, mnist.size());
        assertArrayEquals(new int[] { 1, 28, 28 }, mnist.sampleShape());
        assertEquals(10, mnist.numClasses());
        int[] histogram = new int[10];
        for (int label : mnist.labels()) {
            histogram[label]++;
        }
        assertArrayEquals(MNIST_TEST_HISTOGRAM, histogram);

        int[] streamed = new int[10];
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        try (BatchIterator it = mnist.batches(1000)) {
            while (it.hasNext()) {
                Batch batch = it.next();
                for (int label : batch.labels()) {
                    streamed[label]++;
                }
                for (float v : batch.features()) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        assertArrayEquals(MNIST_TEST_HISTOGRAM, streamed);
        assertEquals(0f, min);
        assertEquals(1f, max);
    }

    @Test
    void everySupportedDtypeReadsTheSameValues() throws IOException {
        byte[] labels = TestFiles.npy("<i8", "(3,)", littleEndianLongs(2, 0, 1));
        for (String dtype : new String[] { "<f4", "<f8", "|u1", "<i8", "<i4" }) {
            Path file = TestFiles.npz(tmp.resolve("dtype" + dtype.substring(1) + ".npz"),
                    Map.of("x", TestFiles.npy(dtype, "(3, 4)", values(dtype, 12)), "y", labels), false);
            Dataset data = NpzDataset.open(file, "x", file, "y", DatasetOptions.DEFAULT.withScale(1));
            assertArrayEquals(new int[] { 4 }, data.sampleShape(), dtype);
            assertEquals(3, data.numClasses(), dtype);
            Batch batch = data.batches(10).next();
            assertArrayEquals(new float[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 }, batch.features(), 0f, dtype);
            assertArrayEquals(new int[] { 2, 0, 1 }, batch.labels(), dtype);
        }
    }

    @Test
    void byteFeaturesAreScaledToUnitRangeByDefault() throws IOException {
        Path file = TestFiles.npz(tmp.resolve("bytes.npz"), Map.of("x", TestFiles.npy("|u1", "(1, 2)",
                new byte[] { 0, (byte) 255 }), "y", TestFiles.npy("<i4", "(1,)", new byte[] { 0, 0, 0, 0 })), true);
        Batch batch = NpzDataset.open(file, "x", file, "y", DatasetOptions.DEFAULT).batches(1).next();
        assertArrayEquals(new float[] { 0f, 1f }, batch.features());
    }

    @Test
    void channelsLastIsTransposedToChannelsFirst() throws IOException {
        // one 2x2 image with 3 channels, stored [h][w][c] with value = 10*c + position
        float[] hwc = new float[12];
        for (int p = 0; p < 4; p++) {
            for (int c = 0; c < 3; c++) {
                hwc[p * 3 + c] = 10 * c + p;
            }
        }
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        arrays.put("x_train", TestFiles.npy("<f4", "(1, 2, 2, 3)", littleEndianFloats(hwc)));
        arrays.put("y_train", TestFiles.npy("<i8", "(1,)", littleEndianLongs(4)));
        Path file = TestFiles.npz(tmp.resolve("keras.npz"), arrays, true);
        Dataset data = Datasets.open("npz", file, "train",
                DatasetOptions.DEFAULT.withChannelOrder(ChannelOrder.CHANNELS_LAST));
        assertArrayEquals(new int[] { 3, 2, 2 }, data.sampleShape());
        assertEquals(5, data.numClasses());
        assertArrayEquals(new float[] { 0, 1, 2, 3, 10, 11, 12, 13, 20, 21, 22, 23 }, data.batches(1).next().features());
    }

    @Test
    void twoDimensionalSamplesGetOneChannelAndWindowsWork() throws IOException {
        float[] values = new float[5 * 2 * 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        Path file = TestFiles.npz(tmp.resolve("grey.npz"), Map.of("x", TestFiles.npy("<f4", "(5, 2, 2)",
                littleEndianFloats(values)), "y", TestFiles.npy("<i8", "(5,)", littleEndianLongs(0, 1, 2, 3, 4))), false);
        Dataset data = Datasets.open("npz", file, "test", DatasetOptions.DEFAULT.withOffset(1).withLimit(3));
        assertArrayEquals(new int[] { 1, 2, 2 }, data.sampleShape());
        assertEquals(3, data.size());
        try (BatchIterator it = data.batches(2)) {
            Batch first = it.next();
            assertArrayEquals(new int[] { 1, 2 }, first.labels());
            assertArrayEquals(new float[] { 4, 5, 6, 7, 8, 9, 10, 11 }, first.features());
            Batch second = it.next();
            assertArrayEquals(new int[] { 3 }, second.labels());
            assertEquals(false, it.hasNext());
        }
    }

    private static byte[] values(String dtype, int n) {
        ByteBuffer b = ByteBuffer.allocate(n * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            switch (dtype) {
                case "<f4" -> b.putFloat(i);
                case "<f8" -> b.putDouble(i);
                case "|u1" -> b.put((byte) i);
                case "<i8" -> b.putLong(i);
                case "<i4" -> b.putInt(i);
                default -> throw new IllegalArgumentException(dtype);
            }
        }
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    static byte[] littleEndianLongs(long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    static byte[] littleEndianFloats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }
}
