package org.volr.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.core.data.DataFormatException;
import org.volr.core.events.AedatReader;
import org.volr.core.events.EventBinning;
import org.volr.core.events.EventDataset;
import org.volr.core.events.EventStream;
import org.volr.core.events.NMnistReader;

/** N-MNIST and AEDAT 2.0 event files written byte by byte here, then damaged in every way a file gets damaged. */
class EventReadersTest {
	@TempDir
	Path tmp;

	/** One N-MNIST event: x, y, then polarity in the top bit of a 23-bit microsecond timestamp. */
	static byte[] nmnist(int x, int y, int polarity, int micros) {
		return new byte[] { (byte) x, (byte) y, (byte) ((polarity << 7) | ((micros >> 16) & 0x7F)), (byte) (micros >> 8),
				(byte) micros };
	}

	static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] p : parts)
			out.writeBytes(p);
		return out.toByteArray();
	}

	@Test
	void readsNMnistEvents() throws IOException {
		Path f = tmp.resolve("00001.bin");
		Files.write(f, concat(nmnist(3, 4, 1, 10), nmnist(33, 0, 0, 70_000), nmnist(3, 4, 1, 1_000_000)));
		EventStream s = NMnistReader.read(f);
		assertEquals(3, s.size());
		assertArrayEquals(new int[] { 3, 33, 3 }, s.x());
		assertArrayEquals(new byte[] { 1, 0, 1 }, s.polarity());
		assertArrayEquals(new long[] { 10, 70_000, 1_000_000 }, s.timeMicros());
		assertEquals((1 * 34 + 4) * 34 + 3, s.inputIndex(0));
	}

	@Test
	void truncatedOrForeignNMnistFilesAreNamedErrors() throws IOException {
		Path cut = tmp.resolve("cut.bin");
		Files.write(cut, Arrays.copyOf(concat(nmnist(1, 1, 0, 5), nmnist(2, 2, 1, 9)), 8));
		DataFormatException e = assertThrows(DataFormatException.class, () -> NMnistReader.read(cut));
		assertTrue(e.getMessage().startsWith("cut.bin: offset 5: expected whole 5-byte N-MNIST events"), e.getMessage());
		Path wide = tmp.resolve("wide.bin");
		Files.write(wide, nmnist(40, 1, 0, 5));
		e = assertThrows(DataFormatException.class, () -> NMnistReader.read(wide));
		assertTrue(e.getMessage().contains("pixel (40, 1) outside the 34 × 34"), e.getMessage());
		Path backwards = tmp.resolve("back.bin");
		Files.write(backwards, concat(nmnist(1, 1, 0, 50), nmnist(1, 1, 0, 40)));
		e = assertThrows(DataFormatException.class, () -> NMnistReader.read(backwards));
		assertTrue(e.getMessage().contains("goes back"), e.getMessage());
	}

	static byte[] aedat(int[][] events) {
		byte[] header = "#!AER-DAT2.0\r\n# This is a raw AE data file\r\n".getBytes(StandardCharsets.US_ASCII);
		ByteBuffer b = ByteBuffer.allocate(header.length + 8 * events.length).put(header);
		for (int[] e : events) // x, y, polarity, time
			b.putInt((e[1] << 8) | (e[0] << 1) | e[2]).putInt(e[3]);
		return b.array();
	}

	@Test
	void readsAedat2() throws IOException {
		Path f = tmp.resolve("rec.aedat");
		Files.write(f, aedat(new int[][] { { 5, 6, 1, 100 }, { 127, 127, 0, 200 } }));
		EventStream s = AedatReader.read(f);
		assertEquals(128, s.width());
		assertArrayEquals(new int[] { 5, 127 }, s.x());
		assertArrayEquals(new int[] { 6, 127 }, s.y());
		assertArrayEquals(new byte[] { 1, 0 }, s.polarity());
		assertArrayEquals(new long[] { 100, 200 }, s.timeMicros());
	}

	@Test
	void damagedAedatFilesAreNamedErrors() throws IOException {
		byte[] good = aedat(new int[][] { { 5, 6, 1, 100 } });
		Path cut = tmp.resolve("cut.aedat");
		Files.write(cut, Arrays.copyOf(good, good.length - 3));
		DataFormatException e = assertThrows(DataFormatException.class, () -> AedatReader.read(cut));
		assertTrue(e.getMessage().startsWith("cut.aedat: offset ") && e.getMessage().contains("truncated"), e.getMessage());
		Path other = tmp.resolve("other.aedat");
		Files.writeString(other, "hello world, no events here");
		e = assertThrows(DataFormatException.class, () -> AedatReader.read(other));
		assertTrue(e.getMessage().contains("expected the AEDAT header"), e.getMessage());
		Path v3 = tmp.resolve("v3.aedat");
		Files.writeString(v3, "#!AER-DAT3.1\r\n");
		e = assertThrows(DataFormatException.class, () -> AedatReader.read(v3));
		assertTrue(e.getMessage().contains("version 3.1 is not supported"), e.getMessage());
	}

	@Test
	void binningKeepsOneSpikePerPixelAndStep() throws IOException {
		Path f = tmp.resolve("b.bin");
		// two events of one pixel within step 0 (dt 1000 µs), one in step 2, one beyond the last step
		Files.write(f, concat(nmnist(1, 1, 1, 100), nmnist(1, 1, 1, 900), nmnist(2, 1, 0, 2_500), nmnist(1, 1, 1, 9_000)));
		int[][] steps = EventBinning.spikesPerStep(NMnistReader.read(f), 1000, 3);
		int on11 = (1 * 34 + 1) * 34 + 1, off21 = (0 * 34 + 1) * 34 + 2;
		assertArrayEquals(new int[] { on11 }, steps[0]);
		assertArrayEquals(new int[0], steps[1]);
		assertArrayEquals(new int[] { off21 }, steps[2]);
	}

	@Test
	void datasetReadsClassFolders() throws IOException {
		for (int label = 0; label < 3; label++) {
			Files.createDirectories(tmp.resolve("set/" + label));
			for (int k = 0; k < 2; k++)
				Files.write(tmp.resolve("set/" + label + "/" + k + ".bin"), nmnist(label, k, 1, 10));
		}
		EventDataset d = EventDataset.open(tmp.resolve("set"), 3);
		assertEquals(3, d.size());
		assertEquals(3, d.numClasses());
		assertArrayEquals(new int[] { 0, 1, 2 }, new int[] { d.label(0), d.label(1), d.label(2) }, "a limit keeps every class");
		assertEquals(2, d.recording(2).x()[0]);
	}
}
