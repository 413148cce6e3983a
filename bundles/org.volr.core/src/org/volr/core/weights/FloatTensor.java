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

    /**
     * A row-major flat array as the nested Java array of that shape ({@code float[a][b]...}), which HDF5 writers
     * such as jhdf store as an n-D dataset; a vector (or scalar shape) stays a flat copy.
     */
    public static Object nested(float[] flat, int[] shape) {
        if (shape.length <= 1) {
            return flat.clone();
        }
        Object out = java.lang.reflect.Array.newInstance(float.class, shape);
        fill(out, flat, shape, 0, 0);
        return out;
    }

    private static int fill(Object array, float[] flat, int[] shape, int dim, int pos) {
        if (dim == shape.length - 1) {
            System.arraycopy(flat, pos, array, 0, shape[dim]);
            return pos + shape[dim];
        }
        for (int i = 0; i < shape[dim]; i++) {
            pos = fill(java.lang.reflect.Array.get(array, i), flat, shape, dim + 1, pos);
        }
        return pos;
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
