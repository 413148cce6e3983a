package org.volr.gen.nir;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.volr.gen.nir.NirGraph.Node;

/**
 * What of a NIR graph Volr cannot express, all of it at once: a user who exports from snnTorch or Rockpool learns
 * every node to change from one message, not one per attempt. Each problem names its node(s). {@link NirReader}
 * maps a graph only when this finds nothing.
 * <p>
 * A cycle of one neuron node and one dense node after a dense node is a recurrent dense layer, and neuron nodes that
 * differ from each other get neuron clauses of their own: neither is a problem here ({@link #recurrence},
 * {@link #neurons}), nor are time constants and v_leak that differ between the neurons of a node (per-neuron
 * parameters, {@link NirNeuronNode}). Other cycles, other parameters that differ between the neurons of a node and
 * LI nodes (the leaky integrator readout, {@link #unsupported}) are refused here by name. A SumPool2d node without
 * neurons after it is no problem either when it folds into the layer after it ({@link #foldsInto}, {@link SumPoolFold}),
 * nor a Scale node that folds into the Affine/Linear node before it ({@link #scaleFolds}); Threshold and Delay nodes
 * are refused saying what Volr would need for them (SEMANTICS.md, "Scale, Threshold and Delay in NIR graphs").
 */
final class NirSupport {
	/** The node types of a chain that Volr reads today. */
	static final Set<String> READ = Set.of("Input", "Affine", "Linear", "Conv2d", "AvgPool2d", "SumPool2d", "Flatten", "IF", "LIF",
			"CubaLIF", "LI", "Output");
	static final String SUPPORTED = "Volr reads Input, Affine, Linear, Conv2d, AvgPool2d, SumPool2d, Flatten, IF, LIF, CubaLIF, LI"
			+ " and Output nodes";
	/** Nodes whose units need neurons of their own in Volr. */
	static final Set<String> SYNAPSES = Set.of("Affine", "Linear", "Conv2d", "AvgPool2d", "SumPool2d");
	static final Set<String> NEURONS = Set.of("IF", "LIF", "CubaLIF", "LI");

	private final NirGraph graph;
	/** The step the neuron nodes are read for: their input gains and Euler's rule for dt depend on it. */
	private final NirTime time;
	private final List<String> problems = new ArrayList<>();

	private NirSupport(NirGraph graph, NirTime time) {
		this.graph = graph;
		this.time = time;
	}

	/**
	 * Every problem of the graph for Volr read for the step time, in a stable order (node types, structure, neurons);
	 * empty if it maps.
	 */
	static List<String> problems(NirGraph graph, NirTime time) {
		NirSupport s = new NirSupport(graph, time);
		s.unsupported();
		s.inputs();
		s.recurrence();
		s.branches();
		s.neighbours();
		s.unreached();
		s.neurons();
		return s.problems;
	}

	/** The refusal for a list of problems: one as it is, several counted and joined. */
	static String message(List<String> problems) {
		boolean types = problems.stream().anyMatch(p -> p.contains("is not supported") || p.contains("has no readable 'type'"));
		String tail = types ? (problems.size() == 1 ? "; " : ". ") + SUPPORTED : "";
		if (problems.size() == 1)
			return problems.get(0) + tail;
		return problems.size() + " problems: " + String.join("; ", problems) + tail;
	}

	private Node node(String n) {
		return graph.node(n);
	}

	private boolean read(String n) {
		return READ.contains(node(n).type());
	}

	private void unsupported() {
		for (String n : new TreeSet<>(graph.nodes().keySet())) {
			String type = node(n).type();
			if (READ.contains(type) || type.equals("Scale") && scaleFolds(n))
				continue;
			problems.add(switch (type) {
			case "?" -> "node '" + n + "' has no readable 'type'";
			case "CubaLI" -> "node '" + n + "' (" + type + ") is not supported: a leaky integrator behind a synaptic current (Volr's"
					+ " leaky integrator is LI)";
			case "Scale" -> "node " + node(n).describe() + " is not supported here: Volr folds a Scale into the weights and bias of the"
					+ " one Affine or Linear node before it, of as many outputs (or Conv2d node, of as many channels), when a neuron node"
					+ " follows it (SEMANTICS.md, \"Scale,"
					+ " Threshold and Delay in NIR graphs\"); it follows " + describe(graph.forwardPredecessors(n)) + " and feeds "
					+ describe(graph.forwardSuccessors(n));
			case "Threshold" -> "node " + node(n).describe() + " is not supported: a memoryless Heaviside H(x − θ) of each step's input;"
					+ " Volr's neurons keep their membrane from step to step, so it would need a neuron model without a membrane";
			case "Delay" -> "node " + node(n).describe() + " is not supported: a delay of its own on one projection (NIR's"
					+ " y(t) = x(t − τ)); Volr delays every projection of a run alike (simulate { delay d }) and a recurrent edge by"
					+ " its own steps, so it would need a delay per projection";
			default -> "node '" + n + "' (" + type + ") is not supported";
			});
		}
	}

	private void inputs() {
		List<String> inputs = graph.ofType("Input");
		if (inputs.size() != 1)
			problems.add("expected one Input node, found " + inputs);
	}

	/**
	 * Each cycle, named at the node it is entered by, unless it is a recurrent dense layer (NirReader reads it: the
	 * layer 'recurrent', its weight_rec the cycle's dense weight transposed to [from, to]).
	 */
	private void recurrence() {
		for (List<String> cycle : graph.cycles()) {
			String entry = cycle.stream().filter(n -> graph.predecessors(n).stream().anyMatch(p -> !cycle.contains(p))).findFirst()
					.orElse(cycle.get(0));
			if (recurrentDense(cycle, entry))
				continue;
			List<String> in = graph.predecessors(entry).stream().sorted().toList();
			List<String> back = in.stream().filter(cycle::contains).toList();
			problems.add("node " + node(entry).describe() + " has " + in.size() + " inputs " + in + ": the nodes " + cycle
					+ " form a cycle, a recurrent connection through " + back + "; Volr's recurrent layers are a dense layer whose"
					+ " neurons (IF, LIF or CubaLIF) also read their own spikes through one Affine or Linear node of the same size");
		}
	}

	/**
	 * True if the cycle is a recurrent dense layer as Volr has it: an IF/LIF/CubaLIF node fed by one Affine/Linear
	 * node from outside the cycle, and one Affine/Linear node of square weights between the neuron node and itself.
	 */
	private boolean recurrentDense(List<String> cycle, String entry) {
		if (cycle.size() != 2 || !NEURONS.contains(node(entry).type()))
			return false;
		String other = cycle.get(0).equals(entry) ? cycle.get(1) : cycle.get(0);
		List<String> feeding = graph.forwardPredecessors(entry);
		return dense(other) && node(other).has("weight") && node(other).field("weight").shape().length == 2
				&& node(other).field("weight").shape()[0] == node(other).field("weight").shape()[1] && feeding.size() == 1
				&& (dense(feeding.get(0)) || node(feeding.get(0)).type().equals("Scale") && scaleFolds(feeding.get(0)));
	}

	/**
	 * True if the Scale node n folds into the weights of the node before it: one Affine/Linear node of 2-D weights, or
	 * Conv2d node, with as many outputs (channels) as n scales (or one scale for all) before it, one neuron node after
	 * it. The neurons then read s·(W·x + b) = (s·W)·x + s·b, the same input (NirChain#scale).
	 */
	boolean scaleFolds(String n) {
		List<String> in = graph.forwardPredecessors(n), out = graph.forwardSuccessors(n);
		if (in.size() != 1 || out.size() != 1 || !(dense(in.get(0)) || node(in.get(0)).type().equals("Conv2d"))
				|| !NEURONS.contains(node(out.get(0)).type()))
			return false;
		Node w = node(in.get(0)), s = node(n);
		if (!w.has("weight") || w.field("weight").shape().length != (dense(in.get(0)) ? 2 : 4) || !s.has("scale"))
			return false;
		int size = s.field("scale").size();
		return size == 1 || size == w.field("weight").shape()[0];
	}

	private String describe(List<String> names) {
		if (names.isEmpty())
			return "nothing";
		return String.join(", ", sorted(names).stream().map(m -> node(m).describe()).toList());
	}

	private boolean dense(String n) {
		return node(n).type().equals("Affine") || node(n).type().equals("Linear");
	}

	/** Fan-out and fan-in outside cycles: Volr reads chains (parallel branches are the writer's lowering, not read back). */
	private void branches() {
		for (String n : new TreeSet<>(graph.nodes().keySet())) {
			List<String> out = sorted(graph.forwardSuccessors(n)), in = sorted(graph.forwardPredecessors(n));
			if (out.size() > 1)
				problems.add("node " + node(n).describe() + " fans out to " + out + "; Volr reads chains of nodes only");
			if (in.size() > 1)
				problems.add("node " + node(n).describe() + " has " + in.size() + " inputs " + in + " (a merging graph); Volr reads chains"
						+ " of nodes only");
		}
	}

	private static List<String> sorted(List<String> names) {
		return names.stream().sorted().toList();
	}

	/** In Volr every dense, convolution and pooling layer has its own neurons, and neurons follow such a layer. */
	private void neighbours() {
		for (String n : new TreeSet<>(graph.nodes().keySet())) {
			if (!read(n))
				continue;
			String type = node(n).type();
			for (String m : graph.forwardSuccessors(n))
				if (SYNAPSES.contains(type) && read(m) && !NEURONS.contains(node(m).type()) && !foldsInto(n, m))
					problems.add("node '" + n + "' (" + type + ") is followed by '" + m + "' (" + node(m).type() + ") instead of a neuron"
							+ " node (IF, LIF or CubaLIF); in Volr every dense, convolution and pooling layer has its own neurons"
							+ (type.equals("SumPool2d") ? " (a SumPool2d without neurons is folded into a Conv2d, or a Flatten then Affine or"
									+ " Linear, after it)" : ""));
			if (NEURONS.contains(type))
				for (String m : graph.forwardPredecessors(n))
					if (read(m) && !SYNAPSES.contains(node(m).type()))
						problems.add("neuron node '" + n + "' (" + type + ") follows '" + m + "' (" + node(m).type() + "), not a dense,"
								+ " convolution or pooling node");
		}
	}

	/**
	 * True if the SumPool2d node n, followed by m instead of neurons, folds into the layer after it ({@link SumPoolFold}):
	 * m is a Conv2d, or a Flatten followed by one Affine or Linear node.
	 */
	private boolean foldsInto(String n, String m) {
		if (!node(n).type().equals("SumPool2d"))
			return false;
		String type = node(m).type();
		if (type.equals("Conv2d"))
			return true;
		List<String> after = graph.forwardSuccessors(m);
		return type.equals("Flatten") && after.size() == 1 && dense(after.get(0));
	}

	/** Nodes the input does not reach are not part of the network. */
	private void unreached() {
		Set<String> reached = new LinkedHashSet<>(order());
		for (String n : new TreeSet<>(graph.nodes().keySet()))
			if (!reached.contains(n))
				problems.add("node " + node(n).describe() + " is not on the chain from the input to the output; Volr reads chains of nodes"
						+ " only");
	}

	/** The nodes reached from the Input nodes, breadth first (successors in name order). */
	private List<String> order() {
		List<String> seen = new ArrayList<>();
		Deque<String> queue = new ArrayDeque<>(new TreeSet<>(graph.ofType("Input")));
		Set<String> done = new LinkedHashSet<>(queue);
		while (!queue.isEmpty()) {
			String n = queue.poll();
			seen.add(n);
			for (String m : new TreeSet<>(graph.successors(n)))
				if (done.add(m))
					queue.add(m);
		}
		return seen;
	}

	/**
	 * An IF or LIF node's v_reset other than 0: NIR sets the membrane to it after a spike, which the experiment an
	 * import writes does not express (its reset is the conversion block's, by subtraction unless it says zero, and
	 * its neuron clause has no v_reset), so it is refused rather than dropped. v_reset = 0, NIR's default, is read
	 * (with a note on the reset, NirReader).
	 */
	private void resetPotential(Node g) {
		if (!(g.type().equals("IF") || g.type().equals("LIF")) || !g.has("v_reset"))
			return;
		for (double v : g.field("v_reset").values())
			if (v != 0) {
				problems.add("node " + g.describe() + " has v_reset = " + (float) v + "; NIR sets the membrane to v_reset after a spike, and"
						+ " Volr reads IF and LIF nodes that reset to 0 only (its reset is set by the experiment's conversion block)");
				return;
			}
	}

	/**
	 * Each neuron node as Volr's neuron. Nodes that differ from each other need not agree: NirReader gives a layer
	 * whose neurons differ from the first node's a neuron clause of its own.
	 */
	private void neurons() {
		for (String n : order())
			if (NEURONS.contains(node(n).type())) {
				NirNeuronNode.of(node(n), time, problems);
				resetPotential(node(n));
			}
		// an LI node never fires: it is read by its membrane, which only the network's output is
		for (String n : graph.ofType("LI"))
			for (String m : graph.successors(n))
				if (!node(m).type().equals("Output"))
					problems.add("LI node '" + n + "' feeds " + node(m).describe() + "; an LI node never fires, so Volr reads it only as the"
							+ " network's output (by its membrane)");
	}
}
