package org.volr.core.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.volr.core.internal.npy.NpyData;
import org.volr.core.internal.npy.NpyHeader;
import org.volr.core.internal.npy.NpyType;
import org.volr.core.internal.npy.NpzArchive;
import org.volr.core.internal.npy.Streams;

/**
 * Features and labels from numpy {@code .npz} files (stored or compressed), in one file or two. The feature
 * array is [n, ...sample] of dtype &lt;f4 &lt;f8 |u1 &lt;i8 &lt;i4 in C order; the label array is [n] class
 * indices or [n, classes] one-hot.
 */
public final class NpzDataset extends StreamingDataset {
    private final Path xFile;
    private final String xArray;
    private final NpyType xType;
    private final int storedSampleSize;

    private NpzDataset(String name, Path xFile, String xArray, NpyHeader x, SampleLayout layout, Labels labels,
            DatasetOptions options) {
        super(name, layout, labels, options, x.type() == NpyType.UINT8, String.valueOf(xFile.getFileName()));
        this.xFile = xFile;
        this.xArray = xArray;
        this.xType = x.type();
        this.storedSampleSize = layout.sampleSize();
    }

    /**
     * @param xArray the feature array's name, or null when {@code xFile} holds exactly one array
     * @param yArray the label array's name, or null when {@code yFile} holds exactly one array
     */
    public static NpzDataset open(Path xFile, String xArray, Path yFile, String yArray, DatasetOptions options) {
        String xName;
        NpyHeader x;
        try (NpzArchive archive = NpzArchive.open(xFile)) {
            xName = chooseArray(archive, xArray, "features");
            try (NpzArchive.Entry entry = archive.open(xName)) {
                x = entry.header();
            }
        }
        String file = String.valueOf(xFile.getFileName());
        if (x.shape().length < 2) {
            throw new DataFormatException(file, "array " + xName + ": expected features of shape [n, ...], found "
                    + Arrays.toString(x.shape()));
        }
        int[] stored = new int[x.shape().length - 1];
        for (int i = 0; i < stored.length; i++) {
            stored[i] = Shapes.toInt(x.shape()[i + 1], file, "array " + xName + ": dimension " + (i + 1));
        }
        Labels labels = readLabels(yFile, yArray);
        if (labels.count() != x.shape()[0]) {
            throw new DataFormatException(file, "array " + xName + " holds " + x.shape()[0] + " samples, but the labels in "
                    + yFile.getFileName() + " are " + labels.count());
        }
        String name = file.equals(String.valueOf(yFile.getFileName())) ? file : file + " + " + yFile.getFileName();
        return new NpzDataset(name, xFile, xName, x, new SampleLayout(stored, options.channelOrder()), labels, options);
    }

    /** Lists the arrays in an .npz file, e.g. to choose names. */
    public static List<String> arrayNames(Path npzFile) {
        try (NpzArchive archive = NpzArchive.open(npzFile)) {
            return archive.names();
        }
    }

    @Override
    boolean hasByteSource() {
        return xType == NpyType.UINT8;
    }

    @Override
    ByteSource openByteSource(int firstSample) {
        FeatureEntry open = FeatureEntry.at(firstSample, this);
        return new ByteSource() {
            private long sample = firstSample;

            @Override
            public void read(byte[] into, int samples) {
                int count = samples * storedSampleSize;
                Streams.readFully(open.entry.data(), into, 0, count, open.file(), open.where(sample),
                        count + " values of dtype " + xType.descr());
                sample += samples;
            }

            @Override
            public void close() {
                open.close();
            }
        };
    }

    @Override
    SampleSource openSource(int firstSample) {
        FeatureEntry open = FeatureEntry.at(firstSample, this);
        return new SampleSource() {
            private long sample = firstSample;

            @Override
            public void read(float[] into, int samples) {
                NpyData.readFloats(open.entry.data(), xType, into, samples * storedSampleSize, open.file(),
                        open.where(sample));
                sample += samples;
            }

            @Override
            public void close() {
                open.close();
            }
        };
    }

    /** The feature array opened in its archive and positioned at a sample: what both sources read from. */
    private record FeatureEntry(NpzArchive archive, NpzArchive.Entry entry) implements AutoCloseable {

        static FeatureEntry at(int firstSample, NpzDataset data) {
            NpzArchive archive = NpzArchive.open(data.xFile);
            try {
                NpzArchive.Entry entry = archive.open(data.xArray);
                long skip = (long) firstSample * data.storedSampleSize * data.xType.bytes();
                Streams.skipFully(entry.data(), skip, archive.file(), entry.where() + ", sample 0",
                        firstSample + " skipped samples");
                return new FeatureEntry(archive, entry);
            } catch (RuntimeException e) {
                archive.close();
                throw e;
            }
        }

        String file() {
            return archive.file();
        }

        String where(long sample) {
            return entry.where() + ", sample " + sample;
        }

        @Override
        public void close() {
            entry.close();
            archive.close();
        }
    }

    private static Labels readLabels(Path yFile, String yArray) {
        try (NpzArchive archive = NpzArchive.open(yFile);
                NpzArchive.Entry entry = archive.open(chooseArray(archive, yArray, "labels"))) {
            NpyHeader y = entry.header();
            int count = Shapes.toInt(y.elementCount(), archive.file(), entry.where() + ": the number of label values");
            double[] values = NpyData.readDoubles(entry.data(), y.type(), count, archive.file(), entry.where() + ", data");
            return Labels.from(values, y.shape(), archive.file(), entry.where());
        }
    }

    private static String chooseArray(NpzArchive archive, String requested, String role) {
        if (requested != null) {
            return requested;
        }
        if (archive.names().size() != 1) {
            throw new DataFormatException(archive.file(), "expected a single array or the name of the " + role
                    + " array, found " + archive.names());
        }
        return archive.names().get(0);
    }
}
