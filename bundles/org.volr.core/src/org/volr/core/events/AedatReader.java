package org.volr.core.events;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.volr.core.data.DataFormatException;

/**
 * Reads AEDAT 2.0 files of a DVS128 camera (jAER's format): header lines starting with '#', the first one
 * "#!AER-DAT2.0", then 8-byte big-endian events (32-bit address, 32-bit timestamp in µs). Address bits: polarity
 * in bit 0, x in bits 1–7, y in bits 8–14.
 */
public final class AedatReader {
	public static final int SIZE = 128;

	private AedatReader() {
	}

	public static EventStream read(Path file) {
		byte[] bytes = EventFiles.read(file);
		String name = file.getFileName().toString();
		String magic = "#!AER-DAT";
		if (bytes.length < magic.length() || !new String(bytes, 0, magic.length(), StandardCharsets.US_ASCII).equals(magic))
			throw new DataFormatException(name, "offset 0: expected the AEDAT header '#!AER-DAT2.0', found "
					+ describe(bytes) + ": not an AEDAT file");
		int lineEnd = indexOf(bytes, 0, (byte) '\n');
		String version = new String(bytes, magic.length(), Math.max(0, (lineEnd < 0 ? bytes.length : lineEnd) - magic.length()),
				StandardCharsets.US_ASCII).trim();
		if (!version.startsWith("2."))
			throw new DataFormatException(name, "offset 0: AEDAT version " + version + " is not supported; expected 2.0 (jAER)");
		int pos = 0;
		while (pos < bytes.length && bytes[pos] == '#') { // skip every header line
			int end = indexOf(bytes, pos, (byte) '\n');
			if (end < 0)
				throw new DataFormatException(name, "offset " + pos + ": header line never ends: the file is truncated");
			pos = end + 1;
		}
		int payload = bytes.length - pos;
		if (payload % 8 != 0)
			throw new DataFormatException(name, "offset " + (bytes.length - payload % 8) + ": expected whole 8-byte events after the header,"
					+ " found " + payload % 8 + " bytes left over: the file is truncated");
		int n = payload / 8;
		ByteBuffer buffer = ByteBuffer.wrap(bytes, pos, payload).order(ByteOrder.BIG_ENDIAN);
		int[] x = new int[n], y = new int[n];
		byte[] p = new byte[n];
		long[] t = new long[n];
		for (int i = 0; i < n; i++) {
			int address = buffer.getInt();
			t[i] = buffer.getInt() & 0xFFFFFFFFL;
			p[i] = (byte) (address & 1);
			x[i] = (address >>> 1) & 0x7F;
			y[i] = (address >>> 8) & 0x7F;
		}
		return new EventStream(SIZE, SIZE, x, y, p, t);
	}

	private static int indexOf(byte[] bytes, int from, byte b) {
		for (int i = from; i < bytes.length; i++)
			if (bytes[i] == b)
				return i;
		return -1;
	}

	private static String describe(byte[] bytes) {
		int n = Math.min(bytes.length, 12);
		StringBuilder s = new StringBuilder("'");
		for (int i = 0; i < n; i++)
			s.append(bytes[i] >= 32 && bytes[i] < 127 ? (char) bytes[i] : '?');
		return s.append(bytes.length > n ? "…'" : "'").toString();
	}
}
