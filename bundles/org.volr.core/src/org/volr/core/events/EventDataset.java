package org.volr.core.events;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.volr.core.data.DataFormatException;

/**
 * Event recordings sorted into class folders, as N-MNIST ships them: {@code DIR/0/*.bin}, {@code DIR/1/*.bin}, …
 * (or .aedat). Recordings are read one at a time, when asked for.
 */
public final class EventDataset {
	private final Path root;
	private final List<Path> files;
	private final int[] labels;
	private final int numClasses;

	private EventDataset(Path root, List<Path> files, int[] labels, int numClasses) {
		this.root = root;
		this.files = files;
		this.labels = labels;
		this.numClasses = numClasses;
	}

	public static EventDataset open(Path root, int limit) {
		if (!Files.isDirectory(root))
			throw new DataFormatException(root.toString(), "expected a directory with one sub-directory per class (0, 1, ...)");
		List<Path> files = new ArrayList<>();
		List<Integer> labels = new ArrayList<>();
		int classes = 0;
		try (Stream<Path> dirs = Files.list(root)) {
			for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
				String name = dir.getFileName().toString();
				if (!name.matches("\\d+"))
					continue;
				int label = Integer.parseInt(name);
				classes = Math.max(classes, label + 1);
				try (Stream<Path> f = Files.list(dir)) {
					for (Path p : f.filter(EventDataset::isRecording).sorted().toList()) {
						files.add(p);
						labels.add(label);
					}
				}
			}
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		if (files.isEmpty())
			throw new DataFormatException(root.toString(), "no .bin or .aedat recordings in class folders 0, 1, ...");
		// interleave classes deterministically so that a limit keeps every class
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < files.size(); i++)
			order.add(i);
		order.sort((a, b) -> {
			int ra = rank(labels, a), rb = rank(labels, b);
			return ra != rb ? Integer.compare(ra, rb) : Integer.compare(labels.get(a), labels.get(b));
		});
		int n = limit > 0 ? Math.min(limit, files.size()) : files.size();
		List<Path> chosen = new ArrayList<>();
		int[] chosenLabels = new int[n];
		for (int i = 0; i < n; i++) {
			chosen.add(files.get(order.get(i)));
			chosenLabels[i] = labels.get(order.get(i));
		}
		return new EventDataset(root, chosen, chosenLabels, classes);
	}

	private static int rank(List<Integer> labels, int index) {
		int r = 0;
		for (int i = 0; i < index; i++)
			if (labels.get(i).equals(labels.get(index)))
				r++;
		return r;
	}

	private static boolean isRecording(Path p) {
		String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
		return Files.isRegularFile(p) && (n.endsWith(".bin") || n.endsWith(".aedat"));
	}

	public String name() {
		return root.getFileName().toString();
	}

	public int size() {
		return files.size();
	}

	public int numClasses() {
		return numClasses;
	}

	public int label(int i) {
		return labels[i];
	}

	public EventStream recording(int i) {
		Path f = files.get(i);
		return f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".aedat") ? AedatReader.read(f) : NMnistReader.read(f);
	}
}
