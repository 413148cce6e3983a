package org.volr.lang.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * A failed file operation in the user's words: {@code FILE: no such file} rather than
 * {@code java.nio.file.NoSuchFileException: FILE}, which is what {@link UncheckedIOException#getMessage()} and
 * {@link Throwable#toString()} print.
 */
public final class IoMessages {
	private IoMessages() {
	}

	public static String describe(Throwable failure) {
		Throwable e = failure instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : failure;
		if (e instanceof NoSuchFileException f)
			return f.getFile() + ": no such file";
		if (e instanceof AccessDeniedException f)
			return f.getFile() + ": permission denied";
		if (e instanceof NotDirectoryException f)
			return f.getFile() + ": not a directory";
		if (e instanceof FileSystemException f)
			return f.getReason() == null ? f.getFile() + ": cannot be read or written" : f.getFile() + ": " + f.getReason();
		if (e instanceof IOException && e.getMessage() != null)
			return e.getMessage();
		return "input or output failed (" + (e.getMessage() == null ? "no detail" : e.getMessage()) + ")";
	}
}
