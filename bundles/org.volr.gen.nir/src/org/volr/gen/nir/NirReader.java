package org.volr.gen.nir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.volr.convert.ImportException;
import org.volr.convert.ImportedModel;
import org.volr.convert.Labels;
import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;
import org.volr.model.Block;
import org.volr.model.Conv;
import org.volr.model.ConvKind;
import org.volr.model.Dense;
import org.volr.model.Flatten;
import org.volr.model.Layer;
import org.volr.model.Network;
import org.volr.model.NeuronModel;
import org.volr.model.Padding;
import org.volr.model.Pool;
import org.volr.model.PoolKind;
import org.volr.model.Shape;
import org.volr.model.VolrFactory;
import org.volr.model.shapes.ShapeInference;
import org.volr.net.WeightKeys;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

/**
 * Reads a NIR graph (HDF5, as written by {@code nir.write} or {@link NirWriter}) into Volr's metamodel, where it
 * fits: a chain from the one {@code Input} node to the one {@code Output} node in which every {@code Affine},
 * {@code Linear}, {@code Conv2d}, {@code AvgPool2d} and {@code SumPool2d} node is followed by a neuron node ({@code IF}, {@code LIF} or
 * {@code CubaLIF}) and {@code Flatten} nodes re-index in between. Everything else (other node types such as LI,
 * CubaLI, Delay or nested graphs; fan-in, fan-out, recursion; nodes off the chain) is refused with an
 * {@link ImportException} naming the node and its type; nothing is dropped silently.
 * <p>
 * Weight nodes become layers labelled with the node's name; their weights are stored in Volr's layouts (dense
 * [in, out], conv2d [out, in, kh, kw]). Volr has one neuron model for the whole network, so all neuron nodes must
 * agree in kind, tau and v_leak (CubaLIF: tau_mem, tau_syn, v_leak and v_reset), and every parameter array must
 * hold one value. For IF and LIF, NIR's {@code r} and differing thresholds are folded into the preceding layer's
 * weights (the spikes stay the same, as v is linear in the input for v_leak = 0); every such rewrite is listed in
 * the notes.
 * <p>
 * A CubaLIF node is Volr's CubaLIF neuron only if {@code r·w_in = tau_mem} (within 1e-6 relative): then a spike of
 * weight w brings v the charge w in total, as in Volr (see {@link NirNeuron}). Any other CubaLIF node is refused,
 * naming it, rather than rescaled behind the user's back. Its tau_mem and tau_syn (seconds) become
 * {@code neuron CubaLIF { tau_m .. ms, tau_syn_E .. ms, tau_syn_I .. ms, v_thresh .., v_rest .. }} (see
 * {@link NeuronClause}; {@link Result#neuronModel()} for the experiment, the same text in the notes).
 */
public final class NirReader {
	private static final VolrFactory F = VolrFactory.eINSTANCE;
	private static final Set<String> NEURONS = Set.of("IF", "LIF", "CubaLIF");
	/** How far r·w_in may be from tau_mem (relative) for a CubaLIF node to be Volr's neuron. */
	private static final double CUBA_TOLERANCE = 1e-6;

	/**
	 * The imported model and the common neuron of its populations (IF/LIF with r folded away: r = 1; CubaLIF with
	 * r = tau_mem, w_in = 1).
	 */
	public record Result(ImportedModel model, NirNeuron neuron) {
		/** The neuron as the {@code neuron} clause of a Volr experiment. */
		public NeuronModel neuronModel() {
			return NeuronClause.model(neuron);
		}
	}

	private final Path file;
	private final List<String> notes = new ArrayList<>();
	private final Labels labels = new Labels();

	private NirReader(Path file) {
		this.file = file;
	}

	public static ImportedModel read(Path file, String networkName) throws ImportException {
		return readWithNeuron(file, networkName).model();
	}

	public static Result readWithNeuron(Path file, String networkName) throws ImportException {
		if (!Files.isRegularFile(file))
			throw new ImportException(file, "no such file");
		try (HdfFile hdf = new HdfFile(file)) {
			return new NirReader(file).read(hdf, networkName);
		} catch (ImportException e) {
			throw e;
		} catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
			// jHDF reports damaged files with unchecked exceptions, and a damaged file can break any assumption below
			throw ImportException.damaged(file, "not a readable NIR (HDF5) file", e);
		}
	}

	private Result read(HdfFile hdf, String networkName) throws ImportException {
		Node root = hdf.getChild("node");
		if (!(root instanceof Group graph))
			throw new ImportException(file, "no group /node: not a NIR file");
		String graphType = string(graph, "type", "/node");
		if (!"NIRGraph".equals(graphType))
			throw new ImportException(file, "/node has type '" + graphType + "', expected NIRGraph");
		if (hdf.getChild("version") instanceof Dataset v)
			notes.add("NIR file version " + v.getData());
		if (!(graph.getChild("nodes") instanceof Group nodeGroup))
			throw new ImportException(file, "/node has no group 'nodes'");
		Map<String, Group> nodes = new TreeMap<>();
		for (Node n : nodeGroup) {
			if (!(n instanceof Group g))
				throw new ImportException(file, "/node/nodes/" + n.getName() + " is not a group");
			nodes.put(n.getName(), g);
		}
		refuseUnsupported(nodes);
		List<String[]> edges = edges(graph);
		Map<String, List<String>> out = new LinkedHashMap<>(), in = new LinkedHashMap<>();
		for (String name : nodes.keySet()) {
			out.put(name, new ArrayList<>());
			in.put(name, new ArrayList<>());
		}
		for (String[] e : edges) {
			for (String end : e)
				if (!nodes.containsKey(end))
					throw new ImportException(file, "edge " + e[0] + " -> " + e[1] + " names an unknown node '" + end + "'");
			out.get(e[0]).add(e[1]);
			in.get(e[1]).add(e[0]);
		}
		List<String> inputs = nodes.keySet().stream().filter(n -> type(nodes, n).equals("Input")).toList();
		if (inputs.size() != 1)
			throw new ImportException(file, "expected one Input node, found " + inputs);

		Network network = F.createNetwork();
		network.setName(networkName);
		Block block = F.createBlock();
		network.setBody(block);
		Shape shape = F.createShape();
		int[] inShape = ints(nodes.get(inputs.get(0)), "shape", inputs.get(0));
		for (int d : inShape)
			shape.getDims().add(d);
		network.setInput(shape);

		WeightStore store = new WeightStore();
		List<NeuronNode> neurons = new ArrayList<>();
		Set<String> visited = new LinkedHashSet<>();
		String cur = inputs.get(0);
		visited.add(cur);
		Layer pending = null; // a weight/pool layer whose neuron node must come next
		String pendingNode = null;
		boolean ended = false;
		while (!ended) {
			List<String> next = out.get(cur);
			if (next.isEmpty())
				throw new ImportException(file, "node '" + cur + "' (" + type(nodes, cur) + ") has no outgoing edge and is not an Output node");
			if (next.size() > 1)
				throw new ImportException(file, "node '" + cur + "' (" + type(nodes, cur) + ") fans out to " + next
						+ "; Volr reads chains of nodes only");
			String n = next.get(0);
			String type = type(nodes, n);
			if (!visited.add(n))
				throw new ImportException(file, "node '" + n + "' (" + type + ") is reached twice: the graph is recurrent");
			if (type.equals("Input"))
				throw new ImportException(file, "node '" + n + "' (Input) is a second input; Volr reads one input");
			if (in.get(n).size() > 1)
				throw new ImportException(file, "node '" + n + "' (" + type + ") has " + in.get(n).size() + " inputs " + in.get(n)
						+ " (a recurrent or merging graph); Volr reads chains of nodes only");
			Group g = nodes.get(n);
			if (pending != null && !NEURONS.contains(type))
				throw new ImportException(file, "node '" + pendingNode + "' (" + type(nodes, pendingNode) + ") is followed by '" + n
						+ "' (" + type + ") instead of a neuron node (IF, LIF or CubaLIF); in Volr every dense, convolution and pooling"
						+ " layer has its own neurons");
			switch (type) {
			case "Affine", "Linear" -> {
				FloatTensor w = tensor(g, "weight", n);
				int[] ws = w.shape();
				if (ws.length != 2)
					throw new ImportException(file, "node '" + n + "' (" + type + "): weight of shape " + Arrays.toString(ws)
							+ ", Volr reads 2-D [out, in] weights only");
				Dense d = F.createDense();
				d.setUnits(ws[0]);
				String label = label(n, type);
				d.setLabel(label);
				float[] t = new float[ws[0] * ws[1]];
				for (int o = 0; o < ws[0]; o++)
					for (int i = 0; i < ws[1]; i++)
						t[i * ws[0] + o] = w.data()[o * ws[1] + i];
				store.put(WeightKeys.weight(label), new FloatTensor(new int[] { ws[1], ws[0] }, t));
				if (type.equals("Affine"))
					store.put(WeightKeys.bias(label), tensor(g, "bias", n));
				pending = add(block, network, d, n, type);
			}
			case "Conv2d" -> {
				FloatTensor w = tensor(g, "weight", n);
				int[] ws = w.shape();
				if (ws.length != 4)
					throw new ImportException(file, "node '" + n + "' (Conv2d): weight of shape " + Arrays.toString(ws));
				long groups = g.getChild("groups") instanceof Dataset gd ? ((Number) scalar(gd)).longValue() : 1;
				if (groups != 1)
					throw new ImportException(file, "node '" + n + "' (Conv2d) has groups = " + groups + "; Volr reads groups = 1 only");
				Conv c = F.createConv();
				c.setKind(ConvKind.CONV2D);
				c.setFilters(ws[0]);
				String label = label(n, type);
				c.setLabel(label);
				c.getKernel().addAll(collapse(new int[] { ws[2], ws[3] }, 0));
				int[] stride = ints(g, "stride", n), dil = ints(g, "dilation", n);
				if (Arrays.stream(stride).anyMatch(s -> s != 1))
					c.getStride().addAll(collapse(stride, 1));
				if (Arrays.stream(dil).anyMatch(s -> s != 1))
					c.getDilation().addAll(collapse(dil, 1));
				Dataset pad = (Dataset) g.getChild("padding");
				if (pad != null && pad.getData() instanceof String s) {
					c.setPadding(s.equals("same") ? Padding.SAME : Padding.VALID);
				} else {
					int[] p = ints(g, "padding", n);
					c.setPadding(Padding.VALID);
					if (Arrays.stream(p).anyMatch(v -> v != 0))
						c.getPadAmount().addAll(collapse(p, 0));
				}
				store.put(WeightKeys.weight(label), w);
				store.put(WeightKeys.bias(label), tensor(g, "bias", n));
				pending = add(block, network, c, n, type);
			}
			case "AvgPool2d", "SumPool2d" -> {
				Pool p = F.createPool();
				p.setKind(type.equals("SumPool2d") ? PoolKind.SUM2D : PoolKind.AVG2D);
				p.setLabel(label(n, type));
				int[] k = ints(g, "kernel_size", n), s = ints(g, "stride", n), pad = ints(g, "padding", n);
				if (Arrays.stream(pad).anyMatch(v -> v != 0))
					throw new ImportException(file, "node '" + n + "' (" + type + ") has padding " + Arrays.toString(pad)
							+ "; Volr's pooling has none");
				p.getSize().addAll(collapse(k, 0));
				if (!Arrays.equals(k, s))
					p.getStride().addAll(collapse(s, 0));
				p.setPadding(Padding.VALID);
				pending = add(block, network, p, n, type);
			}
			case "Flatten" -> {
				int start = ((Number) scalar((Dataset) need(g, "start_dim", n))).intValue();
				int end = ((Number) scalar((Dataset) need(g, "end_dim", n))).intValue();
				int rank = ints(g, "input_type", n).length;
				if (start != 0 || (end != -1 && end != rank - 1))
					throw new ImportException(file, "node '" + n + "' (Flatten) flattens dims " + start + ".." + end + " of a rank-"
							+ rank + " input; Volr flattens everything (start_dim 0, end_dim -1)");
				Flatten f = F.createFlatten();
				f.setLabel(label(n, type));
				add(block, network, f, n, type);
			}
			case "IF", "LIF", "CubaLIF" -> {
				if (pending == null)
					throw new ImportException(file, "neuron node '" + n + "' (" + type + ") follows '" + cur + "' ("
							+ type(nodes, cur) + "), not a dense, convolution or pooling node");
				neurons.add(neuron(g, n, type, pending));
				pending = null;
			}
			case "Output" -> {
				int[] s = ints(g, "shape", n);
				ShapeInference si = ShapeInference.of(network);
				var t = block.getSteps().isEmpty() ? null : si.typeOf(block.getSteps().get(block.getSteps().size() - 1));
				long size = Arrays.stream(s).asLongStream().reduce(1, (a, b) -> a * b);
				if (t != null && t.out().size() != size)
					throw new ImportException(file, "Output node '" + n + "' has shape " + Arrays.toString(s) + " but the chain ends in "
							+ t.out());
				if (!out.get(n).isEmpty())
					throw new ImportException(file, "Output node '" + n + "' has outgoing edges " + out.get(n));
				ended = true;
			}
			default -> throw new IllegalStateException(type);
			}
			cur = n;
			if (pending != null)
				pendingNode = n;
		}
		Set<String> rest = new LinkedHashSet<>(nodes.keySet());
		rest.removeAll(visited);
		if (!rest.isEmpty()) {
			String n = rest.iterator().next();
			throw new ImportException(file, "node '" + n + "' (" + type(nodes, n) + ") is not on the chain from the input to the"
					+ " output; Volr reads chains of nodes only");
		}
		if (block.getSteps().isEmpty())
			throw new ImportException(file, "the graph has no layers");
		NirNeuron common = unify(neurons, store);
		return new Result(new ImportedModel(network, store, notes), common);
	}

	/** One neuron node as read: tau is LIF's tau or CubaLIF's tau_mem; tauSyn and vReset are CubaLIF's only. */
	private record NeuronNode(String name, String type, Layer layer, float r, float threshold, float tau, float vLeak, float tauSyn,
			float vReset) {
		boolean cuba() {
			return type.equals("CubaLIF");
		}

		/** The threshold on Volr's scale: IF/LIF fold r into it; CubaLIF's r is fixed by r·w_in = tau_mem. */
		float scaledThreshold() {
			return cuba() || r == 1f ? threshold : threshold / r;
		}

		String thresholdName() {
			return cuba() ? "threshold" : "threshold/r";
		}

		String describe() {
			return name + "' (" + type + ", " + (cuba() ? "tau_mem " + tau + ", tau_syn " + tauSyn + ", v_reset " + vReset : "tau " + tau)
					+ ", v_leak " + vLeak + ")";
		}
	}

	private NeuronNode neuron(Group g, String n, String type, Layer layer) throws ImportException {
		boolean cuba = type.equals("CubaLIF");
		float r = constant(g, "r", n, type);
		float th = constant(g, "v_threshold", n, type);
		float tau = type.equals("LIF") ? constant(g, "tau", n, type) : cuba ? constant(g, "tau_mem", n, type) : 0f;
		float leak = type.equals("IF") ? 0f : constant(g, "v_leak", n, type);
		float tauSyn = cuba ? constant(g, "tau_syn", n, type) : 0f;
		float reset = g.getChild("v_reset") != null ? constant(g, "v_reset", n, type) : 0f;
		if (g.getChild("v_reset") != null)
			notes.add("node '" + n + "' (" + type + "): v_reset = " + reset + " (reset to a value) is not carried over; Volr's reset mode"
					+ " is set by the experiment's conversion block");
		if (!(th > 0) || !Float.isFinite(th))
			throw new ImportException(file, "node '" + n + "' (" + type + ") has v_threshold = " + th + "; Volr needs a positive threshold");
		if (!Float.isFinite(leak) || !Float.isFinite(reset))
			throw new ImportException(file, "node '" + n + "' (" + type + ") has v_leak = " + leak + ", v_reset = " + reset
					+ "; Volr needs finite potentials");
		if (!cuba) {
			if (!(r > 0))
				throw new ImportException(file, "node '" + n + "' (" + type + ") has r = " + r + "; Volr needs r > 0");
			return new NeuronNode(n, type, layer, r, th, tau, leak, 0f, 0f);
		}
		if (!(tau > 0 && Float.isFinite(tau)) || !(tauSyn > 0 && Float.isFinite(tauSyn)))
			throw new ImportException(file, "node '" + n + "' (CubaLIF) has tau_mem = " + tau + " and tau_syn = " + tauSyn
					+ "; Volr needs positive, finite time constants (seconds)");
		// NIR's default for a missing w_in is 1, as for files written before it was stored
		float wIn = g.getChild("w_in") != null ? constant(g, "w_in", n, type) : 1f;
		double gain = (double) r * wIn;
		if (!(Math.abs(gain - tau) <= CUBA_TOLERANCE * tau))
			throw new ImportException(file, "node '" + n + "' (CubaLIF) has r·w_in = " + r + "·" + wIn + " = " + (float) gain
					+ " but tau_mem = " + tau + "; Volr's CubaLIF passes each spike's weight to the membrane in full, which needs"
					+ " r·w_in = tau_mem (Volr writes r = tau_mem, w_in = 1). To import it, multiply the weight and bias of the node"
					+ " feeding it by r·w_in/tau_mem (" + (float) (gain / tau) + ") and set r = tau_mem, w_in = 1 in the file");
		return new NeuronNode(n, type, layer, tau, th, tau, leak, tauSyn, reset);
	}

	/** One neuron for the network: the first node's, with r folded into its threshold; the others folded into weights. */
	private NirNeuron unify(List<NeuronNode> neurons, WeightStore store) throws ImportException {
		if (neurons.isEmpty())
			throw new ImportException(file, "the graph has no neuron nodes");
		NeuronNode first = neurons.get(0);
		float threshold = first.scaledThreshold();
		if (!first.cuba() && first.r() != 1f)
			notes.add("neuron node '" + first.name() + "' has r = " + first.r() + ": the common threshold is v_threshold / r = " + threshold);
		for (NeuronNode n : neurons) {
			if (!n.type().equals(first.type()) || n.tau() != first.tau() || n.vLeak() != first.vLeak() || n.tauSyn() != first.tauSyn()
					|| n.vReset() != first.vReset())
				throw new ImportException(file, "neuron node '" + n.describe() + " differs from '" + first.describe()
						+ "; Volr has one neuron model per network");
			float own = n.scaledThreshold();
			if (own == threshold)
				continue;
			if (n.vLeak() != 0f || n.vReset() != 0f)
				throw new ImportException(file, "neuron node '" + n.name() + "' has " + n.thresholdName() + " " + own + " unlike '"
						+ first.name() + "' (" + threshold + ") and v_leak " + n.vLeak() + (n.cuba() ? ", v_reset " + n.vReset() : "")
						+ " != 0, so it cannot be folded into the weights");
			String label = n.layer().getLabel();
			if (!store.contains(WeightKeys.weight(label)))
				throw new ImportException(file, "neuron node '" + n.name() + "' has " + n.thresholdName() + " " + own + " unlike '" + first.name()
						+ "' (" + threshold + "), and its input node '" + label + "' has no weights to fold the difference into");
			float factor = threshold / own;
			for (String key : new String[] { WeightKeys.weight(label), WeightKeys.bias(label) })
				if (store.contains(key)) {
					FloatTensor t = store.get(key);
					float[] d = t.data().clone();
					for (int i = 0; i < d.length; i++)
						d[i] *= factor;
					store.put(key, new FloatTensor(t.shape(), d));
				}
			notes.add("neuron node '" + n.name() + "': " + n.thresholdName() + " " + own + " folded into the weights of '" + label + "' (x"
					+ factor + ")");
		}
		NirNeuron common = switch (first.type()) {
		case "IF" -> NirNeuron.ifNeuron(threshold);
		case "LIF" -> NirNeuron.lif(first.tau(), threshold, first.vLeak());
		default -> NirNeuron.cubaLif(first.tau(), first.tauSyn(), threshold, first.vLeak(), first.vReset());
		};
		notes.add("neurons: " + first.type() + " with threshold " + threshold
				+ (first.type().equals("LIF") ? ", tau " + first.tau() + " s, v_leak " + first.vLeak() : "")
				+ (first.cuba() ? ", tau_mem " + first.tau() + " s, tau_syn " + first.tauSyn() + " s, v_leak " + first.vLeak() : "")
				+ "; in the experiment: " + NeuronClause.text(common));
		return common;
	}

	/** The layer label for node n: its name if that is an identifier, else a deterministic identifier, with a note. */
	private String label(String n, String type) {
		String label = labels.fresh(n);
		if (!label.equals(n))
			notes.add("node '" + n + "' (" + type + ") is labelled '" + label + "' (a label must be an identifier)");
		return label;
	}

	private Layer add(Block block, Network network, Layer layer, String n, String type) throws ImportException {
		block.getSteps().add(layer);
		ShapeInference si = ShapeInference.of(network);
		if (!si.problems().isEmpty() || si.typeOf(layer) == null)
			throw new ImportException(file, "node '" + n + "' (" + type + ") does not fit the shape of its input: "
					+ (si.problems().isEmpty() ? "unknown shape" : si.problems().get(0).message()));
		return layer;
	}

	/** All nodes of a type Volr cannot read, in one error, so that a user sees everything to change at once. */
	private void refuseUnsupported(Map<String, Group> nodes) throws ImportException {
		List<String> refused = new ArrayList<>();
		for (String n : nodes.keySet()) {
			String why = unsupported(n, type(nodes, n));
			if (why != null)
				refused.add(why);
		}
		if (refused.size() == 1)
			throw new ImportException(file, refused.get(0) + "; " + SUPPORTED);
		if (!refused.isEmpty())
			throw new ImportException(file, refused.size() + " nodes cannot be read: " + String.join("; ", refused) + ". " + SUPPORTED);
	}

	private static final String SUPPORTED = "Volr reads Input, Affine, Linear, Conv2d, AvgPool2d, SumPool2d, Flatten, IF, LIF, CubaLIF and"
			+ " Output nodes";

	/** Why node n of this type cannot be read, or null if it can. */
	private static String unsupported(String n, String type) {
		return switch (type) {
		case "Input", "Affine", "Linear", "Conv2d", "AvgPool2d", "SumPool2d", "Flatten", "IF", "LIF", "CubaLIF", "Output" -> null;
		case "NIRGraph" -> "node '" + n + "' (NIRGraph) is a nested graph; Volr reads flat graphs only";
		case "?" -> "node '" + n + "' has no readable 'type'";
		default -> "node '" + n + "' (" + type + ") is not supported";
		};
	}

	// ----- HDF5 helpers

	private String type(Map<String, Group> nodes, String n) {
		try {
			return string(nodes.get(n), "type", "/node/nodes/" + n);
		} catch (ImportException e) {
			return "?";
		}
	}

	private String string(Group g, String name, String where) throws ImportException {
		if (!(g.getChild(name) instanceof Dataset d))
			throw new ImportException(file, where + " has no '" + name + "' dataset");
		Object v = d.getData();
		if (v instanceof String s)
			return s;
		if (v instanceof String[] a && a.length == 1)
			return a[0];
		throw new ImportException(file, where + "/" + name + " is not a string");
	}

	private List<String[]> edges(Group graph) throws ImportException {
		if (!(graph.getChild("edges") instanceof Dataset d))
			throw new ImportException(file, "/node has no 'edges' dataset");
		List<String[]> list = new ArrayList<>();
		if (d.isEmpty())
			return list;
		Object v = d.getData();
		if (!(v instanceof String[][] rows))
			throw new ImportException(file, "/node/edges is not an (E, 2) string array");
		for (String[] r : rows) {
			if (r.length != 2)
				throw new ImportException(file, "/node/edges has a row of " + r.length + " names");
			list.add(r);
		}
		return list;
	}

	private Node need(Group g, String field, String n) throws ImportException {
		Node c = g.getChild(field);
		if (!(c instanceof Dataset))
			throw new ImportException(file, "node '" + n + "' has no '" + field + "' dataset");
		return c;
	}

	private static Object scalar(Dataset d) {
		Object v = d.getData();
		if (v != null && v.getClass().isArray())
			return java.lang.reflect.Array.get(v, 0);
		return v;
	}

	private FloatTensor tensor(Group g, String field, String n) throws ImportException {
		Dataset d = (Dataset) need(g, field, n);
		int[] shape = d.getDimensions();
		Object flat = d.isScalar() ? new Object[] { d.getData() } : d.getDataFlat();
		float[] f;
		if (flat instanceof float[] a)
			f = a;
		else if (flat instanceof double[] a) {
			f = new float[a.length];
			for (int i = 0; i < a.length; i++)
				f[i] = (float) a[i];
		} else if (flat instanceof long[] a) {
			f = new float[a.length];
			for (int i = 0; i < a.length; i++)
				f[i] = a[i];
		} else if (flat instanceof int[] a) {
			f = new float[a.length];
			for (int i = 0; i < a.length; i++)
				f[i] = a[i];
		} else if (flat instanceof Object[] a && a.length == 1 && a[0] instanceof Number num)
			f = new float[] { num.floatValue() };
		else
			throw new ImportException(file, "node '" + n + "': '" + field + "' is not numeric (" + d.getJavaType() + ")");
		return new FloatTensor(d.isScalar() ? new int[0] : shape, f);
	}

	private int[] ints(Group g, String field, String n) throws ImportException {
		float[] v = tensor(g, field, n).data();
		int[] r = new int[v.length];
		for (int i = 0; i < v.length; i++)
			r[i] = (int) v[i];
		return r;
	}

	private float constant(Group g, String field, String n, String type) throws ImportException {
		float[] v = tensor(g, field, n).data();
		if (v.length == 0)
			throw new ImportException(file, "node '" + n + "' (" + type + "): '" + field + "' is empty");
		for (float x : v)
			if (Float.compare(x, v[0]) != 0)
				throw new ImportException(file, "node '" + n + "' (" + type + "): '" + field + "' differs between neurons ("
						+ v[0] + " and " + x + "); Volr's neurons share their parameters");
		return v[0];
	}

	private static List<Integer> collapse(int[] v, int unused) {
		if (v.length == 2 && v[0] == v[1])
			return List.of(v[0]);
		return Arrays.stream(v).boxed().toList();
	}
}
