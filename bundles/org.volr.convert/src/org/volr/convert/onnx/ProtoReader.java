package org.volr.convert.onnx;

import java.nio.charset.StandardCharsets;

/**
 * A minimal reader of the protobuf wire format: a cursor over one message's bytes that yields field tags and
 * values (varints, fixed32/64 and length-delimited payloads). No generated classes and no protobuf library;
 * anything malformed (a truncated payload, an over-long varint, a group) raises {@link ProtoException}.
 */
final class ProtoReader {
	static final int VARINT = 0, FIXED64 = 1, LENGTH_DELIMITED = 2, FIXED32 = 5;

	/** The wire format does not match the expected message. */
	static final class ProtoException extends Exception {
		private static final long serialVersionUID = 1L;

		ProtoException(String message) {
			super(message);
		}
	}

	private final byte[] buf;
	private int pos;
	private final int limit;
	private int tag;

	ProtoReader(byte[] buf) {
		this(buf, 0, buf.length);
	}

	private ProtoReader(byte[] buf, int offset, int limit) {
		this.buf = buf;
		this.pos = offset;
		this.limit = limit;
	}

	/** Reads the next tag; false at the end of the message. */
	boolean next() throws ProtoException {
		if (pos >= limit)
			return false;
		long t = readVarint();
		if (t >>> 32 != 0 || (t >>> 3) == 0)
			throw new ProtoException("invalid field tag " + t + " at byte " + pos);
		tag = (int) t;
		int wt = wireType();
		if (wt != VARINT && wt != FIXED64 && wt != LENGTH_DELIMITED && wt != FIXED32)
			throw new ProtoException("unsupported wire type " + wt + " for field " + field() + " at byte " + pos);
		return true;
	}

	int field() {
		return tag >>> 3;
	}

	int wireType() {
		return tag & 7;
	}

	long readVarint() throws ProtoException {
		long result = 0;
		for (int shift = 0; shift < 64; shift += 7) {
			if (pos >= limit)
				throw new ProtoException("truncated varint at byte " + pos);
			byte b = buf[pos++];
			result |= (long) (b & 0x7f) << shift;
			if ((b & 0x80) == 0)
				return result;
		}
		throw new ProtoException("varint longer than 10 bytes at byte " + pos);
	}

	int readFixed32() throws ProtoException {
		require(4);
		int v = (buf[pos] & 0xff) | (buf[pos + 1] & 0xff) << 8 | (buf[pos + 2] & 0xff) << 16 | (buf[pos + 3] & 0xff) << 24;
		pos += 4;
		return v;
	}

	long readFixed64() throws ProtoException {
		long lo = readFixed32() & 0xffffffffL, hi = readFixed32() & 0xffffffffL;
		return lo | hi << 32;
	}

	private int readLength() throws ProtoException {
		expect(LENGTH_DELIMITED);
		long n = readVarint();
		if (n < 0 || n > limit - pos)
			throw new ProtoException("field " + field() + " declares " + n + " bytes but only " + (limit - pos)
					+ " remain (truncated file?)");
		return (int) n;
	}

	byte[] readBytes() throws ProtoException {
		int n = readLength();
		byte[] out = new byte[n];
		System.arraycopy(buf, pos, out, 0, n);
		pos += n;
		return out;
	}

	String readString() throws ProtoException {
		int n = readLength();
		String s = new String(buf, pos, n, StandardCharsets.UTF_8);
		pos += n;
		return s;
	}

	/** The embedded message of the current length-delimited field. */
	ProtoReader readMessage() throws ProtoException {
		int n = readLength();
		ProtoReader r = new ProtoReader(buf, pos, pos + n);
		pos += n;
		return r;
	}

	long readInt64() throws ProtoException {
		expect(VARINT);
		return readVarint();
	}

	float readFloat() throws ProtoException {
		expect(FIXED32);
		return Float.intBitsToFloat(readFixed32());
	}

	/** Appends a repeated int64 field, packed or not. */
	void readInt64s(LongList out) throws ProtoException {
		if (wireType() == LENGTH_DELIMITED) {
			ProtoReader packed = readMessage();
			while (packed.pos < packed.limit)
				out.add(packed.readVarint());
		} else
			out.add(readInt64());
	}

	/** Appends a repeated float field, packed or not. */
	void readFloats(FloatList out) throws ProtoException {
		if (wireType() == LENGTH_DELIMITED) {
			ProtoReader packed = readMessage();
			while (packed.pos < packed.limit)
				out.add(Float.intBitsToFloat(packed.readFixed32()));
		} else
			out.add(readFloat());
	}

	/** Appends a repeated double field, packed or not. */
	void readDoubles(FloatList out) throws ProtoException {
		if (wireType() == LENGTH_DELIMITED) {
			ProtoReader packed = readMessage();
			while (packed.pos < packed.limit)
				out.add((float) Double.longBitsToDouble(packed.readFixed64()));
		} else {
			expect(FIXED64);
			out.add((float) Double.longBitsToDouble(readFixed64()));
		}
	}

	void skip() throws ProtoException {
		switch (wireType()) {
		case VARINT -> readVarint();
		case FIXED64 -> {
			require(8);
			pos += 8;
		}
		case FIXED32 -> {
			require(4);
			pos += 4;
		}
		case LENGTH_DELIMITED -> {
			int n = readLength();
			pos += n;
		}
		default -> throw new ProtoException("unsupported wire type " + wireType());
		}
	}

	private void expect(int wt) throws ProtoException {
		if (wireType() != wt)
			throw new ProtoException("field " + field() + " has wire type " + wireType() + ", expected " + wt);
	}

	private void require(int n) throws ProtoException {
		if (limit - pos < n)
			throw new ProtoException("truncated fixed-width value at byte " + pos);
	}

	/** A growable long array. */
	static final class LongList {
		long[] a = new long[8];
		int n;

		void add(long v) {
			if (n == a.length)
				a = java.util.Arrays.copyOf(a, n * 2);
			a[n++] = v;
		}

		long[] toArray() {
			return java.util.Arrays.copyOf(a, n);
		}
	}

	/** A growable float array. */
	static final class FloatList {
		float[] a = new float[16];
		int n;

		void add(float v) {
			if (n == a.length)
				a = java.util.Arrays.copyOf(a, n * 2);
			a[n++] = v;
		}

		float[] toArray() {
			return java.util.Arrays.copyOf(a, n);
		}
	}
}
