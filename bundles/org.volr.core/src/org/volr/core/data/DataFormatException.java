package org.volr.core.data;

/**
 * A data or weight file does not have the layout its reader expects (bad magic number, unknown dtype,
 * truncated contents, mismatched sizes). The message always starts with the file name and says where in the
 * file the problem is and what was expected, so that a user can act on it without a stack trace.
 * Unchecked, because it can surface from {@link java.util.Iterator#next()} while streaming batches.
 */
public class DataFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;

    /**
     * @param file   the file name shown to the user (usually just the last path element)
     * @param detail where in the file and what was expected, e.g. "offset 0: expected magic 0x00000803, found 0x00000801"
     */
    public DataFormatException(String file, String detail) {
        this(file, detail, null);
    }

    public DataFormatException(String file, String detail, Throwable cause) {
        super(file + ": " + detail, cause);
        this.file = file;
    }

    /** The file name the message starts with. */
    public String file() {
        return file;
    }
}
