package org.volr.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.core.data.Batch;
import org.volr.core.data.BatchIterator;
import org.volr.core.data.ChannelOrder;
import org.volr.core.data.DataFormatException;
import org.volr.core.data.Dataset;
import org.volr.core.data.DatasetOptions;
import org.volr.core.data.NpzDataset;
import org.volr.core.data.SpikeTrains;

/**
 * Spike trains stored as bytes (uint8, bool) are read as the inputs that spike at each step, straight from the
 * file's bytes (Batch.ofSpikes): the same spikes, in the same order, as the values say, for any width (whole words of
 * eight inputs and the rest), with the file's window and the run's first steps only; a byte other than 0 and 1 is
 * refused naming the file, the sample, the step and the input, as for floats.
 */
class SpikeTrainBytesTest {
	/** 6 samples of 9 stored steps (the run reads 7) of 19 inputs: two words of 8 inputs and 3 more. */
	static final int SAMPLES = 6, STORED = 9, STEPS = 7, INPUTS = 19;

	@TempDir
	Path tmp;

	static byte[] spikes(long seed) {
		Random random = new Random(seed);
		byte[] x = new byte[SAMPLES * STORED * INPUTS];
		for (int k = 0; k < x.length; k++)
			x[k] = (byte) (random.nextInt(10) < 3 ? 1 : 0);
		// a step of all inputs, and a sample without spikes
		Arrays.fill(x, 2 * STORED * INPUTS + 4 * INPUTS, 2 * STORED * INPUTS + 5 * INPUTS, (byte) 1);
		Arrays.fill(x, 3 * STORED * INPUTS, 4 * STORED * INPUTS, (byte) 0);
		return x;
	}

	Path file(String name, byte[] x, boolean compressed) throws IOException {
		byte[] labels = new byte[8 * SAMPLES];
		return TestFiles.npz(tmp.resolve(name), Map.of("x", TestFiles.npy("|u1", "(" + SAMPLES + ", " + STORED + ", " + INPUTS + ")", x),
				"y", TestFiles.npy("<i8", "(" + SAMPLES + ",)", labels)), compressed);
	}

	static Dataset trains(Path file, DatasetOptions options) {
		return SpikeTrains.of(NpzDataset.open(file, "x", file, "y", options), STEPS, new int[] { INPUTS }, "x.npz").trains();
	}

	static DatasetOptions window(long offset, long limit) {
		return new DatasetOptions(offset, limit, OptionalDouble.of(1), ChannelOrder.CHANNELS_FIRST);
	}

	@Test
	void byteTrainsGiveEachStepsSpikesAsTheValuesSay() throws IOException {
		byte[] x = spikes(7);
		for (boolean compressed : new boolean[] { false, true }) {
			Path file = file("x" + compressed + ".npz", x, compressed);
			// samples 1..5 of the file, in batches of 2, 2, 1
			try (BatchIterator batches = trains(file, window(1, 5)).batches(2)) {
				int sample = 1;
				while (batches.hasNext()) {
					Batch b = batches.next();
					int[][][] stepSpikes = b.stepSpikes();
					assertNotNull(stepSpikes, "bytes at scale 1 are read as spikes");
					assertArrayEquals(new int[] { STEPS, INPUTS }, b.sampleShape());
					float[] values = new float[b.size() * STEPS * INPUTS];
					for (int s = 0; s < b.size(); s++, sample++) {
						assertEquals(STEPS, stepSpikes[s].length);
						for (int t = 0; t < STEPS; t++) {
							int from = (sample * STORED + t) * INPUTS;
							int[] expected = java.util.stream.IntStream.range(0, INPUTS).filter(i -> x[from + i] == 1).toArray();
							assertArrayEquals(expected, stepSpikes[s][t], "sample " + sample + " step " + t + " compressed " + compressed);
							for (int i = 0; i < INPUTS; i++)
								values[(s * STEPS + t) * INPUTS + i] = x[(sample * STORED + t) * INPUTS + i];
						}
					}
					// what a reader of values gets is written from the spikes: the run's steps of each sample as stored
					assertArrayEquals(values, b.features(), 0f);
				}
				assertEquals(6, sample);
			}
		}
	}

	@Test
	void aByteThatIsNotASpikeIsRefusedNamingWhereItIs() throws IOException {
		for (int value : new int[] { 2, 255 }) {
			byte[] x = spikes(3);
			x[(2 * STORED + 5) * INPUTS + 17] = (byte) value; // file sample 2, step 5, input 17: the second word's last byte + 1
			x[(2 * STORED + 8) * INPUTS] = 7; // past the run's steps: not read, so not refused
			Path file = file("bad" + value + ".npz", x, false);
			DataFormatException e = assertThrows(DataFormatException.class, () -> {
				try (BatchIterator batches = trains(file, window(1, 5)).batches(4)) {
					batches.next();
				}
			});
			assertEquals("x.npz: sample 1, step 5, input 17: " + (float) value + " is not a spike (input spikes take 0 or 1 per input and step)",
					e.getMessage());
			x[(2 * STORED + 5) * INPUTS + 17] = 1;
			x[(2 * STORED + 5) * INPUTS + 3] = (byte) value; // in the first word
			Path file2 = file("bad" + value + "b.npz", x, false);
			DataFormatException first = assertThrows(DataFormatException.class, () -> {
				try (BatchIterator batches = trains(file2, window(0, 6)).batches(6)) {
					batches.next();
				}
			});
			assertEquals("x.npz: sample 2, step 5, input 3: " + (float) value + " is not a spike (input spikes take 0 or 1 per input and step)",
					first.getMessage());
		}
	}

	@Test
	void bytesReadAtAnotherScaleAreValues() throws IOException {
		Path file = file("scaled.npz", spikes(5), false);
		Dataset scaled = SpikeTrains.of(NpzDataset.open(file, "x", file, "y", new DatasetOptions(0, -1, OptionalDouble.of(0.5), ChannelOrder.CHANNELS_FIRST)),
				STEPS, new int[] { INPUTS }, "x.npz").trains();
		try (BatchIterator batches = scaled.batches(6)) {
			assertNull(batches.next().stepSpikes(), "values other than the stored bytes are not read as spikes");
		}
	}
}
