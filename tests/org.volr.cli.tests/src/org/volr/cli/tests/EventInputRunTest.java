package org.volr.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.cli.tests.Run.volr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event-camera data end to end: {@code data nmnist} recordings (N-MNIST's 5-byte events, written here byte by byte)
 * are trained on as the spikes per step the simulator gives (EventFrames), converted, and simulated with
 * {@code input events}, every event a spike of its pixel.
 */
class EventInputRunTest {
	@TempDir
	Path tmp;

	/** Class 0 fires pixels on the left half of the 34 × 34 sensor, class 1 on the right, over 50 ms. */
	private static void recordings(Path dir, int perClass, Random random) throws IOException {
		for (int label = 0; label < 2; label++) {
			Path classDir = Files.createDirectories(dir.resolve(String.valueOf(label)));
			for (int r = 0; r < perClass; r++) {
				int n = 400;
				long[] times = new long[n];
				for (int i = 0; i < n; i++)
					times[i] = random.nextInt(50_000);
				Arrays.sort(times);
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				for (int i = 0; i < n; i++) {
					int x = label == 0 ? 1 + random.nextInt(15) : 18 + random.nextInt(15), y = random.nextInt(34), p = random.nextInt(2);
					long t = times[i];
					out.write(x);
					out.write(y);
					out.write((int) (p << 7 | (t >>> 16) & 0x7F));
					out.write((int) (t >>> 8) & 0xFF);
					out.write((int) t & 0xFF);
				}
				Files.write(classDir.resolve(String.format("%05d.bin", r)), out.toByteArray());
			}
		}
	}

	@Test
	void nmnistRecordingsTrainConvertAndRunAsEvents() throws IOException {
		Random random = new Random(7);
		recordings(tmp.resolve("events/Train"), 30, random);
		recordings(tmp.resolve("events/Test"), 20, random);
		Path file = Files.writeString(tmp.resolve("events.volr"), """
				network ev {
				    input [2, 34, 34]
				    flatten
				    dense 32 relu
				    dense 2 linear
				}
				experiment halves {
				    network ev
				    data nmnist "events" test
				    train { epochs 30, batch 10, optimizer adam 0.01, seed 1, data nmnist "events" train }
				    convert { normalize max }
				    simulate { duration 50 steps, dt 1 ms, input events }
				    seed 1
				}
				""");
		Run check = volr("check", "--werror", file.toString());
		assertEquals(0, check.code(), check.out());
		Run run = volr("run", file.toString(), "-o", tmp.resolve("out").toString());
		assertEquals(0, run.code(), run.out() + run.err());
		assertTrue(run.out().contains("40 samples, 50 steps"), run.out());
		assertTrue(number(run.out(), "ANN accuracy\\s+([0-9.]+) %") >= 95, run.out());
		assertTrue(number(run.out(), "SNN accuracy\\s+([0-9.]+) %") >= 90, run.out());
		assertTrue(Files.readAllLines(tmp.resolve("out/spike-raster.csv")).size() > 1, "the first recording's spikes were recorded");
	}

	@Test
	void eventInputNeedsEventData() throws IOException {
		Path file = Files.writeString(tmp.resolve("wrong.volr"), """
				network n = dense 4 2 linear
				experiment e {
				    network n
				    data npz "d.npz" test
				    simulate { input events }
				}
				""");
		Run check = volr("check", file.toString());
		assertEquals(1, check.code(), check.out());
		assertTrue(check.out().contains("wrong.volr:5:22: error: input events plays recordings of an event camera; the experiment's data is npz"),
				check.out());
	}

	private static double number(String text, String regex) {
		Matcher m = Pattern.compile(regex).matcher(text);
		assertTrue(m.find(), "no match for " + regex + " in:\n" + text);
		return Double.parseDouble(m.group(1));
	}
}
