package org.volr.core.data;

/**
 * Turns a label array into class indices. A 1-D array (or [n, 1]) holds class indices; an [n, k] array with
 * k > 1 is one-hot (or class scores), and the class is the column with the largest value.
 */
final class Labels {
    private final int[] classes;
    private final int numClasses;

    private Labels(int[] classes, int numClasses) {
        this.classes = classes;
        this.numClasses = numClasses;
    }

    /**
     * @param values the whole label array, row-major
     * @param shape  its shape; shape[0] is the number of samples
     * @param where  file and entry for error messages
     */
    static Labels from(double[] values, long[] shape, String file, String where) {
        if (shape.length == 0 || shape.length > 2) {
            throw new DataFormatException(file, where + ": expected labels of shape [n] or [n, classes], found rank "
                    + shape.length);
        }
        int n = Shapes.toInt(shape[0], file, where + ": the number of labels");
        int columns = shape.length == 2 ? Shapes.toInt(shape[1], file, where + ": the number of classes") : 1;
        int[] classes = new int[n];
        if (columns == 1) {
            int max = -1;
            for (int i = 0; i < n; i++) {
                double v = values[i];
                if (!(v >= 0) || v != Math.rint(v) || v > Integer.MAX_VALUE) {
                    throw new DataFormatException(file, where + ", label " + i + ": expected a class index >= 0, found " + v);
                }
                classes[i] = (int) v;
                max = Math.max(max, classes[i]);
            }
            return new Labels(classes, max + 1);
        }
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < columns; c++) {
                if (values[i * columns + c] > values[i * columns + best]) {
                    best = c;
                }
            }
            classes[i] = best;
        }
        return new Labels(classes, columns);
    }

    static Labels fromIndices(int[] classes) {
        int max = -1;
        for (int c : classes) {
            max = Math.max(max, c);
        }
        return new Labels(classes, max + 1);
    }

    int[] classes() {
        return classes;
    }

    int count() {
        return classes.length;
    }

    int numClasses() {
        return numClasses;
    }
}
