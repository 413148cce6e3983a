package org.volr.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.volr.core.io.MissingFile;
import org.volr.core.internal.npy.Streams;

/**
 * MNIST-style IDX data (MNIST, Fashion-MNIST, KMNIST): an images file (magic 0x00000803, [n, rows, cols]
 * unsigned bytes) and a labels file (magic 0x00000801, [n] unsigned bytes), each plain or gzip-compressed.
 * Samples are [1, rows, cols]; pixels are scaled to [0, 1] unless the options give a scale.
 */
public final class IdxDataset extends StreamingDataset {
    private final IdxFile images;
    private final int pixelsPerImage;

    private IdxDataset(String name, IdxFile images, Labels labels, DatasetOptions options) {
        super(name, new SampleLayout(new int[] { 1, images.dims()[1], images.dims()[2] }, ChannelOrder.CHANNELS_FIRST),
                labels, options, true, images.file());
        this.images = images;
        this.pixelsPerImage = images.dims()[1] * images.dims()[2];
    }

    public static IdxDataset open(Path imagesFile, Path labelsFile, DatasetOptions options) {
        return load(imagesFile, labelsFile, String.valueOf(imagesFile.getFileName()), options);
    }

    private static IdxDataset load(Path imagesFile, Path labelsFile, String name, DatasetOptions options) {
        requireFile(imagesFile);
        requireFile(labelsFile);
        IdxFile images = IdxFile.open(imagesFile, IdxFile.IMAGES_MAGIC, "images");
        IdxFile labelFile = IdxFile.open(labelsFile, IdxFile.LABELS_MAGIC, "labels");
        Labels labels = Labels.fromIndices(readLabels(labelFile));
        int count = images.dims()[0];
        if (labels.count() != count) {
            throw new DataFormatException(images.file(), "holds " + count + " images, but " + labelFile.file() + " holds "
                    + labels.count() + " labels");
        }
        return new IdxDataset(name, images, labels, options);
    }

    /**
     * Opens the standard file pair in a directory: {@code train-images-idx3-ubyte[.gz]} and
     * {@code train-labels-idx1-ubyte[.gz]} for split "train", {@code t10k-*} for split "test".
     */
    public static IdxDataset openDirectory(Path directory, String split, DatasetOptions options) {
        String prefix = switch (split == null ? "test" : split.toLowerCase(Locale.ROOT)) {
            case "train" -> "train";
            case "test" -> "t10k";
            default -> throw new IllegalArgumentException("unknown split '" + split + "' (expected train or test)");
        };
        Path images = find(directory, prefix + "-images-idx3-ubyte");
        Path labels = find(directory, prefix + "-labels-idx1-ubyte");
        return load(images, labels, directory.getFileName() + " " + (prefix.equals("t10k") ? "test" : "train"),
                options);
    }

    @Override
    SampleSource openSource(int firstSample) {
        InputStream in = images.openData();
        long skip = (long) firstSample * pixelsPerImage;
        Streams.skipFully(in, skip, images.file(), images.offset(images.headerBytes()), firstSample + " skipped images");
        return new SampleSource() {
            private long offset = images.headerBytes() + skip;
            private byte[] bytes = new byte[0];

            @Override
            public void read(float[] into, int samples) {
                int length = samples * pixelsPerImage;
                if (bytes.length < length) {
                    bytes = new byte[length];
                }
                Streams.readFully(in, bytes, 0, length, images.file(), images.offset(offset), samples + " images");
                offset += length;
                for (int i = 0; i < length; i++) {
                    into[i] = bytes[i] & 0xFF;
                }
            }

            @Override
            public void close() {
                try {
                    in.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    private static int[] readLabels(IdxFile file) {
        int count = file.dims()[0];
        try (InputStream in = file.openData()) {
            byte[] bytes = Streams.readFully(in, count, file.file(), file.offset(file.headerBytes()), count + " labels");
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = bytes[i] & 0xFF;
            }
            return labels;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path find(Path directory, String baseName) {
        Path plain = directory.resolve(baseName);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gzip = directory.resolve(baseName + ".gz");
        if (Files.isRegularFile(gzip)) {
            return gzip;
        }
        throw MissingFile.exception(plain + "[.gz]");
    }

    private static void requireFile(Path path) {
        if (!Files.isRegularFile(path)) {
            throw MissingFile.exception(path);
        }
    }
}
