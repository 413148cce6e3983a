package org.volr.core.io;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.volr.core.internal.npy.NpyHeader;
import org.volr.core.internal.npy.NpyType;

/**
 * Collects named float32 and int32 arrays and writes them as one numpy {@code .npz} archive, atomically (see
 * {@link AtomicFiles}): what generated Python scripts load with {@code numpy.load}.
 */
public final class NpzWriter {
	private record Array(NpyType type, int[] shape, ByteBuffer data) {
	}

	private final Map<String, Array> arrays = new LinkedHashMap<>();

	/** A float32 array; without a shape a vector. */
	public NpzWriter floats(String name, float[] values, int... shape) {
		return tensor(name, shape.length == 0 ? new int[] { values.length } : shape, values);
	}

	/** A float32 array of exactly this shape (an empty shape is a scalar). */
	public NpzWriter tensor(String name, int[] shape, float[] values) {
		check(name, values.length, shape);
		ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		b.asFloatBuffer().put(values);
		arrays.put(name, new Array(NpyType.FLOAT32, shape, b));
		return this;
	}

	/** An int32 array; without a shape a vector. */
	public NpzWriter ints(String name, int[] values, int... shape) {
		if (shape.length == 0)
			shape = new int[] { values.length };
		check(name, values.length, shape);
		ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		b.asIntBuffer().put(values);
		arrays.put(name, new Array(NpyType.INT32, shape, b));
		return this;
	}

	private static void check(String name, int length, int[] shape) {
		long n = 1;
		for (int d : shape)
			n *= d;
		if (n != length)
			throw new IllegalArgumentException("array '" + name + "': " + length + " values do not fill shape " + java.util.Arrays.toString(shape));
	}

	public void write(Path path) throws IOException {
		AtomicFiles.write(path, out -> {
			try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(out))) {
				for (Map.Entry<String, Array> e : arrays.entrySet())
					entry(zip, e.getKey(), e.getValue());
			}
		});
	}

	// numpy.load reads STORED entries without zip64 extras best; such an entry needs its size and CRC first
	private static void entry(ZipOutputStream zip, String name, Array a) throws IOException {
		ByteArrayOutputStream npy = new ByteArrayOutputStream(128 + a.data.capacity());
		NpyHeader.write(npy, a.type, a.shape);
		npy.write(a.data.array());
		byte[] bytes = npy.toByteArray();
		CRC32 crc = new CRC32();
		crc.update(bytes);
		ZipEntry entry = new ZipEntry(name + ".npy");
		entry.setMethod(ZipEntry.STORED);
		entry.setSize(bytes.length);
		entry.setCompressedSize(bytes.length);
		entry.setCrc(crc.getValue());
		zip.putNextEntry(entry);
		zip.write(bytes);
		zip.closeEntry();
	}
}
