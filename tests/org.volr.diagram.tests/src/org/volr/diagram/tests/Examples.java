package org.volr.diagram.tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.volr.lang.api.VolrLanguage;
import org.volr.model.VolrFile;

/** The .volr files under examples/ (system property volr.examples), loaded as the CLI loads them. */
final class Examples {
	static final Path ROOT = Path.of(System.getProperty("volr.examples", "../../examples")).toAbsolutePath().normalize();

	private Examples() {
	}

	static Stream<Path> files() {
		try (Stream<Path> walk = Files.walk(ROOT)) {
			List<Path> files = walk.filter(p -> p.toString().endsWith(".volr")).sorted().toList();
			if (files.isEmpty())
				throw new IllegalStateException("no examples under " + ROOT);
			return files.stream();
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The golden file's name: "thesis/let-parallel.volr" → "thesis-let-parallel", "xor/xor.volr" → "xor". */
	static String name(Path file) {
		Path relative = ROOT.relativize(file);
		String stem = relative.getFileName().toString().replace(".volr", "");
		if (relative.getParent() != null && relative.getParent().toString().equals(stem))
			return stem;
		return relative.toString().replace(".volr", "").replace('/', '-');
	}

	static VolrFile load(Path file) {
		VolrLanguage.Workspace ws = VolrLanguage.create().workspace();
		ws.add(file);
		VolrFile model = ws.model(file);
		if (model == null)
			throw new IllegalStateException("cannot load " + file);
		return model;
	}
}
