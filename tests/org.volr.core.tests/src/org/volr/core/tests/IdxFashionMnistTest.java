package org.volr.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.volr.core.data.Batch;
import org.volr.core.data.BatchIterator;
import org.volr.core.data.Dataset;
import org.volr.core.data.DatasetOptions;
import org.volr.core.data.Datasets;
import org.volr.core.data.IdxDataset;

/** The real Fashion-MNIST from Debian's dataset-fashion-mnist (gzip-compressed IDX files). */
class IdxFashionMnistTest {

    @Test
    void testSplitHasTenThousandImagesAndAThousandPerClass() {
        Dataset test = Datasets.open("idx", TestFiles.fashionMnist(), "test", DatasetOptions.DEFAULT);
        assertEquals(10_000, test.size());
        assertArrayEquals(new int[] { 1, 28, 28 }, test.sampleShape());
        assertEquals(10, test.numClasses());

        int[] histogram = new int[10];
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        int seen = 0;
        try (BatchIterator batches = test.batches(512)) {
            while (batches.hasNext()) {
                Batch batch = batches.next();
                assertEquals(batch.size() * 784, batch.features().length);
                for (int label : batch.labels()) {
                    histogram[label]++;
                }
                for (float v : batch.features()) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
                seen += batch.size();
            }
        }
        assertEquals(10_000, seen);
        assertArrayEquals(new int[] { 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000 }, histogram);
        assertEquals(0f, min);
        assertEquals(1f, max);
    }

    @Test
    void allSixtyThousandTrainingImagesStreamInBoundedBatches() {
        Dataset train = Datasets.open("idx", TestFiles.fashionMnist(), "train", DatasetOptions.DEFAULT);
        assertEquals(60_000, train.size());
        int batches = 0;
        int images = 0;
        try (BatchIterator it = train.batches(1000)) {
            while (it.hasNext()) {
                Batch batch = it.next();
                // only one batch of features exists at a time: 1000 x 784 floats
                assertEquals(1000 * 784, batch.features().length);
                batches++;
                images += batch.size();
            }
        }
        assertEquals(60, batches);
        assertEquals(60_000, images);
    }

    @Test
    void offsetAndLimitSelectAWindow() {
        Path dir = TestFiles.fashionMnist();
        Dataset all = IdxDataset.openDirectory(dir, "test", DatasetOptions.DEFAULT.withLimit(20));
        Dataset window = IdxDataset.openDirectory(dir, "test", DatasetOptions.DEFAULT.withOffset(7).withLimit(5));
        assertEquals(5, window.size());
        Batch first = all.batches(20).next();
        Batch part = window.batches(100).next();
        assertEquals(5, part.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(first.labels()[7 + i], part.labels()[i]);
        }
        float[] expected = java.util.Arrays.copyOfRange(first.features(), 7 * 784, 12 * 784);
        assertArrayEquals(expected, part.features());
        assertArrayEquals(java.util.Arrays.copyOfRange(all.labels(), 7, 12), window.labels());
    }

    @Test
    void scaleOneKeepsRawPixelValues() {
        Dataset raw = Datasets.open("idx", TestFiles.fashionMnist(), "test", DatasetOptions.of(100, 1.0, null));
        float max = 0;
        try (BatchIterator it = raw.batches(100)) {
            for (float v : it.next().features()) {
                assertEquals(Math.rint(v), v, "raw pixels are integers");
                max = Math.max(max, v);
            }
        }
        assertTrue(max > 200 && max <= 255, "max raw pixel " + max);
    }

    @Test
    void closingEarlyIsAllowedAndANewPassStartsAgain() {
        Dataset test = Datasets.open("idx", TestFiles.fashionMnist(), "test", DatasetOptions.DEFAULT);
        Batch first;
        try (BatchIterator it = test.batches(10)) {
            first = it.next();
        }
        try (BatchIterator again = test.batches(10)) {
            assertArrayEquals(first.features(), again.next().features());
        }
    }
}
