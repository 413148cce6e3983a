package org.volr.core.events;

import java.nio.file.Path;

import org.volr.core.data.DataFormatException;

/**
 * Reads N-MNIST's binary event files: 5 bytes per event, x (8 bits), y (8 bits), polarity (1 bit) and a timestamp
 * in microseconds (23 bits), on a 34 × 34 sensor.
 */
public final class NMnistReader {
	public static final int SIZE = 34;

	private NMnistReader() {
	}

	public static EventStream read(Path file) {
		byte[] bytes = EventFiles.read(file);
		String name = file.getFileName().toString();
		if (bytes.length % 5 != 0)
			throw new DataFormatException(name, "offset " + (bytes.length - bytes.length % 5) + ": expected whole 5-byte N-MNIST events, "
					+ "found " + bytes.length + " bytes (" + bytes.length % 5 + " left over): the file is truncated or not N-MNIST");
		int n = bytes.length / 5;
		int[] x = new int[n], y = new int[n];
		byte[] p = new byte[n];
		long[] t = new long[n];
		long previous = -1;
		for (int i = 0; i < n; i++) {
			int o = i * 5;
			x[i] = bytes[o] & 0xFF;
			y[i] = bytes[o + 1] & 0xFF;
			p[i] = (byte) ((bytes[o + 2] & 0x80) >>> 7);
			t[i] = ((bytes[o + 2] & 0x7FL) << 16) | ((bytes[o + 3] & 0xFFL) << 8) | (bytes[o + 4] & 0xFFL);
			if (x[i] >= SIZE || y[i] >= SIZE)
				throw new DataFormatException(name, "event " + i + " (offset " + o + "): pixel (" + x[i] + ", " + y[i]
						+ ") outside the 34 × 34 N-MNIST sensor: not an N-MNIST file");
			if (t[i] < previous)
				throw new DataFormatException(name, "event " + i + " (offset " + o + "): time " + t[i] + " µs goes back from "
						+ previous + " µs: events must be in time order");
			previous = t[i];
		}
		return new EventStream(SIZE, SIZE, x, y, p, t);
	}
}
