package org.volr.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A folder's files written into a hidden sibling and moved in only when all of them were written, so that a run that
 * fails or is cancelled leaves the folder as it was (or absent) rather than with some of its own files beside the
 * last run's. Use: {@code try (StagedFolder f = StagedFolder.beside(target)) { write into f.path(); f.commit(); }}.
 */
public final class StagedFolder implements AutoCloseable {
	private final Path target;
	private final Path staging;
	private boolean committed;

	private StagedFolder(Path target, Path staging) {
		this.target = target;
		this.staging = staging;
	}

	public static StagedFolder beside(Path target) throws IOException {
		Path absolute = target.toAbsolutePath().normalize();
		Path parent = absolute.getParent();
		Files.createDirectories(parent);
		Path staging = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".partial-");
		return new StagedFolder(absolute, staging);
	}

	/** Where to write. */
	public Path path() {
		return staging;
	}

	/**
	 * Moves what was written into the target, each file replacing its namesake at once. Other files in the target stay:
	 * it may be a folder of the user's own ({@code -o .}).
	 */
	public void commit() throws IOException {
		Files.createDirectories(target);
		try (Stream<Path> all = Files.walk(staging)) {
			for (Path p : all.sorted().toList()) {
				Path to = target.resolve(staging.relativize(p).toString());
				if (Files.isDirectory(p))
					Files.createDirectories(to);
				else
					Files.move(p, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
		}
		committed = true;
		deleteTree(staging);
	}

	/** Without a commit, removes what was written. */
	@Override
	public void close() {
		if (!committed)
			deleteTree(staging);
	}

	private static void deleteTree(Path root) {
		if (!Files.exists(root))
			return;
		try (Stream<Path> all = Files.walk(root)) {
			for (Path p : all.sorted(Comparator.reverseOrder()).toList())
				Files.deleteIfExists(p);
		} catch (IOException e) {
			throw new UncheckedIOException("cannot remove " + root + ": " + e.getMessage(), e);
		}
	}
}
