package org.volr.core.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.volr.core.events.EventDataset;
import org.volr.core.io.MissingFile;

/**
 * One format of a {@code data} clause, named as the grammar's {@code DataFormat} writes it: samples with labels
 * that the ANN and the simulator read as arrays, or recordings of an event camera that the simulator plays spike
 * for spike. {@link DatasetFormats} lists them.
 */
public sealed interface DatasetFormat permits DatasetFormat.Samples, DatasetFormat.Events {
	/** Its name in a data clause ("idx"). */
	String name();

	/** What its path names, for messages and documentation. */
	String files();

	/** Whether it holds recordings of an event camera rather than samples. */
	default boolean events() {
		return this instanceof Events;
	}

	/** How a format of samples opens its path for a split ("train" or "test"). */
	@FunctionalInterface
	interface SampleReader {
		Dataset open(Path path, String split, DatasetOptions options);
	}

	/** Samples with labels: images, arrays. */
	record Samples(String name, String files, SampleReader reader) implements DatasetFormat {
		/**
		 * The split of the data at {@code path}, standardised when the options say so.
		 *
		 * @param split "train" or "test"; null means "test"
		 */
		public Dataset open(Path path, String split, DatasetOptions options) {
			String theSplit = split == null ? "test" : split.toLowerCase(Locale.ROOT);
			if (!theSplit.equals("train") && !theSplit.equals("test"))
				throw new IllegalArgumentException("unknown split '" + split + "' (expected train or test)");
			if (!Files.exists(path))
				throw MissingFile.exception(path);
			Dataset data = reader.open(path, theSplit, options);
			return options.standardises() ? StandardisedDataset.of(data, options.mean(), options.std(), String.valueOf(path.getFileName()))
					: data;
		}
	}

	/** Recordings of an event camera sorted into class folders 0, 1, ... (N-MNIST's .bin, AEDAT). */
	record Events(String name, String files) implements DatasetFormat {
		/**
		 * The recordings of a split: the class folders under {@code root}, or under its Train/ or Test/ folder
		 * (N-MNIST's layout) for that split; {@code limit} > 0 takes at most that many.
		 */
		public EventDataset open(Path root, String split, int limit) {
			String folder = "train".equalsIgnoreCase(split) ? "Train" : "Test";
			for (String name : new String[] { folder, folder.toLowerCase(Locale.ROOT) })
				if (Files.isDirectory(root.resolve(name)))
					root = root.resolve(name);
			return EventDataset.open(root, limit);
		}
	}
}
