package org.volr.gen.nir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.volr.convert.ImportException;
import org.volr.convert.ImportedModel;
import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;
import org.volr.gen.nir.NirGraph.Node;
import org.volr.model.Dense;
import org.volr.model.Layer;
import org.volr.model.NeuronModel;
import org.volr.model.Readout;
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
 * in [from, to], an Affine's bias added to the layer's (SEMANTICS.md, "Recurrent layers"). A Scale node between an
 * Affine/Linear or Conv2d node and its neurons is folded into that node's weights and bias ({@link NirChain#scale}). Everything
 * else (other node types such as CubaLI, Threshold or Delay, a Scale elsewhere; fan-in, fan-out, other cycles; nodes off the chain; parameters that differ
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
 * The walk along the chain is here; the layers are made by {@link NirChain}, the neurons made one by
 * {@link NirNeuronUnifier}, and the nodes' fields read by {@link NodeFields}.
 * Neurons become {@code neuron CubaLIF { tau_m .. ms, tau_syn_E .. ms, tau_syn_I .. ms, v_thresh .., v_rest .. }}
 * and the like (see {@link NeuronClause}; {@link Result#neuronModel()} for the experiment, the same text in the notes).
 */
public final class NirReader {

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
	private final NodeFields fields;

	private NirReader(Path file, NirGraph graph, NirTime time) {
		this.file = file;
		this.graph = graph;
		this.time = time;
		this.fields = new NodeFields(file, graph);
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

		NirChain chain = new NirChain(file, graph, fields, notes, networkName, inputShape(input));
		NirNeuronUnifier unifier = new NirNeuronUnifier(file, time, notes);
		List<NirNeuronUnifier.Neurons> neurons = new ArrayList<>();
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
				throw new ImportException(file, "node '" + cur + "' (" + fields.type(cur) + ") has no outgoing edge and is not an Output node");
			String n = next.get(0);
			String type = fields.type(n);
			if (!visited.add(n))
				throw new ImportException(file, "node '" + n + "' (" + type + ") is reached twice: the graph is recurrent");
			Node g = graph.node(n);
			if (pending != null && !NirSupport.NEURONS.contains(type) && !type.equals("Scale"))
				throw new ImportException(file, "node '" + pendingNode + "' (" + fields.type(pendingNode) + ") is followed by '" + n
						+ "' (" + type + ") instead of a neuron node (IF, LIF or CubaLIF); in Volr every dense, convolution and pooling"
						+ " layer has its own neurons");
			switch (type) {
			case "Affine", "Linear" -> pending = chain.linear(n, type, g);
			case "Conv2d" -> pending = chain.conv(n, g);
			case "AvgPool2d", "SumPool2d" -> pending = chain.pool(n, type, g);
			case "Flatten" -> chain.flatten(n, g);
			case "Scale" -> chain.scale(n, g, pending); // NirSupport let through only a Scale between a dense or conv node and neurons
			case "IF", "LIF", "CubaLIF", "LI" -> {
				if (pending == null)
					throw new ImportException(file, "neuron node '" + n + "' (" + type + ") follows '" + cur + "' ("
							+ fields.type(cur) + "), not a dense, convolution or pooling node");
				neurons.add(neuron(g, pending));
				for (List<String> cycle : graph.cycles())
					if (cycle.contains(n))
						recurrent(pending, cycle, n, chain.store());
				pending = null;
			}
			case "Output" -> {
				chain.output(n, g);
				ended = true;
			}
			default -> throw new ImportException(file, "node '" + n + "' (" + type + ") is not supported; " + NirSupport.SUPPORTED);
			}
			cur = n;
			if (pending != null)
				pendingNode = n;
		}
		if (chain.isEmpty())
			throw new ImportException(file, "the graph has no layers");
		NirNeuron common = unifier.unify(neurons, chain.store());
		// an LI output never fires: the experiment reads the class from its highest membrane (SEMANTICS.md, "Leaky integrators")
		boolean membrane = neurons.get(neurons.size() - 1).node().type().equals("LI");
		if (membrane)
			notes.add("the output is LI (it never fires): the experiment reads it by its membrane, simulate { readout membrane_max }");
		return new Result(new ImportedModel(chain.network(), chain.store(), notes), common, membrane ? Readout.MEMBRANE_MAX : null);
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
		int[] declared = fields.ints(graph.node(input), "shape");
		Node next = graph.node(graph.successors(input).isEmpty() ? input : graph.successors(input).get(0));
		if ((next.type().equals("Affine") || next.type().equals("Linear")) && next.has("weight") && next.field("weight").shape().length == 2) {
			int reads = next.field("weight").shape()[1];
			if (Arrays.stream(declared).reduce(1, (a, b) -> a * b) != reads)
				return new int[] { reads };
		}
		return declared;
	}

	private NirNeuronUnifier.Neurons neuron(Node g, Layer layer) throws ImportException {
		List<String> problems = new ArrayList<>();
		NirNeuronNode node = NirNeuronNode.of(g, time, problems);
		if (node == null)
			throw new ImportException(file, NirSupport.message(problems));
		if (node.hasReset())
			notes.add("node '" + g.name() + "' (" + g.type() + "): v_reset = " + node.vReset() + " (reset to a value) is not carried over;"
					+ " Volr's reset mode is set by the experiment's conversion block");
		return new NirNeuronUnifier.Neurons(node, layer);
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
					+ "' follows a " + fields.type(n) + " node; Volr's recurrent layers are dense layers");
		FloatTensor w = fields.tensor(r, "weight");
		if (!Arrays.equals(w.shape(), new int[] { d.getUnits(), d.getUnits() }))
			throw new ImportException(file, "node " + r.describe() + " feeds neuron node '" + n + "' back into itself with a weight of shape "
					+ Arrays.toString(w.shape()) + "; its layer '" + d.getLabel() + "' has " + d.getUnits() + " neurons, so [" + d.getUnits()
					+ ", " + d.getUnits() + "] was expected");
		d.setRecurrent(true);
		String label = d.getLabel();
		store.put(WeightKeys.recurrent(label), NirChain.inOut(w));
		notes.add("node " + r.describe() + " feeds '" + n + "' back into itself: layer '" + label + "' is recurrent, its weights "
				+ WeightKeys.recurrent(label) + " [from, to]");
		if (r.type().equals("Affine")) {
			FloatTensor b = fields.tensor(r, "bias");
			String key = WeightKeys.bias(label);
			float[] sum = store.contains(key) ? store.get(key).data().clone() : new float[b.data().length];
			for (int i = 0; i < sum.length; i++)
				sum[i] += b.data()[i];
			store.put(key, new FloatTensor(new int[] { sum.length }, sum));
			notes.add("warning: the bias of node " + r.describe() + " is added to the bias of layer '" + label + "' (both are added every"
					+ " step)");
		}
	}
}
