package org.volr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The file arguments of a command: a directory stands for every .volr file below it. */
final class VolrFiles {
	private VolrFiles() {
	}

	static List<Path> expand(List<String> args) throws UsageException {
		List<Path> files = new ArrayList<>();
		for (String a : args) {
			if (a.startsWith("-"))
				throw new UsageException("unknown option '" + a + "'");
			Path p = Path.of(a);
			if (Files.isDirectory(p)) {
				try (Stream<Path> walk = Files.walk(p)) {
					walk.filter(f -> f.toString().endsWith(".volr") && Files.isRegularFile(f)).sorted().forEach(files::add);
				} catch (IOException e) {
					throw new UsageException("cannot list directory " + a + ": " + e.getMessage());
				}
			} else {
				files.add(p);
			}
		}
		if (files.isEmpty())
			throw new UsageException("no .volr files given");
		return files;
	}

	/**
	 * The file argument of a command that works on one .volr file: an argument that is no option the command knows
	 * must be that file, and only once, so that a typo in an option is not taken for a second file.
	 */
	static Path single(Path file, String arg) throws UsageException {
		if (arg.startsWith("-"))
			throw new UsageException("unknown option '" + arg + "'");
		if (file != null)
			throw new UsageException("one .volr file at a time");
		return Path.of(arg);
	}
}
