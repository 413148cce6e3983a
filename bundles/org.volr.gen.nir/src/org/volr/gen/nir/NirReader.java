package org.volr.gen.nir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.volr.convert.ImportException;
import org.volr.convert.ImportedModel;
import org.volr.convert.Labels;
import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;
import org.volr.gen.nir.NirGraph.NirArray;
import org.volr.gen.nir.NirGraph.Node;
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

/**
 * Reads a NIR graph (HDF5, as written by {@code nir.write} or {@link NirWriter}; read once into a {@link NirGraph} by
 * {@link NirGraphReader}) into Volr's metamodel, where it fits: a chain from the one {@code Input} node to the one {@code Output} node in which every {@code Affine},
 * {@code Linear}, {@code Conv2d}, {@code AvgPool2d} and {@code SumPool2d} node is followed by a neuron node ({@code IF}, {@code LIF} or
 * {@code CubaLIF}) and {@code Flatten} nodes re-index in between. Everything else (other node types such as LI,
 * CubaLI or Delay; fan-in, fan-out, recurrence; nodes off the chain) is refused with one {@link ImportException}
 * that lists every such node and feature of the file ({@link NirSupport}); nothing is dropped silently.
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
	private final NirGraph graph;
	private final List<String> notes = new ArrayList<>();
	private final Labels labels = new Labels();

	private NirReader(Path file, NirGraph graph) {
		this.file = file;
		this.graph = graph;
	}

	public static ImportedModel read(Path file, String networkName) throws ImportException {
		return readWithNeuron(file, networkName).model();
	}

	public static Result readWithNeuron(Path file, String networkName) throws ImportException {
		NirGraph graph = NirGraphReader.read(file);
		try {
			return new NirReader(file, graph).read(networkName);
		} catch (RuntimeException | StackOverflowError e) {
			// a file can break an assumption of the mapping that the checks before it did not foresee: its error, not a crash
			throw ImportException.damaged(file, "not a readable NIR graph", e);
		}
	}

	private Result read(String networkName) throws ImportException {
		if (graph.version() != null)
			notes.add("NIR file version " + graph.version());
		notes.addAll(graph.warnings());
		List<String> problems = NirSupport.problems(graph);
		if (!problems.isEmpty())
			throw new ImportException(file, NirSupport.message(problems));
		String input = graph.ofType("Input").get(0);

		Network network = F.createNetwork();
		network.setName(networkName);
		Block block = F.createBlock();
		network.setBody(block);
		Shape shape = F.createShape();
		for (int d : inputShape(input))
			shape.getDims().add(d);
		network.setInput(shape);

		WeightStore store = new WeightStore();
		List<Neurons> neurons = new ArrayList<>();
		Set<String> visited = new LinkedHashSet<>();
		String cur = input;
		visited.add(cur);
		Layer pending = null; // a weight/pool layer whose neuron node must come next
		String pendingNode = null;
		boolean ended = false;
		while (!ended) {
			// along the feed-forward edges: a cycle's edges are a layer's recurrence, not a step of the chain
			List<String> next = graph.forwardSuccessors(cur);
			if (next.isEmpty())
				throw new ImportException(file, "node '" + cur + "' (" + type(cur) + ") has no outgoing edge and is not an Output node");
			String n = next.get(0);
			String type = type(n);
			if (!visited.add(n))
				throw new ImportException(file, "node '" + n + "' (" + type + ") is reached twice: the graph is recurrent");
			Node g = graph.node(n);
			if (pending != null && !NirSupport.NEURONS.contains(type))
				throw new ImportException(file, "node '" + pendingNode + "' (" + type(pendingNode) + ") is followed by '" + n
						+ "' (" + type + ") instead of a neuron node (IF, LIF or CubaLIF); in Volr every dense, convolution and pooling"
						+ " layer has its own neurons");
			switch (type) {
			case "Affine", "Linear" -> {
				FloatTensor w = tensor(g, "weight");
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
					store.put(WeightKeys.bias(label), tensor(g, "bias"));
				pending = add(block, network, d, n, type);
			}
			case "Conv2d" -> {
				FloatTensor w = tensor(g, "weight");
				int[] ws = w.shape();
				if (ws.length != 4)
					throw new ImportException(file, "node '" + n + "' (Conv2d): weight of shape " + Arrays.toString(ws));
				long groups = g.has("groups") ? (long) need(g, "groups").values()[0] : 1;
				if (groups != 1)
					throw new ImportException(file, "node '" + n + "' (Conv2d) has groups = " + groups + "; Volr reads groups = 1 only");
				Conv c = F.createConv();
				c.setKind(ConvKind.CONV2D);
				c.setFilters(ws[0]);
				String label = label(n, type);
				c.setLabel(label);
				c.getKernel().addAll(collapse(new int[] { ws[2], ws[3] }));
				int[] stride = ints(g, "stride"), dil = ints(g, "dilation");
				if (Arrays.stream(stride).anyMatch(s -> s != 1))
					c.getStride().addAll(collapse(stride));
				if (Arrays.stream(dil).anyMatch(s -> s != 1))
					c.getDilation().addAll(collapse(dil));
				if (g.texts().get("padding") instanceof String s) {
					c.setPadding(s.equals("same") ? Padding.SAME : Padding.VALID);
				} else {
					int[] p = ints(g, "padding");
					c.setPadding(Padding.VALID);
					if (Arrays.stream(p).anyMatch(v -> v != 0))
						c.getPadAmount().addAll(collapse(p));
				}
				store.put(WeightKeys.weight(label), w);
				store.put(WeightKeys.bias(label), tensor(g, "bias"));
				pending = add(block, network, c, n, type);
			}
			case "AvgPool2d", "SumPool2d" -> {
				Pool p = F.createPool();
				p.setKind(type.equals("SumPool2d") ? PoolKind.SUM2D : PoolKind.AVG2D);
				p.setLabel(label(n, type));
				int[] k = ints(g, "kernel_size"), s = ints(g, "stride"), pad = ints(g, "padding");
				if (Arrays.stream(pad).anyMatch(v -> v != 0))
					throw new ImportException(file, "node '" + n + "' (" + type + ") has padding " + Arrays.toString(pad)
							+ "; Volr's pooling has none");
				p.getSize().addAll(collapse(k));
				if (!Arrays.equals(k, s))
					p.getStride().addAll(collapse(s));
				p.setPadding(Padding.VALID);
				pending = add(block, network, p, n, type);
			}
			case "Flatten" -> {
				int start = (int) need(g, "start_dim").values()[0];
				int end = (int) need(g, "end_dim").values()[0];
				int rank = ints(g, "input_type").length;
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
							+ type(cur) + "), not a dense, convolution or pooling node");
				neurons.add(neuron(g, pending));
				pending = null;
			}
			case "Output" -> {
				int[] s = ints(g, "shape");
				ShapeInference si = ShapeInference.of(network);
				var t = block.getSteps().isEmpty() ? null : si.typeOf(block.getSteps().get(block.getSteps().size() - 1));
				long size = Arrays.stream(s).asLongStream().reduce(1, (a, b) -> a * b);
				if (t != null && t.out().size() != size)
					throw new ImportException(file, "Output node '" + n + "' has shape " + Arrays.toString(s) + " but the chain ends in "
							+ t.out());
				if (!graph.successors(n).isEmpty())
					throw new ImportException(file, "Output node '" + n + "' has outgoing edges " + graph.successors(n));
				ended = true;
			}
			default -> throw new ImportException(file, "node '" + n + "' (" + type + ") is not supported; " + NirSupport.SUPPORTED);
			}
			cur = n;
			if (pending != null)
				pendingNode = n;
		}
		if (block.getSteps().isEmpty())
			throw new ImportException(file, "the graph has no layers");
		NirNeuron common = unify(neurons, store);
		return new Result(new ImportedModel(network, store, notes), common);
	}

	/**
	 * The network's input shape: the Input node's, unless the dense node it feeds reads another number of values
	 * (Rockpool); then the weights decide, as {@link NirGraph#warnings()} says.
	 */
	private int[] inputShape(String input) throws ImportException {
		int[] declared = ints(graph.node(input), "shape");
		Node next = graph.node(graph.successors(input).isEmpty() ? input : graph.successors(input).get(0));
		if ((next.type().equals("Affine") || next.type().equals("Linear")) && next.has("weight") && next.field("weight").shape().length == 2) {
			int reads = next.field("weight").shape()[1];
			if (Arrays.stream(declared).reduce(1, (a, b) -> a * b) != reads)
				return new int[] { reads };
		}
		return declared;
	}

	/** One neuron node's population, as read (the checks passed in {@link NirSupport}), with the layer it belongs to. */
	private record Neurons(NirNeuronNode node, Layer layer) {
		String name() {
			return node.name();
		}
	}

	private Neurons neuron(Node g, Layer layer) throws ImportException {
		List<String> problems = new ArrayList<>();
		NirNeuronNode node = NirNeuronNode.of(g, problems);
		if (node == null)
			throw new ImportException(file, NirSupport.message(problems));
		if (node.hasReset())
			notes.add("node '" + g.name() + "' (" + g.type() + "): v_reset = " + node.vReset() + " (reset to a value) is not carried over;"
					+ " Volr's reset mode is set by the experiment's conversion block");
		return new Neurons(node, layer);
	}

	/** One neuron for the network: the first node's, with r folded into its threshold; the others folded into weights. */
	private NirNeuron unify(List<Neurons> neurons, WeightStore store) throws ImportException {
		if (neurons.isEmpty())
			throw new ImportException(file, "the graph has no neuron nodes");
		NirNeuronNode first = neurons.get(0).node();
		float threshold = first.scaledThreshold();
		if (!first.cuba() && first.r() != 1f)
			notes.add("neuron node '" + first.name() + "' has r = " + first.r() + ": the common threshold is v_threshold / r = " + threshold);
		for (Neurons population : neurons) {
			NirNeuronNode n = population.node();
			if (!n.sameModel(first))
				throw new ImportException(file, "neuron node '" + n.describe() + " differs from '" + first.describe()
						+ "; Volr has one neuron model per network");
			float own = n.scaledThreshold();
			if (own == threshold)
				continue;
			if (n.vLeak() != 0f || n.vReset() != 0f)
				throw new ImportException(file, "neuron node '" + n.name() + "' has " + n.thresholdName() + " " + own + " unlike '"
						+ first.name() + "' (" + threshold + ") and v_leak " + n.vLeak() + (n.cuba() ? ", v_reset " + n.vReset() : "")
						+ " != 0, so it cannot be folded into the weights");
			String label = population.layer().getLabel();
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

	// ----- fields of the graph's nodes

	private String type(String n) {
		return graph.node(n).type();
	}

	private NirArray need(Node g, String field) throws ImportException {
		NirArray a = g.field(field);
		if (a == null || a.size() == 0)
			throw new ImportException(file, "node '" + g.name() + "' has no '" + field + "' dataset");
		return a;
	}

	private FloatTensor tensor(Node g, String field) throws ImportException {
		NirArray a = g.field(field);
		if (a == null)
			throw new ImportException(file, g.texts().containsKey(field) ? "node '" + g.name() + "': '" + field + "' is not numeric"
					: "node '" + g.name() + "' has no '" + field + "' dataset");
		return new FloatTensor(a.shape(), a.floats());
	}

	private int[] ints(Node g, String field) throws ImportException {
		return need(g, field).ints();
	}

	private static List<Integer> collapse(int[] v) {
		if (v.length == 2 && v[0] == v[1])
			return List.of(v[0]);
		return Arrays.stream(v).boxed().toList();
	}
}
