package org.volr.convert.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.volr.convert.ImportException;
import org.volr.convert.ImportedModel;
import org.volr.convert.keras.KerasLayout;
import org.volr.convert.onnx.OnnxModel.Attribute;
import org.volr.convert.onnx.OnnxModel.Node;
import org.volr.convert.onnx.OnnxModel.Tensor;
import org.volr.convert.onnx.OnnxModel.ValueInfo;
import org.volr.convert.onnx.ProtoReader.ProtoException;
import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;
import org.volr.model.Activation;
import org.volr.model.ActivationLayer;
import org.volr.model.Block;
import org.volr.model.Conv;
import org.volr.model.ConvKind;
import org.volr.model.Dense;
import org.volr.model.GlobalPool;
import org.volr.model.Layer;
import org.volr.model.Network;
import org.volr.model.Padding;
import org.volr.model.Pool;
import org.volr.model.PoolKind;
import org.volr.model.PoolOp;
import org.volr.model.Shape;
import org.volr.model.VolrFactory;
import org.volr.model.shapes.NetType;
import org.volr.model.shapes.ShapeInference;

/**
 * Imports an ONNX model (as PyTorch's exporter and tf2onnx write MLPs and CNNs) into the metamodel. The file is decoded by a
 * small protobuf wire-format reader; the graph must be one chain from its single input to its single output. Every
 * node becomes a layer, is merged into one (ReLU/Softmax into the preceding Gemm/Conv, BatchNormalization folded,
 * Add into MatMul as its bias), is removed with a note (Dropout, Identity, zero Pad) or is refused with an error
 * naming it and its position (all refused operators in one error): nothing is dropped silently. Layouts are ONNX's
 * own (channels-first); dense weights are stored [in, out]. The layout changes that real exports contain are
 * absorbed: tf2onnx's Transpose from an NHWC input to NCHW (the network reads channels-first input, as for Keras),
 * its Transpose back to NHWC before a Flatten/Reshape (the next dense layer's rows are re-ordered), and the
 * Unsqueeze/Squeeze that old PyTorch exports put around the BatchNormalization of a BatchNorm1d.
 */
public final class OnnxImporter {
	private static final VolrFactory F = VolrFactory.eINSTANCE;
	private static final String SUPPORTED = "Gemm, MatMul (+Add), Conv, Relu, MaxPool, AveragePool, GlobalAveragePool,"
			+ " GlobalMaxPool, Flatten, Reshape (flattening), Softmax, BatchNormalization (folded), Dropout, Identity,"
			+ " Pad (zero), Constant, Transpose (NHWC to NCHW at the input, NCHW to NHWC before flattening),"
			+ " Unsqueeze/Squeeze (around a BatchNormalization)";
	private static final Set<String> SUPPORTED_OPS = Set.of("Gemm", "MatMul", "Add", "Conv", "Relu", "MaxPool", "AveragePool",
			"GlobalAveragePool", "GlobalMaxPool", "Flatten", "Reshape", "Softmax", "BatchNormalization", "Dropout", "Identity",
			"Pad", "Constant", "Transpose", "Unsqueeze", "Squeeze");
	/** Operators that elementwise commute with a re-ordering of the features, so they may stand inside one. */
	private static final Set<String> ELEMENTWISE = Set.of("Relu", "Identity", "Dropout");

	private final Path file;
	private final List<String> notes = new ArrayList<>();
	private OnnxModel model;
	private final Map<String, Tensor> statics = new HashMap<>(); // initializers and Constant outputs
	private final Set<String> labels = new HashSet<>();
	private Network network;
	private Block block;
	private long batchDim = -1;
	/** The [c, h, w] map a Transpose has moved to channels-last, until the Flatten/Reshape that flattens it. */
	private int[] transposedMap;
	/** The [c, h, w] map flattened in h-w-c order, until the dense layer whose rows are re-ordered for it. */
	private int[] flattenedChannelsLast;
	/** The Unsqueeze a BatchNormalization of a vector must be inside of, until the Squeeze that ends it. */
	private Node openUnsqueeze;

	/** One imported layer and its weights. */
	private static final class Item {
		final Node node;
		final Layer layer;
		float[] weight, bias;
		int[] weightShape;
		int outChannels;
		boolean fromMatMul;

		Item(Node node, Layer layer) {
			this.node = node;
			this.layer = layer;
		}
	}

	private final List<Item> items = new ArrayList<>();

	private OnnxImporter(Path file) {
		this.file = file;
	}

	public static ImportedModel importModel(Path file, String networkName) throws ImportException {
		return new OnnxImporter(file).run(networkName);
	}

	private ImportedModel run(String networkName) throws ImportException {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		} catch (IOException e) {
			throw new ImportException(file, "cannot read the file (" + e.getMessage() + ")", e);
		}
		try {
			model = OnnxModel.parse(bytes);
		} catch (ProtoException e) {
			throw new ImportException(file, "not a valid ONNX model: " + e.getMessage(), e);
		} catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
			throw ImportException.damaged(file, "not a valid ONNX model", e);
		}
		if (!model.hasGraph)
			throw new ImportException(file, "no graph: not an ONNX model (or a truncated one)");
		if (model.nodes.isEmpty())
			throw new ImportException(file, "the graph has no nodes");
		try {
			return build(networkName);
		} catch (ImportException e) {
			throw e;
		} catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
			// a damaged file can break any assumption the steps below make
			throw ImportException.damaged(file, "inconsistent ONNX model", e);
		}
	}

	// ------------------------------------------------------------------------------------------------ the chain

	private ImportedModel build(String networkName) throws ImportException {
		statics.putAll(model.initializers);
		for (Node n : model.nodes)
			if (n.opType().equals("Constant")) {
				Attribute v = n.attributes().get("value");
				if (v == null || v.t() == null || n.outputs().size() != 1)
					throw new ImportException(file, n.describe() + " is a Constant without a tensor 'value'; only tensor"
							+ " constants are supported");
				statics.put(n.outputs().get(0), v.t());
			} else if (n.opType().equals("Identity") && n.inputs().size() == 1 && statics.containsKey(n.inputs().get(0))
					&& n.outputs().size() == 1) {
				// exporters copy initializers through Identity nodes (shared or renamed weights): still a constant
				statics.put(n.outputs().get(0), statics.get(n.inputs().get(0)));
			}
		refuseUnsupported();

		List<ValueInfo> dataInputs = model.inputs.stream().filter(v -> !statics.containsKey(v.name())).toList();
		if (dataInputs.size() != 1)
			throw new ImportException(file, "the graph has " + dataInputs.size() + " data inputs "
					+ dataInputs.stream().map(ValueInfo::name).toList() + "; exactly one is supported");
		if (model.outputs.size() != 1)
			throw new ImportException(file, "the graph has " + model.outputs.size() + " outputs; exactly one is supported");
		ValueInfo input = dataInputs.get(0);

		network = F.createNetwork();
		network.setName(networkName);
		block = F.createBlock();
		network.setBody(block);
		network.setInput(inputShape(input));

		Map<String, Integer> consumers = new HashMap<>();
		for (Node n : model.nodes)
			for (String in : n.inputs())
				if (!in.isEmpty())
					consumers.merge(in, 1, Integer::sum);

		String current = input.name();
		for (Node n : model.nodes) {
			if (n.opType().equals("Constant") || isStatic(n))
				continue;
			List<String> data = n.inputs().stream().filter(s -> !s.isEmpty() && !statics.containsKey(s)).toList();
			if (data.size() != 1 || !data.get(0).equals(current))
				throw new ImportException(file, "the graph is not a single chain: " + n.describe() + " reads " + data
						+ " where the chain is at '" + current + "'; branches and merges are not imported");
			if (consumers.getOrDefault(current, 0) > 1)
				throw new ImportException(file, "the graph is not a single chain: '" + current + "' is read by "
						+ consumers.get(current) + " nodes (the first is " + n.describe() + ")");
			if (n.outputs().isEmpty())
				throw new ImportException(file, n.describe() + " has no output");
			for (int k = 1; k < n.outputs().size(); k++)
				if (!n.outputs().get(k).isEmpty() && consumers.containsKey(n.outputs().get(k)))
					throw new ImportException(file, n.describe() + " output " + (k + 1) + " '" + n.outputs().get(k)
							+ "' is used; only single-output nodes are supported");
			checkInsideLayoutChange(n);
			node(n);
			current = n.outputs().get(0);
		}
		if (transposedMap != null || flattenedChannelsLast != null)
			throw new ImportException(file, "the graph ends after a Transpose to channels-last without a dense layer reading"
					+ " the flattened features; such a Transpose is supported only before a Flatten/Reshape and a Gemm/MatMul");
		if (openUnsqueeze != null)
			throw new ImportException(file, openUnsqueeze.describe() + " is not closed by a Squeeze; an Unsqueeze is supported"
					+ " only around a BatchNormalization");
		if (!current.equals(model.outputs.get(0).name()))
			throw new ImportException(file, "the graph is not a single chain: it ends at '" + current
					+ "' but its output is '" + model.outputs.get(0).name() + "'");
		if (block.getSteps().isEmpty())
			throw new ImportException(file, "the graph holds no layers");

		WeightStore store = new WeightStore();
		for (Item it : items) {
			if (it.weight != null)
				store.put(it.layer.getLabel() + ".weight", new FloatTensor(it.weightShape, it.weight));
			if (it.bias != null)
				store.put(it.layer.getLabel() + ".bias", new FloatTensor(new int[] { it.bias.length }, it.bias));
		}
		return new ImportedModel(network, store, notes);
	}

	/** An Identity of a constant, evaluated when reading: not a step of the chain. */
	private boolean isStatic(Node n) {
		return n.opType().equals("Identity") && n.outputs().size() == 1 && statics.containsKey(n.outputs().get(0));
	}

	/** Every node whose operator is not imported, in one error, so that one run tells everything to change. */
	private void refuseUnsupported() throws ImportException {
		List<String> refused = new ArrayList<>();
		for (Node n : model.nodes) {
			if (!n.domain().isEmpty() && !n.domain().equals("ai.onnx"))
				refused.add(n.describe() + " is from operator domain '" + n.domain() + "'");
			else if (!SUPPORTED_OPS.contains(n.opType()))
				refused.add(n.describe() + unsupportedReason(n.opType()));
		}
		if (refused.size() == 1)
			throw new ImportException(file, refused.get(0) + "; supported are " + SUPPORTED);
		if (!refused.isEmpty())
			throw new ImportException(file, refused.size() + " nodes are not supported: " + String.join("; ", refused)
					+ ". Supported are " + SUPPORTED);
	}

	private static String unsupportedReason(String op) {
		return switch (op) {
		case "Tanh", "Sigmoid", "HardSigmoid", "Softsign" -> " squashes its input into a bounded range, which a spiking rate"
				+ " cannot follow; only ReLU-like activations convert";
		case "Selu", "Elu", "Celu", "LeakyRelu", "PRelu", "Gelu" -> " is negative for negative inputs, which a spiking rate"
				+ " cannot be; only ReLU converts";
		default -> " is not supported";
		};
	}

	/**
	 * Between a Transpose to channels-last and the dense layer that reads the flattened features, and inside an
	 * Unsqueeze/Squeeze pair, only the nodes that keep the re-ordering exact may stand.
	 */
	private void checkInsideLayoutChange(Node n) throws ImportException {
		String op = n.opType();
		if (transposedMap != null && !ELEMENTWISE.contains(op) && !op.equals("Flatten") && !op.equals("Reshape"))
			throw new ImportException(file, n.describe() + " follows a Transpose to channels-last; such a Transpose is"
					+ " supported only right before a Flatten/Reshape that feeds a Gemm or MatMul");
		if (flattenedChannelsLast != null && !ELEMENTWISE.contains(op) && !op.equals("Gemm") && !op.equals("MatMul"))
			throw new ImportException(file, n.describe() + " reads channels-last flattened features; only a Gemm or MatMul"
					+ " can (its rows are re-ordered to Volr's channels-first flattening)");
		if (openUnsqueeze != null && !op.equals("BatchNormalization") && !op.equals("Squeeze") && !op.equals("Identity"))
			throw new ImportException(file, n.describe() + " follows " + openUnsqueeze.describe() + "; an Unsqueeze is"
					+ " supported only around a BatchNormalization, closed by a Squeeze");
	}

	private Shape inputShape(ValueInfo input) throws ImportException {
		if (input.dims() == null || input.dims().length < 2)
			throw new ImportException(file, "graph input '" + input.name() + "' has "
					+ (input.dims() == null ? "no shape" : "shape " + Arrays.toString(input.dims()))
					+ "; expected [batch, features...] with fixed feature sizes");
		batchDim = input.dims()[0];
		Shape s = F.createShape();
		for (int i = 1; i < input.dims().length; i++) {
			long d = input.dims()[i];
			if (d <= 0)
				throw new ImportException(file, "graph input '" + input.name() + "' has a dimension of unknown size ("
						+ Arrays.toString(input.dims()) + "); Volr networks need fixed input shapes");
			s.getDims().add((int) d);
		}
		return s;
	}

	// ------------------------------------------------------------------------------------------------ nodes

	private void node(Node n) throws ImportException {
		switch (n.opType()) {
		case "Gemm" -> gemm(n);
		case "MatMul" -> matMul(n);
		case "Add" -> add(n);
		case "Conv" -> conv(n);
		case "Relu" -> activation(n, Activation.RELU);
		case "Softmax" -> {
			int rank = currentDims().length + 1;
			long axis = n.attributes().containsKey("axis") ? n.attributes().get("axis").i() : opset() >= 13 ? -1 : 1;
			if (axis < 0)
				axis += rank;
			if (rank != 2 || axis != 1)
				throw new ImportException(file, n.describe() + " applies softmax over axis " + axis + " of a rank-" + rank
						+ " tensor; only softmax over the features of a vector is supported");
			activation(n, Activation.SOFTMAX);
		}
		case "MaxPool", "AveragePool" -> pool(n);
		case "GlobalAveragePool", "GlobalMaxPool" -> {
			GlobalPool g = F.createGlobalPool();
			g.setOp(n.opType().equals("GlobalMaxPool") ? PoolOp.MAX : PoolOp.AVG);
			add(n, g, "pool");
		}
		case "Flatten" -> {
			long axis = n.attributes().containsKey("axis") ? n.attributes().get("axis").i() : 1;
			if (axis != 1)
				throw new ImportException(file, n.describe() + " flattens from axis " + axis
						+ "; only axis 1 (keep the batch, flatten the rest) is supported");
			add(n, F.createFlatten(), "flatten");
			flattensTransposed();
		}
		case "Reshape" -> {
			reshape(n);
			flattensTransposed();
		}
		case "Dropout", "Identity" -> {
			notes.add("removed " + n.describe() + ": it does nothing at inference");
			passThrough(n);
		}
		case "Pad" -> {
			pad(n);
			passThrough(n);
		}
		case "BatchNormalization" -> batchNorm(n);
		case "Transpose" -> transpose(n);
		case "Unsqueeze" -> unsqueeze(n);
		case "Squeeze" -> squeeze(n);
		default -> throw new ImportException(file, n.describe() + " is not supported; supported are " + SUPPORTED);
		}
	}

	private void gemm(Node n) throws ImportException {
		if (intAttr(n, "transA", 0) != 0)
			throw new ImportException(file, n.describe() + " has transA = 1; only transA = 0 is supported");
		float alpha = floatAttr(n, "alpha", 1f), beta = floatAttr(n, "beta", 1f);
		if (alpha != 1f || beta != 1f)
			throw new ImportException(file, n.describe() + " has alpha = " + alpha + ", beta = " + beta
					+ "; only alpha = beta = 1 is supported");
		Tensor b = floatStatic(n, 1, "B (the weight matrix)");
		if (b.dims().length != 2)
			throw new ImportException(file, n.describe() + " weight '" + b.name() + "' has rank " + b.dims().length + ", expected 2");
		boolean transB = intAttr(n, "transB", 0) != 0;
		int in = (int) (transB ? b.dims()[1] : b.dims()[0]), out = (int) (transB ? b.dims()[0] : b.dims()[1]);
		float[] w = b.floats();
		if (transB) {
			w = new float[in * out];
			for (int o = 0; o < out; o++)
				for (int i = 0; i < in; i++)
					w[i * out + o] = b.floats()[o * in + i];
		}
		float[] bias = null;
		if (n.inputs().size() > 2 && !n.inputs().get(2).isEmpty()) {
			Tensor c = floatStatic(n, 2, "C (the bias)");
			bias = vectorOf(n, c, out, "bias");
		}
		dense(n, in, out, w, bias, b.name());
	}

	private void matMul(Node n) throws ImportException {
		Tensor b = floatStatic(n, 1, "B (the weight matrix)");
		if (b.dims().length != 2)
			throw new ImportException(file, n.describe() + " weight '" + b.name() + "' has rank " + b.dims().length
					+ "; only a vector times a matrix is supported");
		dense(n, (int) b.dims()[0], (int) b.dims()[1], b.floats(), null, b.name()).fromMatMul = true;
	}

	private Item dense(Node n, int in, int out, float[] w, float[] bias, String weightName) throws ImportException {
		int[] dims = currentDims();
		if (dims.length != 1 || dims[0] != in)
			throw new ImportException(file, n.describe() + " takes " + in + " inputs but receives " + Arrays.toString(dims)
					+ (dims.length > 1 ? " (a Flatten is missing)" : ""));
		if (flattenedChannelsLast != null) {
			w = KerasLayout.denseAfterChannelsLastFlatten(new FloatTensor(new int[] { in, out }, w), flattenedChannelsLast).data();
			notes.add("re-ordered the rows of " + n.describe() + " from channels-last to channels-first flattening");
			flattenedChannelsLast = null;
		}
		Dense d = F.createDense();
		d.setUnits(out);
		Item it = add(n, d, labelFrom(weightName, "fc"));
		it.weight = w;
		it.weightShape = new int[] { in, out };
		it.bias = bias;
		it.outChannels = out;
		return it;
	}

	/** MatMul followed by Add of a constant vector: the vector becomes the dense layer's bias. */
	private void add(Node n) throws ImportException {
		Item last = items.isEmpty() ? null : items.get(items.size() - 1);
		if (last == null || !last.fromMatMul || last.bias != null || last.layer.getActivation() != Activation.LINEAR
				|| !last.node.outputs().get(0).equals(firstData(n)))
			throw new ImportException(file, n.describe() + " is not supported here; Add is imported only as the bias"
					+ " directly after a MatMul (residual connections are not imported)");
		String other = n.inputs().stream().filter(statics::containsKey).findFirst().orElse(null);
		if (other == null || n.inputs().size() != 2)
			throw new ImportException(file, n.describe() + " does not add a constant tensor");
		last.bias = vectorOf(n, requireFloat(n, statics.get(other)), last.outChannels, "bias");
		notes.add("merged " + n.describe() + " into '" + last.layer.getLabel() + "' as its bias");
		outputAlias.put(n.outputs().get(0), last);
	}

	private void conv(Node n) throws ImportException {
		Tensor w = floatStatic(n, 1, "W (the kernel)");
		int spatial = w.dims().length - 2;
		if (spatial != 1 && spatial != 2)
			throw new ImportException(file, n.describe() + " is a " + spatial + "-D convolution; only 1-D and 2-D are supported");
		int[] dims = currentDims();
		if (dims.length != spatial + 1)
			throw new ImportException(file, n.describe() + " expects a [channels, " + (spatial == 2 ? "height, width" : "length")
					+ "] input but receives " + Arrays.toString(dims));
		int channels = dims[0], out = (int) w.dims()[0], perGroup = (int) w.dims()[1];
		long group = intAttr(n, "group", 1);
		Conv conv = F.createConv();
		if (group == 1) {
			if (perGroup != channels)
				throw new ImportException(file, n.describe() + " kernel '" + w.name() + "' expects " + perGroup
						+ " input channels, but receives " + channels);
			conv.setKind(spatial == 2 ? ConvKind.CONV2D : ConvKind.CONV1D);
			conv.setFilters(out);
		} else if (group == channels && perGroup == 1 && out % channels == 0 && spatial == 2) {
			conv.setKind(ConvKind.DEPTHWISE2D);
			if (out / channels != 1)
				conv.setMultiplier(out / channels);
		} else
			throw new ImportException(file, n.describe() + " is a grouped convolution (group " + group + " of " + channels
					+ " channels); only group 1 and 2-D depthwise (group = channels) are supported");
		List<Integer> kernel = new ArrayList<>();
		for (int i = 0; i < spatial; i++)
			kernel.add((int) w.dims()[2 + i]);
		long[] ks = intsAttr(n, "kernel_shape", null);
		if (ks != null && !Arrays.equals(ks, Arrays.stream(w.dims()).skip(2).toArray()))
			throw new ImportException(file, n.describe() + " kernel_shape " + Arrays.toString(ks)
					+ " does not match its kernel " + Arrays.toString(w.dims()));
		conv.getKernel().addAll(collapse(kernel));
		List<Integer> strides = ints(intsAttr(n, "strides", null), spatial, 1);
		if (strides.stream().anyMatch(s -> s != 1))
			conv.getStride().addAll(collapse(strides));
		List<Integer> dil = ints(intsAttr(n, "dilations", null), spatial, 1);
		if (dil.stream().anyMatch(s -> s != 1))
			conv.getDilation().addAll(collapse(dil));
		String autoPad = stringAttr(n, "auto_pad", "NOTSET");
		switch (autoPad) {
		case "NOTSET" -> {
			List<Integer> pads = symmetricPads(n, spatial);
			if (pads.stream().anyMatch(p -> p != 0))
				conv.getPadAmount().addAll(collapse(pads));
			else
				conv.setPadding(Padding.VALID);
		}
		case "VALID" -> conv.setPadding(Padding.VALID);
		case "SAME_UPPER" -> conv.setPadding(Padding.SAME);
		default -> throw new ImportException(file, n.describe() + " uses auto_pad " + autoPad
				+ "; supported are NOTSET (explicit pads), VALID and SAME_UPPER");
		}
		Item it = add(n, conv, labelFrom(w.name(), "conv"));
		it.weight = w.floats();
		it.weightShape = Arrays.stream(w.dims()).mapToInt(d -> (int) d).toArray();
		it.outChannels = out;
		if (n.inputs().size() > 2 && !n.inputs().get(2).isEmpty())
			it.bias = vectorOf(n, floatStatic(n, 2, "B (the bias)"), out, "bias");
	}

	private void pool(Node n) throws ImportException {
		int[] dims = currentDims();
		long[] kernel = intsAttr(n, "kernel_shape", null);
		if (kernel == null)
			throw new ImportException(file, n.describe() + " has no kernel_shape");
		int spatial = kernel.length;
		if ((spatial != 1 && spatial != 2) || dims.length != spatial + 1)
			throw new ImportException(file, n.describe() + " pools " + spatial + "-D over an input of " + Arrays.toString(dims)
					+ "; only 1-D and 2-D pooling of [channels, ...] maps is supported");
		if (intAttr(n, "ceil_mode", 0) != 0)
			throw new ImportException(file, n.describe() + " uses ceil_mode = 1; only ceil_mode = 0 is supported");
		if (ints(intsAttr(n, "dilations", null), spatial, 1).stream().anyMatch(d -> d != 1))
			throw new ImportException(file, n.describe() + " uses dilations; only undilated pooling is supported");
		if (intAttr(n, "storage_order", 0) != 0)
			throw new ImportException(file, n.describe() + " uses storage_order = 1; only 0 is supported");
		boolean max = n.opType().equals("MaxPool");
		Pool p = F.createPool();
		p.setKind(spatial == 2 ? (max ? PoolKind.MAX2D : PoolKind.AVG2D) : (max ? PoolKind.MAX1D : PoolKind.AVG1D));
		List<Integer> size = ints(kernel, spatial, 1);
		p.getSize().addAll(collapse(size));
		List<Integer> strides = ints(intsAttr(n, "strides", null), spatial, 1); // ONNX's default stride is 1
		if (!strides.equals(size))
			p.getStride().addAll(collapse(strides));
		String autoPad = stringAttr(n, "auto_pad", "NOTSET");
		switch (autoPad) {
		case "NOTSET", "VALID" -> {
			if (symmetricPads(n, spatial).stream().anyMatch(x -> x != 0))
				throw new ImportException(file, n.describe() + " pads its input by explicit amounts; only unpadded"
						+ " pooling (or auto_pad SAME_UPPER) is supported");
			p.setPadding(Padding.VALID);
		}
		case "SAME_UPPER" -> {
			if (!max && intAttr(n, "count_include_pad", 0) != 0)
				throw new ImportException(file, n.describe() + " averages with count_include_pad = 1 over padding;"
						+ " only count_include_pad = 0 is supported");
			p.setPadding(Padding.SAME);
		}
		default -> throw new ImportException(file, n.describe() + " uses auto_pad " + autoPad
				+ "; supported are NOTSET, VALID and SAME_UPPER");
		}
		// count_include_pad makes no difference without padding
		add(n, p, "pool");
	}

	private void reshape(Node n) throws ImportException {
		if (n.inputs().size() < 2 || !statics.containsKey(n.inputs().get(1)))
			throw new ImportException(file, n.describe() + " takes its shape from a computed tensor; only a Constant or"
					+ " initializer shape is supported (export with a fixed view, e.g. torch.flatten(x, 1))");
		Tensor shape = statics.get(n.inputs().get(1));
		long[] target = shape.longs();
		int[] dims = currentDims();
		long size = 1;
		for (int d : dims)
			size *= d;
		boolean flattens = target.length == 2
				&& (target[0] == 0 || target[0] == -1 || (batchDim > 0 && target[0] == batchDim))
				&& (target[1] == size || (target[1] == -1 && target[0] != -1));
		if (!flattens)
			throw new ImportException(file, n.describe() + " reshapes " + Arrays.toString(dims) + " (batch first: "
					+ Arrays.toString(target) + "); only a Reshape that flattens to [batch, " + size + "] is supported");
		add(n, F.createFlatten(), "flatten");
		notes.add("imported " + n.describe() + " as a flatten");
	}

	/**
	 * tf2onnx's two Transposes around a converted Keras model: NHWC → NCHW right at the input (absorbed: the network
	 * reads channels-first input, as every Volr network does) and NCHW → NHWC before flattening (the dense layer
	 * after the flatten gets its rows re-ordered). Any other permutation would change what the layers compute.
	 */
	private void transpose(Node n) throws ImportException {
		long[] perm = intsAttr(n, "perm", null);
		boolean atInput = items.isEmpty() && firstData(n).equals(dataInputName());
		int[] dims = currentDims();
		int rank = (atInput ? network.getInput().getDims().size() : dims.length) + 1;
		if (perm == null || perm.length != rank || rank < 3)
			throw new ImportException(file, n.describe() + " permutes " + (perm == null ? "all axes in reverse" : Arrays.toString(perm))
					+ " of a rank-" + rank + " tensor; only NHWC → NCHW at the input and NCHW → NHWC before a Flatten are supported");
		long[] toChannelsFirst = new long[rank], toChannelsLast = new long[rank];
		toChannelsFirst[1] = rank - 1;
		toChannelsLast[rank - 1] = 1;
		for (int i = 2; i < rank; i++) {
			toChannelsFirst[i] = i - 1;
			toChannelsLast[i - 1] = i;
		}
		if (atInput && Arrays.equals(perm, toChannelsFirst)) {
			List<Integer> channelsLast = new ArrayList<>(network.getInput().getDims());
			channelsLast.add(0, channelsLast.remove(channelsLast.size() - 1));
			network.getInput().getDims().clear();
			network.getInput().getDims().addAll(channelsLast);
			notes.add("removed " + n.describe() + ": the input is read channels-first " + channelsLast
					+ " (Volr's layout), not channels-last as in the model");
		} else if (!atInput && Arrays.equals(perm, toChannelsLast)) {
			transposedMap = dims;
			notes.add("removed " + n.describe() + ": the flattened features are re-ordered in the next dense layer instead");
			passThrough(n);
		} else
			throw new ImportException(file, n.describe() + " permutes " + Arrays.toString(perm) + (atInput ? " at the input" : "")
					+ "; only NHWC → NCHW " + Arrays.toString(toChannelsFirst) + " at the input and NCHW → NHWC "
					+ Arrays.toString(toChannelsLast) + " before a Flatten/Reshape are supported");
	}

	private void flattensTransposed() {
		if (transposedMap != null) {
			flattenedChannelsLast = transposedMap;
			transposedMap = null;
		}
	}

	private String dataInputName() {
		return model.inputs.stream().map(ValueInfo::name).filter(s -> !statics.containsKey(s)).findFirst().orElse("");
	}

	/** Old PyTorch exports of BatchNorm1d: Unsqueeze [batch, f] → [batch, f, 1], BatchNormalization, Squeeze back. */
	private void unsqueeze(Node n) throws ImportException {
		long[] axes = axes(n);
		int rank = currentDims().length + 1;
		if (rank != 2 || axes == null || axes.length != 1 || (axes[0] != 2 && axes[0] != -1))
			throw new ImportException(file, n.describe() + " inserts axes " + (axes == null ? "?" : Arrays.toString(axes))
					+ " into a rank-" + rank + " tensor; only [batch, features] → [batch, features, 1] around a"
					+ " BatchNormalization is supported");
		openUnsqueeze = n;
		passThrough(n);
	}

	private void squeeze(Node n) throws ImportException {
		long[] axes = axes(n);
		if (openUnsqueeze == null || (axes != null && (axes.length != 1 || (axes[0] != 2 && axes[0] != -1))))
			throw new ImportException(file, n.describe() + " removes axes " + (axes == null ? "of size 1" : Arrays.toString(axes))
					+ "; only the Squeeze that closes an Unsqueeze around a BatchNormalization is supported");
		notes.add("removed " + openUnsqueeze.describe() + " and " + n.describe() + " around a batch norm of a vector");
		openUnsqueeze = null;
		passThrough(n);
	}

	/** Unsqueeze/Squeeze axes: an attribute before opset 13, the second input from then on; null if absent. */
	private long[] axes(Node n) throws ImportException {
		if (n.attributes().containsKey("axes"))
			return n.attributes().get("axes").ints();
		if (n.inputs().size() < 2 || n.inputs().get(1).isEmpty())
			return null;
		Tensor t = statics.get(n.inputs().get(1));
		if (t == null)
			throw new ImportException(file, n.describe() + " takes its axes from a computed tensor; only constant axes are supported");
		return t.longs();
	}

	private void pad(Node n) throws ImportException {
		long[] pads = null;
		if (n.inputs().size() > 1 && statics.containsKey(n.inputs().get(1)))
			pads = statics.get(n.inputs().get(1)).longs();
		else if (n.inputs().size() == 1)
			pads = intsAttr(n, "pads", null);
		if (pads == null)
			throw new ImportException(file, n.describe() + " takes its pads from a computed tensor; not supported");
		if (Arrays.stream(pads).anyMatch(p -> p != 0))
			throw new ImportException(file, n.describe() + " pads by " + Arrays.toString(pads)
					+ "; a separate Pad is supported only when it pads nothing (put the padding on the Conv)");
		notes.add("removed " + n.describe() + ": it pads by zero");
	}

	private void batchNorm(Node n) throws ImportException {
		if (n.attributes().containsKey("training_mode") && n.attributes().get("training_mode").i() != 0)
			throw new ImportException(file, n.describe() + " is in training mode; export the model in eval mode");
		Item last = items.isEmpty() ? null : items.get(items.size() - 1);
		if (last == null || !(last.layer instanceof Dense || last.layer instanceof Conv)
				|| last.layer.getActivation() != Activation.LINEAR || last != itemProducing(firstData(n)))
			throw new ImportException(file, n.describe() + " cannot be folded: it does not directly follow a Conv, Gemm"
					+ " or MatMul (without activation); a free-standing batch norm is not imported");
		int c = last.outChannels;
		float[] gamma = vectorOf(n, floatStatic(n, 1, "scale"), c, "scale");
		float[] beta = vectorOf(n, floatStatic(n, 2, "B"), c, "B");
		float[] mean = vectorOf(n, floatStatic(n, 3, "mean"), c, "mean");
		float[] var = vectorOf(n, floatStatic(n, 4, "var"), c, "var");
		double eps = floatAttr(n, "epsilon", 1e-5f);
		float[] w = last.weight.clone();
		float[] b = last.bias == null ? new float[c] : last.bias.clone();
		boolean dense = last.layer instanceof Dense;
		int perChannel = w.length / c;
		for (int o = 0; o < c; o++) {
			double s = gamma[o] / Math.sqrt(var[o] + eps);
			if (dense)
				for (int i = 0; i < perChannel; i++)
					w[i * c + o] = (float) (w[i * c + o] * s);
			else
				for (int i = 0; i < perChannel; i++)
					w[o * perChannel + i] = (float) (w[o * perChannel + i] * s);
			b[o] = (float) ((b[o] - mean[o]) * s + beta[o]);
		}
		last.weight = w;
		last.bias = b;
		notes.add("folded " + n.describe() + " into '" + last.layer.getLabel() + "'");
		outputAlias.put(n.outputs().get(0), last);
	}

	private final Map<String, Item> outputAlias = new LinkedHashMap<>();

	/** A removed node: whatever produced its input now produces its output. */
	private void passThrough(Node n) {
		Item producer = itemProducing(firstData(n));
		if (producer != null)
			outputAlias.put(n.outputs().get(0), producer);
	}

	private Item itemProducing(String name) {
		if (outputAlias.containsKey(name))
			return outputAlias.get(name);
		for (Item it : items)
			if (it.node.outputs().get(0).equals(name))
				return it;
		return null;
	}

	/** ReLU or softmax: merged into a directly preceding linear Gemm/Conv, else a separate activation layer. */
	private void activation(Node n, Activation a) throws ImportException {
		Item last = items.isEmpty() ? null : items.get(items.size() - 1);
		if (last != null && (last.layer instanceof Dense || last.layer instanceof Conv)
				&& last.layer.getActivation() == Activation.LINEAR && last == itemProducing(firstData(n))) {
			last.layer.setActivation(a);
			outputAlias.put(n.outputs().get(0), last);
			notes.add("merged " + n.describe() + " into '" + last.layer.getLabel() + "'");
			return;
		}
		ActivationLayer layer = F.createActivationLayer();
		layer.setActivation(a);
		add(n, layer, a == Activation.RELU ? "relu" : "softmax");
	}

	// ------------------------------------------------------------------------------------------------ helpers

	private Item add(Node n, Layer layer, String labelBase) throws ImportException {
		// weighted layers say "linear" explicitly (unspecified means relu for them); pooling and flattening layers
		// have no activation in the language, and unspecified means none for them
		if ((layer instanceof Dense || layer instanceof Conv) && layer.getActivation() == Activation.UNSPECIFIED)
			layer.setActivation(Activation.LINEAR);
		boolean generic = Set.of("pool", "flatten", "relu", "softmax", "fc", "conv").contains(labelBase);
		String label = generic || labels.contains(labelBase) ? labelBase + "_" + n.position() : labelBase;
		while (labels.contains(label))
			label = label + "_";
		labels.add(label);
		layer.setLabel(label);
		block.getSteps().add(layer);
		NetType t = ShapeInference.of(network).typeOf(layer);
		if (t == null) {
			var problems = ShapeInference.of(network).problems();
			throw new ImportException(file, n.describe() + " does not fit the shape of its input: "
					+ (problems.isEmpty() ? "unknown shape" : problems.get(0).message()));
		}
		Item it = new Item(n, layer);
		items.add(it);
		return it;
	}

	/** "fc1.weight" → "fc1", "features.0.weight" → "features_0"; generated names (onnx::...) → the fallback. */
	private static String labelFrom(String weightName, String fallback) {
		if (weightName == null || weightName.startsWith("onnx::"))
			return fallback;
		String s = weightName.endsWith(".weight") ? weightName.substring(0, weightName.length() - 7) : weightName;
		s = s.replaceAll("[^A-Za-z0-9_]+", "_").replaceAll("_+", "_").replaceAll("^_|_$", "");
		if (s.isEmpty())
			return fallback;
		if (!Character.isLetter(s.charAt(0)))
			s = fallback + "_" + s;
		return s;
	}

	/** The feature dims (without the batch) reaching the next layer. */
	private int[] currentDims() {
		if (block.getSteps().isEmpty())
			return network.getInput().getDims().stream().mapToInt(Integer::intValue).toArray();
		NetType t = ShapeInference.of(network).typeOf(block.getSteps().get(block.getSteps().size() - 1));
		return t.out().dims();
	}

	private long opset() {
		Long v = model.opsets.get("");
		if (v == null)
			v = model.opsets.get("ai.onnx");
		return v == null ? 13 : v;
	}

	private String firstData(Node n) {
		return n.inputs().stream().filter(s -> !s.isEmpty() && !statics.containsKey(s)).findFirst().orElse("");
	}

	private Tensor floatStatic(Node n, int index, String what) throws ImportException {
		if (n.inputs().size() <= index || n.inputs().get(index).isEmpty())
			throw new ImportException(file, n.describe() + " has no input " + what);
		String name = n.inputs().get(index);
		Tensor t = statics.get(name);
		if (t == null)
			throw new ImportException(file, n.describe() + " input " + what + " '" + name
					+ "' is computed, not an initializer; only constant weights are supported");
		return requireFloat(n, t);
	}

	private Tensor requireFloat(Node n, Tensor t) throws ImportException {
		if (t.dataType() != OnnxModel.FLOAT && t.dataType() != OnnxModel.DOUBLE)
			throw new ImportException(file, n.describe() + " tensor '" + t.name() + "' has element type " + t.dataType()
					+ "; only float32 (1) and float64 (11) weights are supported");
		return t;
	}

	private float[] vectorOf(Node n, Tensor t, int size, String what) throws ImportException {
		if (t.floats().length != size)
			throw new ImportException(file, n.describe() + " " + what + " '" + t.name() + "' has " + t.floats().length
					+ " values (dims " + Arrays.toString(t.dims()) + "), expected " + size);
		return t.floats().clone();
	}

	private List<Integer> symmetricPads(Node n, int spatial) throws ImportException {
		long[] pads = intsAttr(n, "pads", null);
		List<Integer> out = new ArrayList<>();
		for (int i = 0; i < spatial; i++) {
			long begin = pads == null ? 0 : pads[i], end = pads == null ? 0 : pads[i + spatial];
			if (begin != end)
				throw new ImportException(file, n.describe() + " pads asymmetrically " + Arrays.toString(pads)
						+ "; only equal padding on both sides is supported");
			out.add((int) begin);
		}
		if (pads != null && pads.length != 2 * spatial)
			throw new ImportException(file, n.describe() + " has " + pads.length + " pads for " + spatial + " spatial axes");
		return out;
	}

	private static List<Integer> ints(long[] values, int n, int fallback) {
		List<Integer> out = new ArrayList<>();
		for (int i = 0; i < n; i++)
			out.add(values == null ? fallback : (int) values[i]);
		return out;
	}

	private static List<Integer> collapse(List<Integer> values) {
		return values.stream().distinct().count() == 1 ? List.of(values.get(0)) : values;
	}

	private static long intAttr(Node n, String name, long fallback) {
		Attribute a = n.attributes().get(name);
		return a == null ? fallback : a.i();
	}

	private static float floatAttr(Node n, String name, float fallback) {
		Attribute a = n.attributes().get(name);
		return a == null ? fallback : a.f();
	}

	private static String stringAttr(Node n, String name, String fallback) {
		Attribute a = n.attributes().get(name);
		return a == null || a.s() == null ? fallback : a.s();
	}

	private static long[] intsAttr(Node n, String name, long[] fallback) {
		Attribute a = n.attributes().get(name);
		return a == null ? fallback : a.ints();
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "OnnxImporter[%s]", file);
	}
}
