package org.volr.core.weights;

import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.volr.core.nd4j.Nd4jSupport;

/** A float32 array of any rank: a shape and its values in row-major (C) order. Compared by content. */
public final class FloatTensor {
    private final int[] shape;
    private final float[] data;

    /** The arrays are not copied; the caller hands them over. */
    public FloatTensor(int[] shape, float[] data) {
        long count = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            count *= d;
        }
        if (count != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + count + " values, but "
                    + data.length + " were given");
        }
        this.shape = shape;
        this.data = data;
    }

    public static FloatTensor of(INDArray array) {
        long[] longShape = array.shape();
        int[] shape = new int[longShape.length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = Math.toIntExact(longShape[i]);
        }
        return new FloatTensor(shape, array.castTo(DataType.FLOAT).dup('c').data().asFloat());
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    /** The values, row-major; not copied. */
    public float[] data() {
        return data;
    }

    public INDArray toINDArray() {
        Nd4jSupport.init();
        long[] longShape = Arrays.stream(shape).asLongStream().toArray();
        return Nd4j.create(data.clone(), longShape, 'c');
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FloatTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
