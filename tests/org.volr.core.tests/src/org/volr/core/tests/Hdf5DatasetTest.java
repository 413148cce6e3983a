package org.volr.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.core.data.Batch;
import org.volr.core.data.BatchIterator;
import org.volr.core.data.Dataset;
import org.volr.core.data.DatasetOptions;
import org.volr.core.data.Datasets;
import org.volr.core.data.Hdf5Dataset;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

/** A small HDF5 file written with jhdf's own writer, read back through the dataset API. */
class Hdf5DatasetTest {
    @TempDir
    Path tmp;

    private Path file;

    @BeforeEach
    void writeFile() {
        file = tmp.resolve("small.h5");
        float[][][][] images = new float[5][1][2][2];
        int value = 0;
        for (float[][][] image : images) {
            for (float[] row : image[0]) {
                row[0] = value++;
                row[1] = value++;
            }
        }
        try (WritableHdfFile out = HdfFile.write(file)) {
            out.putDataset("x_test", images);
            out.putDataset("y_test", new int[] { 0, 1, 2, 1, 0 });
            WritableGroup train = out.putGroup("train");
            train.putDataset("x", new double[][] { { 1, 2, 3 }, { 4, 5, 6 } });
            train.putDataset("y", new float[][] { { 0, 1 }, { 1, 0 } });
        }
    }

    @Test
    void readsImagesInSlicedBatches() {
        Dataset data = Datasets.open("hdf5", file, "test", DatasetOptions.DEFAULT);
        assertEquals(5, data.size());
        assertArrayEquals(new int[] { 1, 2, 2 }, data.sampleShape());
        assertEquals(3, data.numClasses());
        try (BatchIterator it = data.batches(3)) {
            Batch first = it.next();
            assertArrayEquals(new int[] { 0, 1, 2 }, first.labels());
            assertArrayEquals(new float[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 }, first.features());
            Batch second = it.next();
            assertArrayEquals(new int[] { 1, 0 }, second.labels());
            assertArrayEquals(new float[] { 12, 13, 14, 15, 16, 17, 18, 19 }, second.features());
            assertFalse(it.hasNext());
        }
    }

    @Test
    void readsGroupLayoutWithOneHotLabels() {
        Dataset data = Datasets.open("hdf5", file, "train", DatasetOptions.DEFAULT);
        assertArrayEquals(new int[] { 3 }, data.sampleShape());
        assertEquals(2, data.numClasses());
        Batch batch = data.batches(10).next();
        assertArrayEquals(new int[] { 1, 0 }, batch.labels());
        assertArrayEquals(new float[] { 1, 2, 3, 4, 5, 6 }, batch.features());
    }

    @Test
    void explicitPathsOffsetAndScale() {
        Dataset data = Hdf5Dataset.open(file, "/x_test", "/y_test", DatasetOptions.DEFAULT.withOffset(4).withScale(0.5));
        assertEquals(1, data.size());
        assertArrayEquals(new float[] { 8, 8.5f, 9, 9.5f }, data.batches(8).next().features());
    }
}
