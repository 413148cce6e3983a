package org.volr.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.core.data.DataFormatException;
import org.volr.core.weights.WeightStore;

/**
 * Weight files damaged in a few hundred seeded ways each (emptied, truncated, bytes flipped, runs overwritten): the
 * real MNIST labels (numpy's compressed .npz) and weights Volr wrote itself (stored, as numpy.savez writes them).
 * Reading either succeeds with the very same arrays (the damage missed everything read) or fails with a
 * DataFormatException whose message starts with the file's name and names no Java class; a flipped bit never
 * passes as a different weight, thanks to the CRC-32.
 */
class CorruptNpzFilesTest {
	private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(Exception|Error)\\b|\\bjava\\.[a-z]");
	private static final int VARIANTS_PER_FILE = 300;

	@TempDir
	Path tmp;

	@Test
	void damagedWeightFilesAreRefusedNamingTheFileOrReadUnchanged() throws IOException {
		Path written = tmp.resolve("written.npz");
		float[] values = new float[4096];
		Random fill = new Random(1);
		for (int i = 0; i < values.length; i++)
			values[i] = (float) fill.nextGaussian();
		new WeightStore().put("fc1.weight", new int[] { 64, 64 }, values).put("fc1.bias", new int[] { 64 }, java.util.Arrays.copyOf(values, 64))
				.write(written);
		int refused = 0, unchanged = 0, tried = 0;
		Random random = new Random(20261207L);
		for (Path original : List.of(written, TestFiles.mnistNpz().resolve("y_test.npz"))) {
			byte[] bytes = Files.readAllBytes(original);
			WeightStore intact = WeightStore.read(original);
			for (int v = 0; v < VARIANTS_PER_FILE; v++) {
				byte[] damaged = damage(bytes, random);
				Path file = Files.write(tmp.resolve("damaged.npz"), damaged);
				tried++;
				try {
					WeightStore read = WeightStore.read(file);
					for (String name : intact.names())
						assertEquals(intact.get(name), read.get(name), "variant " + v + " of " + original.getFileName()
								+ " read without an error but with a different " + name);
					unchanged++;
				} catch (DataFormatException | UncheckedIOException e) {
					assertTrue(e.getMessage().startsWith("damaged.npz: "), "variant " + v + ": " + e.getMessage());
					assertTrue(!CLASS_NAME.matcher(e.getMessage()).find(), "variant " + v + " names a Java class: " + e.getMessage());
					refused++;
				} catch (IllegalArgumentException e) {
					// a name the damage removed: WeightStore.get says which names the file has
					assertTrue(e.getMessage().contains("fc1") || e.getMessage().contains("arr_0"), e.getMessage());
					refused++;
				}
			}
		}
		System.out.printf("damaged .npz files: %d tried, %d refused with the file named, %d read unchanged%n", tried, refused, unchanged);
		assertEquals(tried, refused + unchanged);
		assertTrue(refused > tried / 2, "most damage is found: " + refused + " of " + tried);
	}

	private static byte[] damage(byte[] bytes, Random random) {
		byte[] d = bytes.clone();
		switch (random.nextInt(4)) {
		case 0 -> {
			return java.util.Arrays.copyOf(d, random.nextInt(d.length)); // truncated (or emptied)
		}
		case 1 -> d[random.nextInt(d.length)] ^= (byte) (1 << random.nextInt(8)); // one bit flipped
		case 2 -> {
			for (int i = 0, n = 1 + random.nextInt(8); i < n; i++)
				d[random.nextInt(d.length)] = (byte) random.nextInt(256); // bytes changed
		}
		default -> {
			int from = random.nextInt(d.length), length = Math.min(d.length - from, 1 + random.nextInt(64));
			java.util.Arrays.fill(d, from, from + length, (byte) random.nextInt(256)); // a run overwritten
		}
		}
		return d;
	}
}
