package org.volr.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files so that a reader never sees half of one: into a temporary file beside the target, then moved over
 * it. The target keeps its permissions if it existed; a new file gets the usual rw-r--r-- (a temporary file would
 * otherwise leave it readable by its owner only).
 */
public final class AtomicFiles {
	/** The body of a write: fills the stream. */
	@FunctionalInterface
	public interface Writer {
		void write(OutputStream out) throws IOException;
	}

	/** The body of a write by a library that wants a file name rather than a stream (jhdf): fills {@code file}. */
	@FunctionalInterface
	public interface FileWriter {
		void write(Path file) throws IOException;
	}

	private AtomicFiles() {
	}

	public static void writeString(Path target, String text) throws IOException {
		write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
	}

	public static void write(Path target, Writer body) throws IOException {
		writeFile(target, file -> {
			try (OutputStream out = Files.newOutputStream(file)) {
				body.write(out);
			}
		});
	}

	public static void writeFile(Path target, FileWriter body) throws IOException {
		Path absolute = target.toAbsolutePath();
		Path dir = absolute.getParent();
		Files.createDirectories(dir);
		Set<PosixFilePermission> permissions = PosixFilePermissions.fromString("rw-r--r--");
		boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
		if (posix && Files.exists(absolute))
			permissions = Files.getPosixFilePermissions(absolute);
		Path tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
		try {
			body.write(tmp);
			if (posix)
				Files.setPosixFilePermissions(tmp, permissions);
			Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		} finally {
			Files.deleteIfExists(tmp);
		}
	}
}
