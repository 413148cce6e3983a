package org.volr.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.core.data.Batch;
import org.volr.core.data.DataFormatException;
import org.volr.core.data.Dataset;
import org.volr.core.data.DatasetOptions;
import org.volr.core.data.Datasets;

/** {@code data ... mean m std s}: every value becomes (x − mean_c) / std_c after scaling, as torchvision's Normalize. */
class StandardisedDatasetTest {

	@Test
	void fashionMnistIsStandardisedValueByValue() {
		DatasetOptions fifty = DatasetOptions.DEFAULT.withLimit(50);
		Batch raw = ImageFolderDatasetTest.all(Datasets.open("idx", TestFiles.fashionMnist(), "test", fifty));
		Dataset standardised = Datasets.open("idx", TestFiles.fashionMnist(), "test",
				fifty.withStandardisation(new float[] { 0.2860f }, new float[] { 0.3530f }));
		assertEquals(50, standardised.size());
		assertArrayEquals(raw.labels(), standardised.labels());
		float[] x = ImageFolderDatasetTest.all(standardised).features(), expected = raw.features().clone();
		for (int i = 0; i < expected.length; i++)
			expected[i] = (expected[i] - 0.2860f) / 0.3530f;
		assertArrayEquals(expected, x, 0f);
		// a second pass gives the same values (the reader's arrays are not standardised twice)
		assertArrayEquals(expected, ImageFolderDatasetTest.all(standardised).features(), 0f);
		// mean alone, std alone
		float[] meanOnly = ImageFolderDatasetTest.all(Datasets.open("idx", TestFiles.fashionMnist(), "test",
				fifty.withStandardisation(new float[] { 0.5f }, new float[0]))).features();
		assertEquals(raw.features()[300] - 0.5f, meanOnly[300], 0f);
		float[] stdOnly = ImageFolderDatasetTest.all(Datasets.open("idx", TestFiles.fashionMnist(), "test",
				fifty.withStandardisation(new float[0], new float[] { 0.25f }))).features();
		assertEquals(raw.features()[300] / 0.25f, stdOnly[300], 0f);
	}

	@Test
	void colourImagesTakeOneValuePerChannel(@TempDir Path dir) throws IOException {
		// two 2 × 2 images whose red, green and blue channels hold different values
		for (String cls : new String[] { "a", "b" }) {
			BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
			for (int y = 0; y < 2; y++)
				for (int x = 0; x < 2; x++)
					img.setRGB(x, y, (200 << 16) | ((50 + 10 * x) << 8) | (100 + y));
			Files.createDirectories(dir.resolve(cls));
			ImageIO.write(img, "png", dir.resolve(cls).resolve("1.png").toFile());
		}
		float[] mean = { 0.5f, 0.25f, 0.125f }, std = { 0.5f, 0.2f, 0.1f };
		Dataset d = Datasets.open("images", dir, "test", DatasetOptions.DEFAULT.withStandardisation(mean, std));
		assertArrayEquals(new int[] { 3, 2, 2 }, d.sampleShape());
		float[] x = ImageFolderDatasetTest.all(d).features();
		float pixel = (float) (1 / 255.0); // the reader's scale
		assertEquals((200 * pixel - 0.5f) / 0.5f, x[0], 0f); // red, (0, 0)
		assertEquals((60 * pixel - 0.25f) / 0.2f, x[4 + 1], 0f); // green, x = 1
		assertEquals((101 * pixel - 0.125f) / 0.1f, x[8 + 2], 0f); // blue, y = 1
		assertEquals(x[0], x[12], 0f); // the second image, red
	}

	@Test
	void valuesThatDoNotFitTheChannelsAreRefusedNamingTheFile() {
		DataFormatException e = assertThrows(DataFormatException.class, () -> Datasets.open("idx", TestFiles.fashionMnist(), "test",
				DatasetOptions.DEFAULT.withLimit(5).withStandardisation(new float[] { 0.49f, 0.48f, 0.45f }, new float[] { 0.25f })));
		assertTrue(e.getMessage().startsWith("fashion-mnist: mean has 3 values but the samples [1, 28, 28] have 1 channel;"),
				e.getMessage());
		IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
				() -> DatasetOptions.DEFAULT.withStandardisation(new float[0], new float[] { 0f }));
		assertTrue(zero.getMessage().contains("std must be positive"), zero.getMessage());
	}
}
