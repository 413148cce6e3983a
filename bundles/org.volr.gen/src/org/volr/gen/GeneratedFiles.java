package org.volr.gen;

import java.nio.file.Path;
import java.util.List;

/** What a generator wrote, and what the user should know about it (approximations, size estimates, how to run). */
public record GeneratedFiles(List<Path> files, List<String> notes) {
	public GeneratedFiles {
		files = List.copyOf(files);
		notes = List.copyOf(notes);
	}
}
