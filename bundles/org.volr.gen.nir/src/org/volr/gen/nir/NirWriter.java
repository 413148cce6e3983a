package org.volr.gen.nir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.volr.core.io.AtomicFiles;
import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;
import org.volr.model.Network;
import org.volr.model.shapes.TensorShape;
import org.volr.net.DelayedEdge;
import org.volr.net.LayerKind;
import org.volr.net.NetLayer;
import org.volr.net.NetworkResolver;
import org.volr.net.ResolveException;
import org.volr.net.ResolvedNetwork;
import org.volr.net.Source;
import org.volr.net.WeightKeys;
import org.volr.net.Window;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

/**
 * Writes a (converted) Volr network as a NIR graph in the HDF5 layout of {@code nir.write}: {@code /version},
 * {@code /node/type = "NIRGraph"}, {@code /node/edges} (E×2 strings) and one group per node under
 * {@code /node/nodes}, holding a {@code type} string and exactly the fields of NIR's dataclass for that type.
 * <p>
 * Mapping (every dense, convolution and average-pooling layer of Volr has its own neurons, see SEMANTICS.md):
 * <ul>
 * <li>dense → {@code Affine} (with a bias) or {@code Linear} (without), weight transposed to NIR's [out, in], then
 * the neuron node;</li>
 * <li>conv2d → {@code Conv2d} (weight [out, in, kh, kw], bias (zeros if the layer has none), stride, padding,
 * dilation, groups = 1, input_shape = [h, w]), then the neuron node;</li>
 * <li>avgpool → {@code AvgPool2d} (kernel_size, stride, padding), then the neuron node;</li>
 * <li>flatten → {@code Flatten} (input_type = the input shape, start_dim 0, end_dim −1: dims exclude the batch);</li>
 * <li>identity, dropout → nothing;</li>
 * <li>the neurons → {@code IF} (r, v_threshold), {@code LIF} (tau, r, v_leak, v_threshold) or {@code CubaLIF}
 * (tau_syn, tau_mem, r, v_leak, v_threshold, v_reset, w_in), arrays of the layer's output shape, named
 * {@code <label>.if} / {@code <label>.lif} / {@code <label>.cubalif}, with the r for the run's time step that
 * {@link NirTarget#neuron(org.volr.gen.RunSettings.Neuron, NirTime)} gives (SEMANTICS.md, "Time in NIR graphs"): a
 * CubaLIF has w_in = 1, tau_syn = τ_s, tau_mem = τ_m (seconds), v_leak = v_rest, v_threshold = the threshold,
 * v_reset = the reset potential. A parameter the weights give per neuron ({@code <key>.tau_m}, {@code .v_rest},
 * {@code .tau_syn_E} with {@code .tau_syn_I}; SEMANTICS.md "Per-neuron parameters") is that array of the node instead
 * (tau or tau_mem in seconds, v_leak, tau_syn), with r per neuron for the neuron's own time constant
 * ({@link NirTime#unitGainR}), which {@link NirReader} reads back as the same arrays and weights. One
 * difference remains: the bias of the layer before enters NIR's CubaLIF through the synapse (rising over a few
 * τ_syn), while Volr's constant drive goes straight into the membrane;</li>
 * <li>a recurrent dense layer → also a {@code Linear} node {@code <label>.w_rec} (its weight_rec transposed to [out, in])
 * with the edges neurons → w_rec → neurons, as snnTorch's RLeaky and Norse write the cycle;</li>
 * <li>parallel (concatenation) → NIR sums fan-in and has no concatenation, so the dense layer after a parallel
 * block is split into column blocks: one node {@code <label>.in<i>} per branch (the first an Affine carrying the
 * bias, the others Linear), all feeding the same neuron node. A parallel block at the end gives one Output per
 * branch.</li>
 * </ul>
 * The layers, their shapes, windows and weight keys are read from the {@link ResolvedNetwork}. The weight nodes are
 * named after the layer labels (unlabelled layers get {@code <kind>_<n>}). Everything else
 * (max pooling, conv1d, depthwise convolutions, residual add, reshape, batch norm, global pooling, activation
 * layers, a convolution or pooling after a parallel block) is refused with an {@link IllegalArgumentException}
 * naming the layer.
 */
public final class NirWriter {
	/** The NIR package version written into {@code /version}. */
	public static final String NIR_VERSION = "1.0.7";

	private final ResolvedNetwork network;
	private final WeightStore weights;
	private final NirNeuron neuron;
	/** The neurons of the layers that have their own, by weight key. */
	private final Map<String, NirNeuron> layerNeurons;
	private final Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
	private final List<String[]> edges = new ArrayList<>();
	private final Set<String> used = new HashSet<>();
	private int unnamed;
	/** Per layer index, the node its output comes from (for identity and dropout, the node they pass on). */
	private final List<Src> produced = new ArrayList<>();
	private Src input;
	private final NirNeuronFields neuronFields;

	private record Src(String node, int[] shape) {
	}

	private NirWriter(ResolvedNetwork network, WeightStore weights, NirNeuron neuron, Map<String, NirNeuron> layerNeurons, NirTime time) {
		this.network = network;
		this.neuronFields = new NirNeuronFields(weights, time);
		this.weights = weights;
		this.neuron = neuron;
		this.layerNeurons = Map.copyOf(layerNeurons);
	}

	/**
	 * Resolves the network (its references written out) and writes it as {@link #write(ResolvedNetwork, WeightStore,
	 * NirNeuron, Path)} does.
	 *
	 * @throws IllegalArgumentException also when the network cannot be resolved (it does not type-check)
	 */
	public static void write(Network network, WeightStore converted, NirNeuron neuron, Path out) throws IOException {
		try {
			write(NetworkResolver.resolve(network), converted, neuron, out);
		} catch (ResolveException e) {
			throw new IllegalArgumentException(e.getMessage(), e);
		}
	}

	/**
	 * Writes the network into {@code out} (first into a temporary file beside it, then moved over it, so a reader
	 * never sees half a file).
	 *
	 * @param converted the weights under the layers' weight keys, in Volr's layouts (dense [in, out], conv2d
	 *                  [out, in, kh, kw])
	 * @throws IllegalArgumentException when the network has something NIR (or this writer) cannot express; the
	 *                                  message names the layer
	 */
	public static void write(ResolvedNetwork network, WeightStore converted, NirNeuron neuron, Path out) throws IOException {
		write(network, converted, neuron, Map.of(), out);
	}

	/**
	 * Writes the network as {@link #write(ResolvedNetwork, WeightStore, NirNeuron, Path)} does, the layers whose weight
	 * key {@code layerNeurons} names with their own neuron node.
	 */
	public static void write(ResolvedNetwork network, WeightStore converted, NirNeuron neuron, Map<String, NirNeuron> layerNeurons, Path out)
			throws IOException {
		write(network, converted, neuron, layerNeurons, null, out);
	}

	/**
	 * Writes the network as {@link #write(ResolvedNetwork, WeightStore, NirNeuron, Map, Path)} does, for the run's time
	 * step: a leaky layer whose time constants the weights give per neuron gets r per neuron for that step (without the
	 * step, such a layer is refused).
	 */
	public static void write(ResolvedNetwork network, WeightStore converted, NirNeuron neuron, Map<String, NirNeuron> layerNeurons, NirTime time,
			Path out) throws IOException {
		NirWriter w = new NirWriter(network, converted, neuron == null ? NirNeuron.defaultIF() : neuron, layerNeurons, time);
		w.build();
		w.save(out);
	}

	private void build() {
		input = new Src(unique("input"), network.inputShape());
		node(input.node(), "Input").put("shape", longs(input.shape()));
		for (NetLayer layer : network.layers())
			produced.add(layer(layer, read(layer.sources())));
		List<Src> outs = read(network.output());
		for (int i = 0; i < outs.size(); i++) {
			String name = unique(outs.size() == 1 ? "output" : "output_" + i);
			node(name, "Output").put("shape", longs(outs.get(i).shape()));
			edges.add(new String[] { outs.get(i).node(), name });
		}
	}

	/**
	 * The nodes a layer (or the output) reads, one per branch of a parallel block before it. Added branches meet at
	 * one offset; NIR would sum them, but this writer does not write residual networks yet.
	 */
	private List<Src> read(List<Source> sources) {
		List<Src> in = new ArrayList<>();
		int offset = 0;
		for (Source s : sources) {
			if (s.offset() != offset)
				throw new IllegalArgumentException("residual add (+) is not written to NIR yet");
			Src src = s.isInput() ? input : produced.get(s.layer());
			in.add(src);
			offset += size(src.shape());
		}
		return in;
	}

	private Src layer(NetLayer layer, List<Src> in) {
		if (layer.kind() instanceof LayerKind.Identity || layer.kind() instanceof LayerKind.Dropout) {
			if (in.size() != 1)
				throw new IllegalArgumentException(describe(layer) + " after a parallel block cannot be written to NIR");
			return in.get(0);
		}
		String label = layer.label() != null ? layer.label() : className(layer.kind()).toLowerCase(Locale.ROOT) + "_" + unnamed++;
		if (in.size() != 1 && !(layer.kind() instanceof LayerKind.Dense))
			throw new IllegalArgumentException(describe(layer) + " follows a parallel block (concatenation); NIR has no"
					+ " concatenation and only a dense layer can be split into column blocks");
		return switch (layer.kind()) {
		case LayerKind.Dense d -> dense(layer, label, in);
		case LayerKind.Conv c -> conv(layer, c, label, in.get(0));
		case LayerKind.Pool p -> pool(layer, p, label, in.get(0));
		case LayerKind.Flatten f -> flatten(layer, label, in.get(0));
		default -> throw new IllegalArgumentException(describe(layer) + " (" + className(layer.kind()) + ") cannot be written to NIR");
		};
	}

	private Src dense(NetLayer layer, String label, List<Src> in) {
		FloatTensor w = weights.get(layer.weightKey());
		FloatTensor b = weights.contains(layer.biasKey()) ? weights.get(layer.biasKey()) : null;
		int[] ws = w.shape();
		int units = layer.outChannels();
		if (ws.length != 2 || ws[1] != units || ws[0] != layer.inSize())
			throw new IllegalArgumentException(describe(layer) + ": weight " + Arrays.toString(ws) + " does not match net "
					+ TensorShape.of(layer.inShape()) + " " + TensorShape.of(layer.outShape()));
		List<String> parts = new ArrayList<>();
		if (in.size() == 1) {
			String name = unique(label);
			linear(name, w.data(), ws[0], 0, ws[0], units, b);
			edges.add(new String[] { in.get(0).node(), name });
			parts.add(name);
		} else {
			int row = 0;
			for (int i = 0; i < in.size(); i++) {
				int rows = size(in.get(i).shape());
				String name = unique(label + ".in" + i);
				linear(name, w.data(), ws[0], row, rows, units, i == 0 ? b : null);
				edges.add(new String[] { in.get(i).node(), name });
				parts.add(name);
				row += rows;
			}
		}
		Src neurons = neurons(layer, label, parts, layer.outShape());
		for (DelayedEdge e : network.delayedInto(layer.index()))
			recurrent(layer, e, label, neurons);
		return neurons;
	}

	/**
	 * A recurrent layer's edge onto itself as snnTorch (RLeaky, RSynaptic) and Norse write it: a Linear node
	 * {@code <label>.w_rec} (W_rec transposed to NIR's [out, in]) in a cycle with the neuron node, its spikes of one step
	 * entering the neurons at the next (SEMANTICS.md, "Recurrent layers").
	 */
	private void recurrent(NetLayer layer, DelayedEdge e, String label, Src neurons) {
		if (!e.recurrent())
			throw new IllegalArgumentException(network.describe(e) + ": only a layer's edge onto itself is written to NIR");
		if (!weights.contains(e.weightKey()))
			throw new IllegalArgumentException(network.describe(e) + " has no weights '" + e.weightKey() + "'");
		int units = layer.outChannels();
		FloatTensor w = weights.get(e.weightKey());
		if (!Arrays.equals(w.shape(), network.weightShape(e)))
			throw new IllegalArgumentException(network.describe(e) + ": weight " + Arrays.toString(w.shape()) + " is not "
					+ Arrays.toString(network.weightShape(e)));
		String name = unique(label + ".w_rec");
		linear(name, w.data(), units, 0, units, units, null);
		edges.add(new String[] { neurons.node(), name });
		edges.add(new String[] { name, neurons.node() });
	}

	private Src conv(NetLayer layer, LayerKind.Conv c, String label, Src in) {
		if (c.type() != LayerKind.ConvType.CONV2D)
			throw new IllegalArgumentException(describe(layer) + ": only conv2d is written to NIR (" + c.written() + " is not)");
		FloatTensor w = weights.get(layer.weightKey());
		int[] ws = w.shape();
		float[] bias = weights.contains(layer.biasKey()) ? weights.get(layer.biasKey()).data() : new float[ws[0]];
		Window g = c.window();
		if (g.asymmetric()) { // 'same' padding whose extra row or column goes after the map
			boolean rows = g.ph() != g.phAfter();
			throw new IllegalArgumentException(describe(layer) + ": 'same' padding with stride " + (rows ? g.sh() : g.sw())
					+ " and kernel " + (rows ? g.kh() : g.kw()) + " is asymmetric; NIR's Conv2d pads symmetrically");
		}
		String name = unique(label);
		Map<String, Object> n = node(name, "Conv2d");
		n.put("weight", FloatTensor.nested(w.data(), ws));
		n.put("bias", bias.clone());
		n.put("stride", new long[] { g.sh(), g.sw() });
		n.put("padding", new long[] { g.ph(), g.pw() });
		n.put("dilation", new long[] { g.dh(), g.dw() });
		n.put("groups", Long.valueOf(1));
		int[] inShape = layer.inShape();
		n.put("input_shape", new long[] { inShape[1], inShape[2] });
		edges.add(new String[] { in.node(), name });
		return neurons(layer, label, List.of(name), layer.outShape());
	}

	private Src pool(NetLayer layer, LayerKind.Pool p, String label, Src in) {
		Window g = p.window();
		String type = switch (p.op()) {
		case AVG -> "AvgPool2d";
		case SUM -> "SumPool2d";
		case MAX -> null;
		};
		if (type == null || g.oneD())
			throw new IllegalArgumentException(describe(layer) + ": " + p.written() + " has no NIR equivalent (NIR pools are SumPool2d and AvgPool2d)");
		if (g.padding() == Window.Padding.SAME)
			throw new IllegalArgumentException(describe(layer) + ": 'same' padding of a pooling layer is not written to NIR");
		String name = unique(label);
		Map<String, Object> n = node(name, type);
		n.put("kernel_size", new long[] { g.kh(), g.kw() });
		n.put("stride", new long[] { g.sh(), g.sw() });
		n.put("padding", new long[2]);
		edges.add(new String[] { in.node(), name });
		return neurons(layer, label, List.of(name), layer.outShape());
	}

	private Src flatten(NetLayer layer, String label, Src in) {
		String name = unique(label);
		Map<String, Object> n = node(name, "Flatten");
		n.put("input_type", longs(layer.inShape()));
		n.put("start_dim", Long.valueOf(0));
		n.put("end_dim", Long.valueOf(-1));
		edges.add(new String[] { in.node(), name });
		return new Src(name, layer.outShape());
	}

	/** An Affine/Linear node with rows [row, row+rows) of the [in, out] weight, transposed to [out, rows]. */
	private void linear(String name, float[] w, int inSize, int row, int rows, int units, FloatTensor bias) {
		float[][] t = new float[units][rows];
		for (int o = 0; o < units; o++)
			for (int i = 0; i < rows; i++)
				t[o][i] = w[(row + i) * units + o];
		Map<String, Object> n = node(name, bias != null ? "Affine" : "Linear");
		n.put("weight", t);
		if (bias != null)
			n.put("bias", bias.data().clone());
	}

	/**
	 * The neuron node behind a layer (its own neuron, else the run's), named {@code <label>.if}, {@code <label>.lif},
	 * {@code <label>.cubalif} or {@code <label>.li}, its fields from {@link NirNeuronFields}.
	 */
	private Src neurons(NetLayer layer, String label, List<String> from, int[] dims) {
		NirNeuron neuron = layerNeurons.getOrDefault(layer.key(), this.neuron);
		String type = neuron.kind().nirType();
		String name = unique(label + "." + type.toLowerCase(Locale.ROOT));
		node(name, type).putAll(neuronFields.of(layer, describe(layer), neuron, dims));
		for (String f : from)
			edges.add(new String[] { f, name });
		return new Src(name, dims);
	}

	private Map<String, Object> node(String name, String type) {
		Map<String, Object> n = new LinkedHashMap<>();
		n.put("type", type);
		nodes.put(name, n);
		return n;
	}

	private String unique(String name) {
		String n = name;
		for (int i = 2; !used.add(n); i++)
			n = name + "_" + i;
		return n;
	}

	/** "layer 'fc1'", or "an unlabelled dense layer". */
	private static String describe(NetLayer layer) {
		return layer.label() != null ? "layer '" + layer.label() + "'"
				: "an unlabelled " + className(layer.kind()).toLowerCase(Locale.ROOT) + " layer";
	}

	/**
	 * The name of a layer's kind in Volr's metamodel ("Dense", "Conv", "Pool", ...): unlabelled layers' nodes have
	 * always been named after it ("dense_0", "conv_1"), and refusals quote it.
	 */
	private static String className(LayerKind kind) {
		return switch (kind) {
		case LayerKind.Dense d -> "Dense";
		case LayerKind.Conv c -> "Conv";
		case LayerKind.Pool p -> "Pool";
		case LayerKind.GlobalPool g -> "GlobalPool";
		case LayerKind.Flatten f -> "Flatten";
		case LayerKind.Reshape r -> "Reshape";
		case LayerKind.Identity i -> "Identity";
		case LayerKind.Dropout d -> "Dropout";
		case LayerKind.BatchNorm b -> "BatchNorm";
		case LayerKind.ActivationOnly a -> "ActivationLayer";
		};
	}

	private static int size(int[] shape) {
		int n = 1;
		for (int d : shape)
			n *= d;
		return n;
	}

	private static long[] longs(int[] v) {
		return Arrays.stream(v).asLongStream().toArray();
	}

	private void save(Path out) throws IOException {
		AtomicFiles.writeFile(out, file -> {
			try (WritableHdfFile hdf = HdfFile.write(file)) {
				hdf.putDataset("version", NIR_VERSION);
				WritableGroup graph = hdf.putGroup("node");
				graph.putDataset("type", "NIRGraph");
				String[][] e = edges.toArray(new String[0][]);
				graph.putDataset("edges", e);
				WritableGroup all = graph.putGroup("nodes");
				for (Map.Entry<String, Map<String, Object>> n : nodes.entrySet()) {
					WritableGroup g = all.putGroup(n.getKey());
					for (Map.Entry<String, Object> f : n.getValue().entrySet())
						g.putDataset(f.getKey(), f.getValue());
				}
			}
		});
	}
}
