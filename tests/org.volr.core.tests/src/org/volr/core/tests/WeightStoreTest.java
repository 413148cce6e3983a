package org.volr.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;

class WeightStoreTest {
    @TempDir
    Path tmp;

    private static WeightStore sample() {
        float[] kernel = new float[2 * 1 * 3 * 3];
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = i * 0.5f - 3;
        }
        return new WeightStore()
                .put("conv1/kernel", new int[] { 2, 1, 3, 3 }, kernel)
                .put("conv1/bias", new int[] { 2 }, new float[] { 0.25f, -1e-7f })
                .put("dense/weights", new int[] { 2, 3 }, new float[] { 1, 2, 3, 4, 5, Float.MIN_VALUE })
                .put("threshold", new int[0], new float[] { 1.5f });
    }

    @Test
    void roundTripKeepsNamesOrderShapesAndValues() throws IOException {
        Path path = tmp.resolve("model.npz");
        WeightStore written = sample();
        written.write(path);
        WeightStore read = WeightStore.read(path);
        assertEquals(List.of("conv1/kernel", "conv1/bias", "dense/weights", "threshold"), List.copyOf(read.names()));
        for (String name : written.names()) {
            assertEquals(written.get(name), read.get(name), name);
        }
        assertArrayEquals(new int[0], read.get("threshold").shape());
    }

    @Test
    void overwritesAtomicallyAndLeavesNoTemporaryFile() throws IOException {
        Path path = tmp.resolve("model.npz");
        sample().write(path);
        new WeightStore().put("only", new int[] { 1 }, new float[] { 42 }).write(path);
        assertEquals(List.of("only"), List.copyOf(WeightStore.read(path).names()));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(path), files.toList());
        }
    }

    /** numpy's savez stores arrays uncompressed: without the CRC-32 check a flipped bit would be a different weight. */
    @Test
    void aFlippedBitIsRefusedByTheChecksum() throws IOException {
        Path path = tmp.resolve("model.npz");
        sample().write(path);
        byte[] bytes = Files.readAllBytes(path);
        int at = indexOf(bytes, new byte[] { 0, 0, (byte) 0x80, 0x3e }); // 0.25f, conv1/bias[0], little-endian
        assertTrue(at > 0, "0.25f not found in the stored archive");
        bytes[at + 2] ^= 0x01; // 0.25f becomes 0.251953125f
        Path flipped = Files.write(tmp.resolve("flipped.npz"), bytes);
        TestFiles.assertFormatError("flipped.npz", () -> WeightStore.read(flipped), "entry conv1/bias.npy",
                "CRC-32 mismatch", "damaged");
    }

    @Test
    void aMissingFileIsNamedWithoutJavaInternals() {
        Path missing = tmp.resolve("absent.npz");
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> WeightStore.read(missing));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    /** Where needle first stands in haystack, or -1 (Latin-1 decodes every byte to the char of the same value). */
    private static int indexOf(byte[] haystack, byte[] needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).indexOf(new String(needle, StandardCharsets.ISO_8859_1));
    }

    @Test
    void tensorsConvertToAndFromNd4j() {
        FloatTensor tensor = sample().get("dense/weights");
        INDArray array = tensor.toINDArray();
        assertArrayEquals(new long[] { 2, 3 }, array.shape());
        assertEquals(5f, array.getFloat(1, 1), 0f);
        assertEquals(tensor, FloatTensor.of(array));
    }

    @Test
    void missingNameIsReportedWithTheNamesPresent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sample().get("conv2/kernel"));
        assertEquals(true, e.getMessage().contains("conv1/bias"), e.getMessage());
    }

    @Test
    void readsNumpysCompressedNpz() {
        WeightStore labels = WeightStore.read(TestFiles.mnistNpz().resolve("y_test.npz"));
        assertEquals(List.of("arr_0"), List.copyOf(labels.names()));
        assertArrayEquals(new int[] { 10000, 10 }, labels.get("arr_0").shape());
    }

    @Test
    void numpyLoadsTheWrittenFile() throws Exception {
        assertTrue(numpyAvailable(), "python3 with numpy is missing: apt-get install python3-numpy (scripts/setup-simulators.sh does)");
        Path path = tmp.resolve("for-numpy.npz");
        sample().write(path);
        String script = String.join("\n",
                "import sys, numpy as np",
                "z = np.load(sys.argv[1])",
                "print(','.join(z.files))",
                "k = z['conv1/kernel']",
                "print(k.dtype, k.shape, float(k[1, 0, 2, 2]))",
                "print(z['threshold'].shape, float(z['threshold']))");
        Process p = new ProcessBuilder("python3", "-c", script, path.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(true, p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals(String.join("\n",
                "conv1/kernel,conv1/bias,dense/weights,threshold",
                "float32 (2, 1, 3, 3) 5.5",
                "() 1.5"), out);
    }

    private static boolean numpyAvailable() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
