package org.volr.gen.nir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.volr.core.io.AtomicFiles;
import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;
import org.volr.model.Add;
import org.volr.model.Conv;
import org.volr.model.ConvKind;
import org.volr.model.Dense;
import org.volr.model.Dropout;
import org.volr.model.Flatten;
import org.volr.model.Identity;
import org.volr.model.Layer;
import org.volr.model.Let;
import org.volr.model.NetExpr;
import org.volr.model.NetRef;
import org.volr.model.Network;
import org.volr.model.Padding;
import org.volr.model.Parallel;
import org.volr.model.Pool;
import org.volr.model.PoolKind;
import org.volr.model.Sequence;
import org.volr.model.shapes.NetType;
import org.volr.model.shapes.ShapeInference;
import org.volr.model.shapes.TensorShape;
import org.volr.net.NetLayer;
import org.volr.net.NetworkResolver;
import org.volr.net.ResolveException;

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
 * {@code <label>.if} / {@code <label>.lif} / {@code <label>.cubalif}. Volr's CubaLIF (SEMANTICS.md) passes the whole
 * weight of a spike to the membrane as a charge; in NIR's continuous CubaLIF a spike w·δ(t) makes I jump by
 * w_in·w/τ_syn and gives v r·w_in·w/τ_mem in total, so it is written with w_in = 1 and r = τ_mem: tau_syn = τ_s,
 * tau_mem = r = τ_m (seconds), v_leak = v_rest, v_threshold = the threshold, v_reset = the reset potential. One
 * difference remains: the bias of the layer before enters NIR's CubaLIF through the synapse (rising over a few
 * τ_syn), while Volr's constant drive goes straight into the membrane;</li>
 * <li>parallel (concatenation) → NIR sums fan-in and has no concatenation, so the dense layer after a parallel
 * block is split into column blocks: one node {@code <label>.in<i>} per branch (the first an Affine carrying the
 * bias, the others Linear), all feeding the same neuron node. A parallel block at the end gives one Output per
 * branch.</li>
 * </ul>
 * The weight nodes are named after the layer labels (unlabelled layers get {@code <kind>_<n>}). Everything else
 * (max pooling, conv1d, depthwise convolutions, residual add, reshape, batch norm, global pooling, activation
 * layers, a convolution or pooling after a parallel block) is refused with an {@link IllegalArgumentException}
 * naming the layer.
 */
public final class NirWriter {
	/** The NIR package version written into {@code /version}. */
	public static final String NIR_VERSION = "1.0.7";

	private final Network network;
	private final WeightStore weights;
	private final NirNeuron neuron;
	private final ShapeInference shapes;
	private final Map<String, Map<String, Object>> nodes = new LinkedHashMap<>();
	private final List<String[]> edges = new ArrayList<>();
	private final Set<String> used = new HashSet<>();
	private int unnamed;
	private final Map<Layer, String> weightNames;

	private record Src(String node, TensorShape shape) {
	}

	private NirWriter(Network network, WeightStore weights, NirNeuron neuron) {
		this.network = network;
		this.weights = weights;
		this.neuron = neuron;
		this.shapes = ShapeInference.of(network);
		this.weightNames = weightKeys(network);
	}

	/** Every layer's weight key, as the resolved network names it (org.volr.net.WeightKeys). */
	private static Map<Layer, String> weightKeys(Network network) {
		Map<Layer, String> keys = new IdentityHashMap<>();
		try {
			for (NetLayer layer : NetworkResolver.resolve(network).layers())
				keys.put((Layer) layer.origin(), layer.key());
		} catch (ResolveException e) {
			throw new IllegalArgumentException(e.getMessage(), e);
		}
		return keys;
	}

	/**
	 * Writes the network into {@code out} (first into a temporary file beside it, then moved over it, so a reader
	 * never sees half a file).
	 *
	 * @param converted the weights, "{label}.weight" / "{label}.bias" in Volr's layouts (dense [in, out], conv2d
	 *                  [out, in, kh, kw])
	 * @throws IllegalArgumentException when the network has something NIR (or this writer) cannot express; the
	 *                                  message names the layer
	 */
	public static void write(Network network, WeightStore converted, NirNeuron neuron, Path out) throws IOException {
		NirWriter w = new NirWriter(network, converted, neuron == null ? NirNeuron.defaultIF() : neuron);
		w.build();
		w.save(out);
	}

	private void build() {
		if (!shapes.problems().isEmpty())
			throw new IllegalArgumentException("network '" + network.getName() + "' has shape problems: "
					+ shapes.problems().get(0).message());
		// a calculus network (dense 2 4 >> ...) has no input clause: its input shape is inferred
		org.volr.model.shapes.NetType type = shapes.typeOf(network);
		if (network.getBody() == null || type == null || type.in() == null)
			throw new IllegalArgumentException("network '" + network.getName() + "' needs a body and an inferable input shape");
		int[] in = network.getInput() != null ? network.getInput().getDims().stream().mapToInt(Integer::intValue).toArray() : type.in().dims();
		String input = unique("input");
		node(input, "Input").put("shape", longs(in));
		List<Src> outs = lower(network.getBody(), List.of(new Src(input, TensorShape.of(in))));
		for (int i = 0; i < outs.size(); i++) {
			String name = unique(outs.size() == 1 ? "output" : "output_" + i);
			node(name, "Output").put("shape", longs(outs.get(i).shape().dims()));
			edges.add(new String[] { outs.get(i).node(), name });
		}
	}

	private List<Src> lower(NetExpr e, List<Src> in) {
		if (e instanceof Sequence s) { // Block too
			List<Src> cur = in;
			for (NetExpr step : s.getSteps())
				cur = lower(step, cur);
			return cur;
		}
		if (e instanceof Parallel p) {
			List<Src> outs = new ArrayList<>();
			for (NetExpr b : p.getBranches())
				outs.addAll(lower(b, in));
			return outs;
		}
		if (e instanceof Add)
			throw new IllegalArgumentException("residual add (+) is not written to NIR yet");
		if (e instanceof Let let)
			return lower(let.getBody(), in);
		if (e instanceof NetRef ref) {
			if (ref.getTarget() instanceof Let let)
				return lower(let.getValue(), in);
			if (ref.getTarget() instanceof Network n)
				return lower(n.getBody(), in);
			throw new IllegalArgumentException("cannot resolve the reference to " + ref.getTarget());
		}
		if (e instanceof Layer layer)
			return List.of(layer(layer, in));
		throw new IllegalArgumentException("cannot write " + e.eClass().getName() + " to NIR");
	}

	private Src layer(Layer layer, List<Src> in) {
		if (layer instanceof Identity || layer instanceof Dropout) {
			if (in.size() != 1)
				throw new IllegalArgumentException(describe(layer) + " after a parallel block cannot be written to NIR");
			return in.get(0);
		}
		NetType type = shapes.typeOf(layer);
		if (type == null)
			throw new IllegalArgumentException(describe(layer) + " has no shape");
		String label = layer.getLabel() != null ? layer.getLabel() : layer.eClass().getName().toLowerCase() + "_" + unnamed++;
		// weights are stored under Volr's names: the label, or layer{n} in writing order (WeightKeys)
		String key = weightNames.getOrDefault(layer, label);
		if (in.size() != 1 && !(layer instanceof Dense))
			throw new IllegalArgumentException(describe(layer) + " follows a parallel block (concatenation); NIR has no"
					+ " concatenation and only a dense layer can be split into column blocks");
		if (layer instanceof Dense) {
			FloatTensor w = weights.get(key + ".weight");
			FloatTensor b = weights.contains(key + ".bias") ? weights.get(key + ".bias") : null;
			int[] ws = w.shape();
			int units = type.out().dim(0);
			if (ws.length != 2 || ws[1] != units || ws[0] != type.in().size())
				throw new IllegalArgumentException(describe(layer) + ": weight " + Arrays.toString(ws) + " does not match "
						+ type);
			List<String> parts = new ArrayList<>();
			if (in.size() == 1) {
				String name = unique(label);
				linear(name, w.data(), ws[0], 0, ws[0], units, b);
				edges.add(new String[] { in.get(0).node(), name });
				parts.add(name);
			} else {
				int row = 0;
				for (int i = 0; i < in.size(); i++) {
					int rows = (int) in.get(i).shape().size();
					String name = unique(label + ".in" + i);
					linear(name, w.data(), ws[0], row, rows, units, i == 0 ? b : null);
					edges.add(new String[] { in.get(i).node(), name });
					parts.add(name);
					row += rows;
				}
			}
			return neurons(label, parts, type.out());
		}
		if (layer instanceof Conv c) {
			if (c.getKind() != ConvKind.CONV2D)
				throw new IllegalArgumentException(describe(layer) + ": only conv2d is written to NIR (" + c.getKind().getLiteral()
						+ " is not)");
			FloatTensor w = weights.get(key + ".weight");
			int[] ws = w.shape();
			float[] bias = weights.contains(key + ".bias") ? weights.get(key + ".bias").data() : new float[ws[0]];
			int[] k = { ws[2], ws[3] };
			long[] stride = pair(c.getStride(), 1), dil = pair(c.getDilation(), 1);
			long[] pad;
			if (!c.getPadAmount().isEmpty())
				pad = pair(c.getPadAmount(), 0);
			else if (c.getPadding() == Padding.SAME) {
				pad = new long[2];
				for (int i = 0; i < 2; i++) {
					long span = dil[i] * (k[i] - 1);
					if (stride[i] != 1 || span % 2 != 0)
						throw new IllegalArgumentException(describe(layer) + ": 'same' padding with stride " + stride[i]
								+ " and kernel " + k[i] + " is asymmetric; NIR's Conv2d pads symmetrically");
					pad[i] = span / 2;
				}
			} else
				pad = new long[2];
			String name = unique(label);
			Map<String, Object> n = node(name, "Conv2d");
			n.put("weight", FloatTensor.nested(w.data(), ws));
			n.put("bias", bias.clone());
			n.put("stride", stride);
			n.put("padding", pad);
			n.put("dilation", dil);
			n.put("groups", Long.valueOf(1));
			n.put("input_shape", new long[] { type.in().dim(1), type.in().dim(2) });
			edges.add(new String[] { in.get(0).node(), name });
			return neurons(label, List.of(name), type.out());
		}
		if (layer instanceof Pool p) {
			if (p.getKind() != PoolKind.AVG2D)
				throw new IllegalArgumentException(describe(layer) + ": " + p.getKind().getLiteral()
						+ " has no NIR equivalent (NIR pools are SumPool2d and AvgPool2d)");
			if (p.getPadding() == Padding.SAME)
				throw new IllegalArgumentException(describe(layer) + ": 'same' padding of a pooling layer is not written to NIR");
			long[] size = pair(p.getSize(), 2);
			long[] stride = p.getStride().isEmpty() ? size.clone() : pair(p.getStride(), 1);
			String name = unique(label);
			Map<String, Object> n = node(name, "AvgPool2d");
			n.put("kernel_size", size);
			n.put("stride", stride);
			n.put("padding", new long[2]);
			edges.add(new String[] { in.get(0).node(), name });
			return neurons(label, List.of(name), type.out());
		}
		if (layer instanceof Flatten) {
			String name = unique(label);
			Map<String, Object> n = node(name, "Flatten");
			n.put("input_type", longs(type.in().dims()));
			n.put("start_dim", Long.valueOf(0));
			n.put("end_dim", Long.valueOf(-1));
			edges.add(new String[] { in.get(0).node(), name });
			return new Src(name, type.out());
		}
		throw new IllegalArgumentException(describe(layer) + " (" + layer.eClass().getName() + ") cannot be written to NIR");
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
	 * The neuron node behind a layer, named {@code <label>.if}, {@code <label>.lif} or {@code <label>.cubalif}, with
	 * exactly the fields of NIR's dataclass (v_reset only for CubaLIF, where Volr's reset potential is part of the
	 * neuron), each an array of the layer's output shape.
	 */
	private Src neurons(String label, List<String> from, TensorShape out) {
		int[] dims = out.dims();
		int count = (int) out.size();
		Map<String, Object> n;
		String name;
		switch (neuron.kind()) {
		case IF -> {
			name = unique(label + ".if");
			n = node(name, "IF");
			n.put("r", FloatTensor.nested(filled(count, neuron.r()), dims));
			n.put("v_threshold", FloatTensor.nested(filled(count, neuron.threshold()), dims));
		}
		case LIF -> {
			name = unique(label + ".lif");
			n = node(name, "LIF");
			n.put("tau", FloatTensor.nested(filled(count, neuron.tau()), dims));
			n.put("r", FloatTensor.nested(filled(count, neuron.r()), dims));
			n.put("v_leak", FloatTensor.nested(filled(count, neuron.vLeak()), dims));
			n.put("v_threshold", FloatTensor.nested(filled(count, neuron.threshold()), dims));
		}
		case CUBA_LIF -> { // r = tau_mem and w_in = 1: each spike's weight reaches v in full (see NirNeuron)
			name = unique(label + ".cubalif");
			n = node(name, "CubaLIF");
			n.put("tau_syn", FloatTensor.nested(filled(count, neuron.tauSyn()), dims));
			n.put("tau_mem", FloatTensor.nested(filled(count, neuron.tau()), dims));
			n.put("r", FloatTensor.nested(filled(count, neuron.r()), dims));
			n.put("v_leak", FloatTensor.nested(filled(count, neuron.vLeak()), dims));
			n.put("v_threshold", FloatTensor.nested(filled(count, neuron.threshold()), dims));
			n.put("v_reset", FloatTensor.nested(filled(count, neuron.vReset()), dims));
			n.put("w_in", FloatTensor.nested(filled(count, 1f), dims));
		}
		default -> throw new IllegalStateException(neuron.kind().toString());
		}
		for (String f : from)
			edges.add(new String[] { f, name });
		return new Src(name, out);
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

	private static String describe(Layer layer) {
		return layer.getLabel() != null ? "layer '" + layer.getLabel() + "'" : "an unlabelled " + layer.eClass().getName().toLowerCase() + " layer";
	}

	private static long[] pair(List<Integer> values, int dflt) {
		if (values.isEmpty())
			return new long[] { dflt, dflt };
		return new long[] { values.get(0), values.get(values.size() > 1 ? 1 : 0) };
	}

	private static long[] longs(int[] v) {
		return Arrays.stream(v).asLongStream().toArray();
	}

	private static float[] filled(int n, float v) {
		float[] a = new float[n];
		Arrays.fill(a, v);
		return a;
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
