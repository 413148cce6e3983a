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
import org.volr.model.Readout;
import org.volr.model.Shape;
import org.volr.model.VolrFactory;
import org.volr.model.shapes.ShapeInference;
import org.volr.net.WeightKeys;

/**
 * Reads a NIR graph (HDF5, as written by {@code nir.write} or {@link NirWriter}; read once into a {@link NirGraph} by
 * {@link NirGraphReader}) into Volr's metamodel, where it fits: a chain from the one {@code Input} node to the one
 * {@code Output} node in which every {@code Affine}, {@code Linear}, {@code Conv2d}, {@code AvgPool2d} and
 * {@code SumPool2d} node is followed by a neuron node ({@code IF}, {@code LIF}, {@code CubaLIF}, or {@code LI} as the
 * output) and {@code Flatten} nodes re-index in between. A {@code SumPool2d} node followed by no neurons but a
 * {@code Conv2d}, or a {@code Flatten} and an {@code Affine}/{@code Linear} node (Sinabs pools spikes straight into the
 * next layer), is folded into that node: the two are linear, one layer on the pool's input computes both exactly
 * (its weights spread over the pool's windows, a convolution's stride and padding multiplied by the window,
 * {@link SumPoolFold}), with a note. A neuron node after a dense node may feed itself back
 * through one Affine/Linear node: the dense layer is {@code recurrent}, its {@code weight_rec} the cycle's weight
 * in [from, to], an Affine's bias added to the layer's (SEMANTICS.md, "Recurrent layers"). Everything else (other
 * node types such as CubaLI or Delay; fan-in, fan-out, other cycles; nodes off the chain; parameters that differ
 * between the neurons of a node) is refused with one {@link ImportException} that lists every such node and feature of
 * the file ({@link NirSupport}); nothing is dropped silently.
 * <p>
 * Weight nodes become layers labelled with the node's name; their weights are stored in Volr's layouts (dense
 * [in, out], conv2d [out, in, kh, kw]). The first neuron node is the experiment's neuron ({@link Result#neuron()});
 * a node of the same model whose threshold differs has the difference folded into its layer's weights when it has
 * no leak (the spikes stay the same, as v is linear in the input), and any other node that differs gives its layer
 * a neuron clause of its own. For IF, NIR's {@code r} folds into the threshold. The {@code v_reset} of IF and LIF is
 * read when it is 0 (NIR's default) and refused otherwise ({@link NirSupport}).
 * <p>
 * NIR stores no time step, so a graph is read for one ({@link NirTime}: dt and the discretisation, by default the NIR
 * paper's 0.1 ms with forward Euler), a spike being the value 1 during its step (SEMANTICS.md, "Time in NIR graphs").
 * Volr's leaky neurons take a spike's weight as a jump (into v, or into CubaLIF's synaptic charge), so each LIF, LI and
 * CubaLIF node has its input gain for that step (r·dt/tau or r·(1 − e^(−dt/tau)) for LIF and LI, r·w_in·dt/tau_mem for
 * CubaLIF) folded into every weight entering its layer (weight, bias, recurrent weight): its dynamics are linear in
 * the input current, so the membrane trace stays NIR's. An LI output is read by its membrane ({@link Result#readout()}).
 * Every rewrite is listed in the notes.
 * Neurons become {@code neuron CubaLIF { tau_m .. ms, tau_syn_E .. ms, tau_syn_I .. ms, v_thresh .., v_rest .. }}
 * and the like (see {@link NeuronClause}; {@link Result#neuronModel()} for the experiment, the same text in the notes).
 */
public final class NirReader {
	private static final VolrFactory F = VolrFactory.eINSTANCE;

	/**
	 * The imported model and the common neuron of its populations (IF/LIF with r folded away: r = 1; CubaLIF with
	 * r = tau_mem, w_in = 1), and the readout its output needs (membrane_max for an LI output; null: spikes).
	 */
	public record Result(ImportedModel model, NirNeuron neuron, Readout readout) {
		/** A network read out by its spikes (the experiment's default readout). */
		public Result(ImportedModel model, NirNeuron neuron) {
			this(model, neuron, null);
		}

		/** The neuron as the {@code neuron} clause of a Volr experiment. */
		public NeuronModel neuronModel() {
			return NeuronClause.model(neuron);
		}
	}

	private final Path file;
	private final NirGraph graph;
	private final NirTime time;
	private final List<String> notes = new ArrayList<>();
	private final Labels labels = new Labels();

	private NirReader(Path file, NirGraph graph, NirTime time) {
		this.file = file;
		this.graph = graph;
		this.time = time;
	}

	/** The graph read for the NIR paper's step, 0.1 ms, with forward Euler ({@link NirTime#PAPER}). */
	public static ImportedModel read(Path file, String networkName) throws ImportException {
		return readWithNeuron(file, networkName).model();
	}

	/** The graph read for the NIR paper's step, 0.1 ms, with forward Euler ({@link NirTime#PAPER}). */
	public static Result readWithNeuron(Path file, String networkName) throws ImportException {
		return readWithNeuron(file, networkName, NirTime.PAPER);
	}

	/**
	 * The graph read for a run with the given time step and discretisation: the input gains of its leaky nodes depend
	 * on both (SEMANTICS.md, "Time in NIR graphs"), so the network's weights hold for that run only.
	 */
	public static Result readWithNeuron(Path file, String networkName, NirTime time) throws ImportException {
		NirGraph graph = NirGraphReader.read(file);
		try {
			return new NirReader(file, graph, time).read(networkName);
		} catch (RuntimeException | StackOverflowError e) {
			// a file can break an assumption of the mapping that the checks before it did not foresee: its error, not a crash
			throw ImportException.damaged(file, "not a readable NIR graph", e);
		}
	}

	private Result read(String networkName) throws ImportException {
		if (graph.version() != null)
			notes.add("NIR file version " + graph.version());
		notes.add(timeNote());
		notes.addAll(graph.warnings());
		List<String> problems = NirSupport.problems(graph, time);
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
		SumPoolFold fold = null; // a SumPool2d without neurons, to be folded into the next weight node
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
				if (fold != null) {
					if (ws[1] != fold.pooledSize())
						throw new ImportException(file, "node '" + n + "' (" + type + ") reads " + ws[1] + " values, but the map pooled by '"
								+ fold.node + "' (SumPool2d) before it has " + fold.pooledSize());
					w = fold.denseWeight(w);
					notes.add("node '" + fold.node + "' (SumPool2d, " + fold.window() + ") has no neurons after it: folded into '" + n + "' ("
							+ type + "), each weight of a pooled value given to the " + fold.window() + " values it sums (layer '" + label
							+ "' reads the flattened map before the pool, " + fold.channels + "×" + fold.height + "×" + fold.width + ")");
					fold = null;
				}
				store.put(WeightKeys.weight(label), inOut(w));
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
				int[] stride = ints(g, "stride"), dil = ints(g, "dilation"), pad;
				if (g.texts().get("padding") instanceof String s) {
					if (fold != null && s.equals("same"))
						throw new ImportException(file, "node '" + fold.node + "' (SumPool2d) has no neurons after it and cannot be folded into '"
								+ n + "' (Conv2d), whose padding is 'same'; Volr folds a pool into a convolution of numeric padding");
					c.setPadding(s.equals("same") ? Padding.SAME : Padding.VALID);
					pad = new int[2];
				} else {
					c.setPadding(Padding.VALID);
					pad = ints(g, "padding");
				}
				if (fold != null) {
					// one convolution on the pool's input: kernel spread over k×k blocks, stride and padding times k
					String why = fold.convRefusal();
					if (why != null)
						throw new ImportException(file, "node '" + fold.node + "' (SumPool2d) has no neurons after it and cannot be folded into '"
								+ n + "' (Conv2d): " + why);
					int[] k = { fold.kh, fold.kw };
					w = fold.convWeight(w, dil[0], dil[1]);
					for (int i = 0; i < 2; i++) {
						stride[i] *= k[i];
						pad[i] *= k[i];
						dil[i] = 1;
					}
					notes.add("node '" + fold.node + "' (SumPool2d, " + fold.window() + ") has no neurons after it: folded into '" + n
							+ "' (Conv2d), one convolution on the pool's input with each kernel entry spread over a " + fold.window()
							+ " block: kernel " + w.shape()[2] + "×" + w.shape()[3] + ", stride " + stride[0] + "×" + stride[1] + ", padding "
							+ pad[0] + "×" + pad[1]);
					fold = null;
				}
				c.getKernel().addAll(collapse(new int[] { w.shape()[2], w.shape()[3] }));
				if (Arrays.stream(stride).anyMatch(v -> v != 1))
					c.getStride().addAll(collapse(stride));
				if (Arrays.stream(dil).anyMatch(v -> v != 1))
					c.getDilation().addAll(collapse(dil));
				if (Arrays.stream(pad).anyMatch(v -> v != 0))
					c.getPadAmount().addAll(collapse(pad));
				store.put(WeightKeys.weight(label), w);
				store.put(WeightKeys.bias(label), tensor(g, "bias"));
				pending = add(block, network, c, n, type);
			}
			case "AvgPool2d", "SumPool2d" -> {
				if (type.equals("SumPool2d") && !graph.forwardSuccessors(n).stream().allMatch(m -> NirSupport.NEURONS.contains(type(m)))) {
					// no neurons after it: NirSupport found a layer after it to fold it into (SumPoolFold)
					int[] k = ints(g, "kernel_size"), s = ints(g, "stride"), pad = ints(g, "padding"), in = currentShape(network, block);
					String why = SumPoolFold.refusal(k, s, pad, in);
					if (why != null)
						throw new ImportException(file, "node '" + n + "' (SumPool2d) has no neurons after it and cannot be folded into the"
								+ " layer after it: " + why);
					fold = new SumPoolFold(n, k[0], k[1], in);
					break;
				}
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
			case "IF", "LIF", "CubaLIF", "LI" -> {
				if (pending == null)
					throw new ImportException(file, "neuron node '" + n + "' (" + type + ") follows '" + cur + "' ("
							+ type(cur) + "), not a dense, convolution or pooling node");
				neurons.add(neuron(g, pending));
				for (List<String> cycle : graph.cycles())
					if (cycle.contains(n))
						recurrent(pending, cycle, n, store);
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
		// an LI output never fires: the experiment reads the class from its highest membrane (SEMANTICS.md, "Leaky integrators")
		boolean membrane = neurons.get(neurons.size() - 1).node().type().equals("LI");
		if (membrane)
			notes.add("the output is LI (it never fires): the experiment reads it by its membrane, simulate { readout membrane_max }");
		return new Result(new ImportedModel(network, store, notes), common, membrane ? Readout.MEMBRANE_MAX : null);
	}

	/** The shape the chain has reached: the last layer's output, or the network's input. */
	private static int[] currentShape(Network network, Block block) {
		if (block.getSteps().isEmpty())
			return network.getInput().getDims().stream().mapToInt(Integer::intValue).toArray();
		return ShapeInference.of(network).typeOf(block.getSteps().get(block.getSteps().size() - 1)).out().dims();
	}

	/** Why the weights below hold for one time step, and which. */
	private String timeNote() {
		String dt = NeuronClause.number(time.dtMillis());
		return "NIR stores no time step: the graph is read for dt = " + dt + " ms with " + (time.euler() ? "forward Euler" : "exact")
				+ " integration (simulate { dt " + dt + " ms, discretisation " + time.discretisation().getLiteral() + " }), a spike being the"
				+ " value 1 during its step as snnTorch, Norse and Lava-dl feed it; the input gains of leaky nodes folded into the weights"
				+ " hold for that step only (volr import --dt, --discretisation)";
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
		NirNeuronNode node = NirNeuronNode.of(g, time, problems);
		if (node == null)
			throw new ImportException(file, NirSupport.message(problems));
		if (node.hasReset())
			notes.add("node '" + g.name() + "' (" + g.type() + "): v_reset = " + node.vReset() + " (reset to a value) is not carried over;"
					+ " Volr's reset mode is set by the experiment's conversion block");
		return new Neurons(node, layer);
	}

	/** NIR's dense weight [out, in] in Volr's layout [in, out] (for a recurrent weight: [from, to]). */
	private static FloatTensor inOut(FloatTensor w) {
		int[] ws = w.shape();
		float[] t = new float[ws[0] * ws[1]];
		for (int o = 0; o < ws[0]; o++)
			for (int i = 0; i < ws[1]; i++)
				t[i * ws[0] + o] = w.data()[o * ws[1] + i];
		return new FloatTensor(new int[] { ws[1], ws[0] }, t);
	}

	/**
	 * A cycle through the neuron node n (NirSupport let through only an Affine/Linear node of square weights between
	 * n and itself, after a dense node): the dense layer reads its own spikes of the step before through the cycle's
	 * weight (SEMANTICS.md, "Recurrent layers"). An Affine's bias is added every step, as the layer's is, so the two
	 * biases are one.
	 */
	private void recurrent(Layer layer, List<String> cycle, String n, WeightStore store) throws ImportException {
		String rec = cycle.get(0).equals(n) ? cycle.get(1) : cycle.get(0);
		Node r = graph.node(rec);
		if (!(layer instanceof Dense d))
			throw new ImportException(file, "node " + r.describe() + " feeds neuron node '" + n + "' back into itself, but '" + n
					+ "' follows a " + type(n) + " node; Volr's recurrent layers are dense layers");
		FloatTensor w = tensor(r, "weight");
		if (!Arrays.equals(w.shape(), new int[] { d.getUnits(), d.getUnits() }))
			throw new ImportException(file, "node " + r.describe() + " feeds neuron node '" + n + "' back into itself with a weight of shape "
					+ Arrays.toString(w.shape()) + "; its layer '" + d.getLabel() + "' has " + d.getUnits() + " neurons, so [" + d.getUnits()
					+ ", " + d.getUnits() + "] was expected");
		d.setRecurrent(true);
		String label = d.getLabel();
		store.put(WeightKeys.recurrent(label), inOut(w));
		notes.add("node " + r.describe() + " feeds '" + n + "' back into itself: layer '" + label + "' is recurrent, its weights "
				+ WeightKeys.recurrent(label) + " [from, to]");
		if (r.type().equals("Affine")) {
			FloatTensor b = tensor(r, "bias");
			String key = WeightKeys.bias(label);
			float[] sum = store.contains(key) ? store.get(key).data().clone() : new float[b.data().length];
			for (int i = 0; i < sum.length; i++)
				sum[i] += b.data()[i];
			store.put(key, new FloatTensor(new int[] { sum.length }, sum));
			notes.add("warning: the bias of node " + r.describe() + " is added to the bias of layer '" + label + "' (both are added every"
					+ " step)");
		}
	}

	/**
	 * One neuron for the network: the first node's, IF with r folded into its threshold; the others folded into weights
	 * where they differ in threshold only, else the neuron clause of their layer. A leaky node's input gain for the
	 * step (r·dt/tau or r·(1 − e^(−dt/tau)) for LIF and LI, r·w_in·dt/tau_mem for CubaLIF; {@link NirNeuronNode}) is
	 * folded into every weight entering its layer (its weights, bias and recurrent weights; per neuron for a dense layer
	 * whose time constants differ between neurons): the node's dynamics are linear in its input current, so its membrane
	 * trace stays the same (SEMANTICS.md, "Time in NIR graphs").
	 */
	private NirNeuron unify(List<Neurons> neurons, WeightStore store) throws ImportException {
		if (neurons.isEmpty())
			throw new ImportException(file, "the graph has no neuron nodes");
		NirNeuronNode first = neurons.get(0).node();
		float threshold = threshold(neurons.get(0), store);
		if (first.type().equals("IF") && first.r() != 1f)
			notes.add("neuron node '" + first.name() + "' has r = " + first.r() + ": the common threshold is v_threshold / r = " + threshold);
		for (Neurons population : neurons) {
			NirNeuronNode n = population.node();
			String label = population.layer().getLabel();
			if (gainInThreshold(population, store))
				notes.add("neuron node '" + n.name() + "' (" + n.type() + "): its input gain " + n.gainFormula(time) + " = " + (float) n.gains()[0]
						+ " at dt = " + NeuronClause.number(time.dtMillis()) + " ms divides its threshold (its input node '" + label
						+ "' has no weights to carry it, and without v_leak and v_reset the spikes are the same)");
			else if (n.folds())
				foldGain(n, population.layer(), store);
			for (var p : n.perNeuron().entrySet()) {
				float[] values = p.getValue();
				store.put(WeightKeys.parameter(label, p.getKey()), new FloatTensor(new int[] { values.length }, values));
				notes.add("neuron node '" + n.name() + "': " + p.getKey() + " differs between neurons, given per neuron in "
						+ WeightKeys.parameter(label, p.getKey()));
			}
			float own = threshold(population, store);
			boolean foldable = n.vLeak() == 0f && n.vReset() == 0f && !n.variesPerNeuron() && store.contains(WeightKeys.weight(label));
			if (n.sameModel(first) && (own == threshold || foldable)) {
				if (own == threshold)
					continue;
				float factor = threshold / own;
				scale(store, label, new double[] { factor });
				notes.add("neuron node '" + n.name() + "': " + n.thresholdName() + " " + own + " folded into the weights of '" + label + "' (x"
						+ factor + ")");
				continue;
			}
			NirNeuron mine = neuron(n, own);
			population.layer().setNeuron(NeuronClause.model(mine));
			notes.add("neuron node '" + n.describe() + " differs from '" + first.describe() + ": layer '" + label + "' has a neuron of its"
					+ " own, " + NeuronClause.text(mine));
		}
		NirNeuron common = neuron(first, threshold);
		notes.add("neurons: " + first.type() + " with threshold " + threshold
				+ (first.type().equals("LIF") ? ", tau " + first.tau() + " s, v_leak " + first.vLeak() : "")
				+ (first.cuba() ? ", tau_mem " + first.tau() + " s, tau_syn " + first.tauSyn() + " s, v_leak " + first.vLeak() : "")
				+ "; in the experiment: " + NeuronClause.text(common));
		return common;
	}

	/**
	 * True if the input gain of a node after a layer without weights (pooling) goes into its threshold instead: v is
	 * linear in the input, so with v_leak and v_reset 0 dividing the threshold by the gain gives the same spikes (the
	 * membrane on another scale). LI has no threshold.
	 */
	private static boolean gainInThreshold(Neurons p, WeightStore store) {
		NirNeuronNode n = p.node();
		return n.folds() && !store.contains(WeightKeys.weight(p.layer().getLabel())) && !n.type().equals("LI") && n.vLeak() == 0f
				&& n.vReset() == 0f && n.uniformGain() && !n.variesPerNeuron();
	}

	/** A population's threshold on Volr's scale: IF's r folded in, or the gain of {@link #gainInThreshold}. */
	private static float threshold(Neurons p, WeightStore store) {
		float t = p.node().scaledThreshold();
		return gainInThreshold(p, store) ? (float) (t / p.node().gains()[0]) : t;
	}

	/**
	 * Multiplies the weights entering the layer of node n by its input gains: one factor for the layer, or one per
	 * neuron (a column of a dense layer's weights). A layer without weights (pooling) has nothing to carry a gain.
	 */
	private void foldGain(NirNeuronNode n, Layer layer, WeightStore store) throws ImportException {
		String label = layer.getLabel();
		String formula = n.gainFormula(time);
		if (!store.contains(WeightKeys.weight(label)))
			throw new ImportException(file, "neuron node '" + n.name() + "' (" + n.type() + ") has the input gain " + formula + " = "
					+ (float) n.gains()[0] + " at dt = " + NeuronClause.number(time.dtMillis()) + " ms, and its input node '" + label + "' has no"
					+ " weights to fold it into (Volr's " + n.type() + " passes each spike's weight to the membrane in full; with v_leak and"
					+ " v_reset 0 it would divide the threshold instead)");
		if (!n.uniformGain() && !(layer instanceof Dense))
			throw new ImportException(file, "neuron node '" + n.name() + "' (" + n.type() + ") has time constants that differ between its"
					+ " neurons, so its input gain " + formula + " does too; Volr folds such gains into a dense layer's weights only, and its"
					+ " input node '" + label + "' is not dense");
		scale(store, label, n.gains());
		notes.add("neuron node '" + n.name() + "' (" + n.type() + "): its input gain " + formula + " = "
				+ (n.uniformGain() ? String.valueOf((float) n.gains()[0]) : "one value per neuron") + " at dt = "
				+ NeuronClause.number(time.dtMillis()) + " ms is folded into the weights entering layer '" + label + "'");
	}

	/** Node n as Volr's neuron, with the given threshold (on Volr's scale: r folded in). */
	private static NirNeuron neuron(NirNeuronNode n, float threshold) {
		return switch (n.type()) {
		case "IF" -> NirNeuron.ifNeuron(threshold);
		case "LIF" -> NirNeuron.lif(n.tau(), threshold, n.vLeak());
		case "LI" -> NirNeuron.li(n.tau(), n.vLeak());
		default -> NirNeuron.cubaLif(n.tau(), n.tauSyn(), threshold, n.vLeak(), n.vReset());
		};
	}

	/**
	 * Multiplies every weight entering layer label (weights, bias, recurrent weights) by factors: one for all, or one
	 * per neuron of a dense layer (the last axis of its [in, out] weights and [from, to] recurrent weights, its bias).
	 */
	private static void scale(WeightStore store, String label, double[] factors) {
		for (String key : new String[] { WeightKeys.weight(label), WeightKeys.bias(label), WeightKeys.recurrent(label) })
			if (store.contains(key)) {
				FloatTensor t = store.get(key);
				float[] d = t.data().clone();
				for (int i = 0; i < d.length; i++)
					d[i] = (float) (d[i] * factors[factors.length == 1 ? 0 : i % factors.length]);
				store.put(key, new FloatTensor(t.shape(), d));
			}
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
