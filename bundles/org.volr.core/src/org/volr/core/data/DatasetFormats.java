package org.volr.core.data;

import java.util.List;
import java.util.Locale;

/**
 * The registry of dataset formats, one entry per format a {@code data} clause can name: what opens a data clause
 * (Datasets, the experiment pipeline) and what messages list. The grammar's {@code DataFormat} enum names the same
 * formats, and json, which no reader reads yet and the checker refuses.
 */
public final class DatasetFormats {
	private static final List<DatasetFormat> ALL = List.of(
			new DatasetFormat.Samples("idx", "a folder with train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz] and the t10k-*"
					+ " pair for test (MNIST's files)", IdxDataset::openDirectory),
			new DatasetFormat.Samples("npz", "an .npz with arrays x_<split> and y_<split> (as Keras' mnist.npz) or x and y, or a folder"
					+ " with x_<split>.npz and y_<split>.npz", Datasets::openNpz),
			new DatasetFormat.Samples("hdf5", "an HDF5 file with datasets /x_<split> and /y_<split>, /<split>/x and /<split>/y, or /x"
					+ " and /y", Datasets::openHdf5),
			new DatasetFormat.Samples("images", "a folder with one subfolder of images per class, under a train or test folder or not",
					ImageFolderDataset::open),
			new DatasetFormat.Events("aedat", "a folder with class folders 0, 1, ... of AEDAT 2.0 recordings (jAER), under Train/ and"
					+ " Test/ or not"),
			new DatasetFormat.Events("nmnist", "N-MNIST's folder: class folders 0, 1, ... of .bin recordings under Train/ and Test/"));

	private DatasetFormats() {
	}

	public static List<DatasetFormat> all() {
		return ALL;
	}

	/** The format a data clause names ("idx"; any case), or null when none is registered under that name. */
	public static DatasetFormat of(String name) {
		for (DatasetFormat f : ALL)
			if (f.name().equals(name.toLowerCase(Locale.ROOT)))
				return f;
		return null;
	}

	/** "idx, npz, hdf5 or images": the names of the formats of samples, for messages. */
	public static String sampleFormats() {
		List<String> names = ALL.stream().filter(DatasetFormat.Samples.class::isInstance).map(DatasetFormat::name).toList();
		return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
	}
}
