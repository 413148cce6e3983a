package org.volr.core.io;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The failure for a file or folder that is not there. Its message is what a user reads ("PATH: no such file", as IoMessages words it);
 * an {@code UncheckedIOException} wrapping a bare {@link NoSuchFileException} would print the Java class name.
 */
public final class MissingFile {
    private MissingFile() {
    }

    public static UncheckedIOException exception(Path path) {
        return exception(path.toString());
    }

    /** @param shown the path as the user should read it, e.g. "train-images-idx3-ubyte[.gz]" */
    public static UncheckedIOException exception(String shown) {
        return new UncheckedIOException(shown + ": no such file", new NoSuchFileException(shown));
    }
}
