package org.volr.convert.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.volr.convert.onnx.ProtoReader.FloatList;
import org.volr.convert.onnx.ProtoReader.LongList;
import org.volr.convert.onnx.ProtoReader.ProtoException;

/** The parts of an ONNX ModelProto the importer reads, decoded from the wire format by {@link ProtoReader}. */
final class OnnxModel {
	static final int FLOAT = 1, INT32 = 6, INT64 = 7, DOUBLE = 11;

	/** A TensorProto: dims and either float values or int64 values (other element types are refused on use). */
	record Tensor(String name, long[] dims, int dataType, float[] floats, long[] longs) {
		int size() {
			long n = 1;
			for (long d : dims)
				n *= d;
			return (int) n;
		}
	}

	/** An attribute: the fields an operator attribute may use. */
	record Attribute(String name, int type, float f, long i, String s, Tensor t, float[] floats, long[] ints) {
	}

	record Node(int position, String name, String opType, String domain, List<String> inputs, List<String> outputs,
			Map<String, Attribute> attributes) {
		String describe() {
			return "node " + position + " '" + name + "' (" + opType + ")";
		}
	}

	/** A graph input or output: its name and dims (-1 for a symbolic or missing dimension); dims null if untyped. */
	record ValueInfo(String name, long[] dims) {
	}

	final List<Node> nodes = new ArrayList<>();
	final Map<String, Tensor> initializers = new LinkedHashMap<>();
	final List<ValueInfo> inputs = new ArrayList<>();
	final List<ValueInfo> outputs = new ArrayList<>();
	final Map<String, Long> opsets = new LinkedHashMap<>();
	String producer = "";
	boolean hasGraph;

	static OnnxModel parse(byte[] bytes) throws ProtoException {
		OnnxModel m = new OnnxModel();
		ProtoReader r = new ProtoReader(bytes);
		while (r.next()) {
			switch (r.field()) {
			case 2 -> m.producer = r.readString();
			case 7 -> {
				m.hasGraph = true;
				m.graph(r.readMessage());
			}
			case 8 -> {
				ProtoReader o = r.readMessage();
				String domain = "";
				long version = 0;
				while (o.next()) {
					if (o.field() == 1)
						domain = o.readString();
					else if (o.field() == 2)
						version = o.readInt64();
					else
						o.skip();
				}
				m.opsets.put(domain, version);
			}
			default -> r.skip();
			}
		}
		return m;
	}

	private void graph(ProtoReader r) throws ProtoException {
		while (r.next()) {
			switch (r.field()) {
			case 1 -> nodes.add(node(r.readMessage(), nodes.size() + 1));
			case 5 -> {
				Tensor t = tensor(r.readMessage());
				initializers.put(t.name(), t);
			}
			case 11 -> inputs.add(valueInfo(r.readMessage()));
			case 12 -> outputs.add(valueInfo(r.readMessage()));
			default -> r.skip();
			}
		}
	}

	private static Node node(ProtoReader r, int position) throws ProtoException {
		List<String> in = new ArrayList<>(), out = new ArrayList<>();
		Map<String, Attribute> attrs = new LinkedHashMap<>();
		String name = "", op = "", domain = "";
		while (r.next()) {
			switch (r.field()) {
			case 1 -> in.add(r.readString());
			case 2 -> out.add(r.readString());
			case 3 -> name = r.readString();
			case 4 -> op = r.readString();
			case 5 -> {
				Attribute a = attribute(r.readMessage());
				attrs.put(a.name(), a);
			}
			case 7 -> domain = r.readString();
			default -> r.skip();
			}
		}
		return new Node(position, name.isEmpty() ? op + "_" + position : name, op, domain, in, out, attrs);
	}

	private static Attribute attribute(ProtoReader r) throws ProtoException {
		String name = "", s = null;
		int type = 0;
		float f = 0;
		long i = 0;
		Tensor t = null;
		FloatList floats = new FloatList();
		LongList ints = new LongList();
		while (r.next()) {
			switch (r.field()) {
			case 1 -> name = r.readString();
			case 2 -> f = r.readFloat();
			case 3 -> i = r.readInt64();
			case 4 -> s = r.readString();
			case 5 -> t = tensor(r.readMessage());
			case 7 -> r.readFloats(floats);
			case 8 -> r.readInt64s(ints);
			case 20 -> type = (int) r.readInt64();
			default -> r.skip();
			}
		}
		return new Attribute(name, type, f, i, s, t, floats.toArray(), ints.toArray());
	}

	static Tensor tensor(ProtoReader r) throws ProtoException {
		LongList dims = new LongList(), longs = new LongList();
		FloatList floats = new FloatList();
		String name = "";
		int type = 0;
		byte[] raw = null;
		boolean external = false;
		while (r.next()) {
			switch (r.field()) {
			case 1 -> r.readInt64s(dims);
			case 2 -> type = (int) r.readInt64();
			case 4 -> r.readFloats(floats);
			case 5, 7 -> r.readInt64s(longs);
			case 8 -> name = r.readString();
			case 9 -> raw = r.readBytes();
			case 10 -> r.readDoubles(floats);
			case 14 -> external = r.readInt64() == 1;
			default -> r.skip();
			}
		}
		if (external)
			throw new ProtoException("tensor '" + name + "' keeps its data in an external file; save the model"
					+ " with all tensors inside the .onnx file");
		float[] f = floats.toArray();
		long[] l = longs.toArray();
		if (raw != null) {
			ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
			switch (type) {
			case FLOAT -> {
				f = new float[raw.length / 4];
				b.asFloatBuffer().get(f);
			}
			case DOUBLE -> {
				f = new float[raw.length / 8];
				for (int k = 0; k < f.length; k++)
					f[k] = (float) b.getDouble(k * 8);
			}
			case INT64 -> {
				l = new long[raw.length / 8];
				b.asLongBuffer().get(l);
			}
			case INT32 -> {
				l = new long[raw.length / 4];
				for (int k = 0; k < l.length; k++)
					l[k] = b.getInt(k * 4);
			}
			default -> {
				// other element types: left empty, refused where a value is needed
			}
			}
		}
		Tensor t = new Tensor(name, dims.toArray(), type, f, l);
		int expected = t.size();
		int have = type == FLOAT || type == DOUBLE ? f.length : type == INT64 || type == INT32 ? l.length : expected;
		if (have != expected)
			throw new ProtoException("tensor '" + name + "' has " + have + " values for dims "
					+ java.util.Arrays.toString(t.dims()) + " (" + expected + " expected)");
		return t;
	}

	private static ValueInfo valueInfo(ProtoReader r) throws ProtoException {
		String name = "";
		long[] dims = null;
		while (r.next()) {
			if (r.field() == 1)
				name = r.readString();
			else if (r.field() == 2) {
				ProtoReader type = r.readMessage();
				while (type.next()) {
					if (type.field() != 1) { // tensor_type
						type.skip();
						continue;
					}
					ProtoReader tensor = type.readMessage();
					while (tensor.next()) {
						if (tensor.field() != 2) { // shape
							tensor.skip();
							continue;
						}
						LongList d = new LongList();
						ProtoReader shape = tensor.readMessage();
						while (shape.next()) {
							if (shape.field() != 1) {
								shape.skip();
								continue;
							}
							ProtoReader dim = shape.readMessage();
							long v = -1;
							while (dim.next()) {
								if (dim.field() == 1)
									v = dim.readInt64();
								else
									dim.skip();
							}
							d.add(v);
						}
						dims = d.toArray();
					}
				}
			} else
				r.skip();
		}
		return new ValueInfo(name, dims);
	}
}
