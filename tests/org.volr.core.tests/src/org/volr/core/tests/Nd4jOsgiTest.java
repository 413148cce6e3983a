package org.volr.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.volr.core.data.Batch;
import org.volr.core.nd4j.Nd4jSupport;

class Nd4jOsgiTest {

    @Test
    void coreIsLoadedByItsOsgiBundle() {
        Bundle bundle = FrameworkUtil.getBundle(Nd4jSupport.class);
        assertNotNull(bundle, "not loaded by an OSGi bundle class loader");
        assertEquals("org.volr.core", bundle.getSymbolicName());
    }

    @Test
    void matrixProductOnTheNativeCpuBackend() {
        Nd4jSupport.init();
        INDArray a = Nd4j.create(new float[] { 1, 2, 3, 4 }, new long[] { 2, 2 }, 'c');
        INDArray b = Nd4j.create(new float[] { 5, 6, 7, 8 }, new long[] { 2, 2 }, 'c');
        assertArrayEquals(new float[] { 19, 22, 43, 50 }, a.mmul(b).dup('c').data().asFloat(), 0f);
        assertEquals("org.nd4j.linalg.cpu.nativecpu.CpuBackend", Nd4jSupport.backendName());
    }

    @Test
    void initIsIdempotentAcrossThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> names = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                names.add(pool.submit(() -> {
                    Nd4jSupport.init();
                    return Nd4jSupport.backendName();
                }));
            }
            for (Future<String> name : names) {
                assertEquals("org.nd4j.linalg.cpu.nativecpu.CpuBackend", name.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void threadsFollowTheAvailableProcessors() {
        assertEquals(Runtime.getRuntime().availableProcessors(), Nd4jSupport.threads());
    }

    @Test
    void batchBecomesAnIndArrayOfItsShape() {
        Batch batch = new Batch(new float[] { 0, 1, 2, 3, 4, 5, 6, 7 }, new int[] { 0, 1 }, new int[] { 1, 2, 2 });
        INDArray features = batch.featuresAsINDArray();
        assertArrayEquals(new long[] { 2, 1, 2, 2 }, features.shape());
        assertEquals(7f, features.getFloat(1, 0, 1, 1));
        assertEquals(28f, features.sumNumber().floatValue());
    }
}
