package org.volr.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.core.data.Batch;
import org.volr.core.data.BatchIterator;
import org.volr.core.data.DataFormatException;
import org.volr.core.data.Dataset;
import org.volr.core.data.DatasetOptions;
import org.volr.core.data.Datasets;

/**
 * Image folders ({@code data images "folder"}) on real images: examples/image-folder/fashion-png holds Fashion-MNIST
 * test and training images as PNG files named by their index in Debian's IDX files, so every pixel can be checked
 * against the IDX reader.
 */
class ImageFolderDatasetTest {
	static final Path FOLDER = Path.of(System.getProperty("volr.examples", "../../examples")).resolve("image-folder/fashion-png")
			.toAbsolutePath().normalize();

	static Batch all(Dataset d) {
		try (BatchIterator b = d.batches(d.size())) {
			return b.next();
		}
	}

	@Test
	void aFolderPerClassReadsAsTheImagesTheyWereWrittenFrom() throws IOException {
		Dataset test = Datasets.open("images", FOLDER, "test", DatasetOptions.DEFAULT);
		assertEquals(300, test.size());
		assertArrayEquals(new int[] { 1, 28, 28 }, test.sampleShape());
		assertEquals(10, test.numClasses());
		Batch batch = all(test);
		// classes take turns, so the first ten samples are one of each class, in name order
		assertArrayEquals(new int[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, Arrays.copyOf(batch.labels(), 10));
		// each class folder's first file, by its IDX index: the same pixels as the IDX reader gives (scaled by 1/255)
		String[] classes = { "0_tshirt_top", "1_trouser", "2_pullover", "3_dress", "4_coat", "5_sandal", "6_shirt", "7_sneaker", "8_bag",
				"9_ankle_boot" };
		for (int c = 0; c < 10; c++) {
			Path first;
			try (var files = Files.list(FOLDER.resolve("test").resolve(classes[c]))) {
				first = files.sorted().findFirst().orElseThrow();
			}
			int index = Integer.parseInt(first.getFileName().toString().replace(".png", ""));
			Dataset idx = Datasets.open("idx", TestFiles.fashionMnist(), "test", DatasetOptions.DEFAULT.withOffset(index).withLimit(1));
			Batch source = all(idx);
			assertEquals(c, source.labels()[0], "the IDX label of " + first);
			assertArrayEquals(source.features(), Arrays.copyOfRange(batch.features(), c * 784, (c + 1) * 784), 0f, "pixels of " + first);
		}
		Dataset train = Datasets.open("images", FOLDER, "train", DatasetOptions.DEFAULT);
		assertEquals(1000, train.size());
	}

	@Test
	void aLimitKeepsEveryClass() {
		Dataset twenty = Datasets.open("images", FOLDER, "test", DatasetOptions.DEFAULT.withLimit(20));
		int[] histogram = new int[10];
		for (int label : all(twenty).labels())
			histogram[label]++;
		int[] two = new int[10];
		Arrays.fill(two, 2);
		assertArrayEquals(two, histogram);
	}

	@Test
	void badFoldersAreRefusedNamingTheFile(@TempDir Path dir) throws IOException {
		DataFormatException none = assertThrows(DataFormatException.class, () -> Datasets.open("images", dir, "test", DatasetOptions.DEFAULT));
		assertTrue(none.getMessage().contains("one folder of images per class"), none.getMessage());
		Path cat = Files.createDirectories(dir.resolve("cat")), dog = Files.createDirectories(dir.resolve("dog"));
		Files.copy(FOLDER.resolve("test/0_tshirt_top/00019.png"), cat.resolve("a.png"));
		Files.writeString(dog.resolve("b.png"), "not a picture");
		DataFormatException notImage = assertThrows(DataFormatException.class, () -> Datasets.open("images", dir, "test", DatasetOptions.DEFAULT));
		assertTrue(notImage.getMessage().contains("b.png") && notImage.getMessage().contains("not an image"), notImage.getMessage());
		// a 2 × 1 grey PNG beside a 28 × 28 one: the size is refused, naming both files
		Files.write(dog.resolve("b.png"), TestFiles.greyPng(2, 1));
		DataFormatException size = assertThrows(DataFormatException.class, () -> Datasets.open("images", dir, "test", DatasetOptions.DEFAULT));
		assertTrue(size.getMessage().contains("b.png") && size.getMessage().contains("2 × 1") && size.getMessage().contains("28 × 28"),
				size.getMessage());
	}
}
