package org.volr.core.data;

/** Small helpers for shapes as int arrays. */
final class Shapes {
    private Shapes() {
    }

    static int product(int[] shape) {
        long product = 1;
        for (int d : shape) {
            product *= d;
        }
        if (product > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("sample too large: " + java.util.Arrays.toString(shape));
        }
        return (int) product;
    }

    /** Checks that a dimension read from a file fits into an int (Java arrays are int-indexed). */
    static int toInt(long dim, String file, String what) {
        if (dim < 0 || dim > Integer.MAX_VALUE) {
            throw new DataFormatException(file, what + " is " + dim + ", expected 0.." + Integer.MAX_VALUE);
        }
        return (int) dim;
    }
}
