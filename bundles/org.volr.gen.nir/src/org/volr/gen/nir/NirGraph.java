package org.volr.gen.nir;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A NIR graph as the file holds it, read once ({@link NirGraphReader}) and then only queried: its nodes by name with
 * their type and numeric fields, and its edges. Nested graphs are already flattened: a node {@code n} of a
 * sub-graph {@code g} is {@code g.n} here, and the sub-graph's own Input and Output nodes, which only pass values
 * through, are gone (their edges joined). So the graph holds exactly one kind of thing, computing nodes and the
 * top-level Input and Output, whatever tool wrote it and however it nested its modules.
 * <p>
 * Affine and Linear weights are held in NIR's layout, [out, in], also when the file stored them [in, out] (the
 * reader transposes them once, with a warning). {@link #warnings()} lists what the reader tolerated.
 */
public final class NirGraph {
	private final String version;
	private final Map<String, Node> nodes;
	private final List<Edge> edges;
	private final List<String> warnings;
	private final List<List<String>> cycles;
	private final Set<Edge> cycleEdges = new java.util.HashSet<>();

	public NirGraph(String version, Map<String, Node> nodes, List<Edge> edges, List<String> warnings) {
		this.version = version;
		this.nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
		this.edges = List.copyOf(edges);
		this.warnings = List.copyOf(warnings);
		this.cycles = findCycles();
		for (Edge e : this.edges)
			for (List<String> c : cycles)
				if (c.contains(e.from()) && c.contains(e.to()))
					cycleEdges.add(e);
	}

	/** The file's NIR version, or null if it has none. */
	public String version() {
		return version;
	}

	/** The nodes by flattened name, in the order the file lists them. */
	public Map<String, Node> nodes() {
		return nodes;
	}

	public List<Edge> edges() {
		return edges;
	}

	/** What the reader tolerated and the user should know: [in, out] weights transposed, declared shapes overruled. */
	public List<String> warnings() {
		return warnings;
	}

	/** The node types that are neurons: a layer's units, as opposed to its synapses (weights, pooling). */
	public static final Set<String> NEURON_TYPES = Set.of("IF", "LIF", "CubaLIF", "LI", "CubaLI", "I");

	/** One node: its flattened name, its NIR type, its numeric datasets and its string datasets by name. */
	public record Node(String name, String type, Map<String, NirArray> fields, Map<String, String> texts) {
		public Node {
			fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
			texts = Collections.unmodifiableMap(new LinkedHashMap<>(texts));
		}

		public boolean has(String field) {
			return fields.containsKey(field);
		}

		/** The field, or null when the file does not have it. */
		public NirArray field(String field) {
			return fields.get(field);
		}

		public boolean isNeuron() {
			return NEURON_TYPES.contains(type);
		}

		/** "'name' (Type)", as every message names a node. */
		public String describe() {
			return "'" + name + "' (" + type + ")";
		}
	}

	/** One dataset's values, with its shape (empty for a scalar), kept in double so float and int64 both fit exactly. */
	public record NirArray(int[] shape, double[] values) {
		public int size() {
			return values.length;
		}

		public float[] floats() {
			float[] f = new float[values.length];
			for (int i = 0; i < f.length; i++)
				f[i] = (float) values[i];
			return f;
		}

		public int[] ints() {
			int[] r = new int[values.length];
			for (int i = 0; i < r.length; i++)
				r[i] = (int) values[i];
			return r;
		}

		@Override
		public boolean equals(Object o) {
			return o instanceof NirArray a && Arrays.equals(shape, a.shape) && Arrays.equals(values, a.values);
		}

		@Override
		public int hashCode() {
			return 31 * Arrays.hashCode(shape) + Arrays.hashCode(values);
		}

		@Override
		public String toString() {
			return Arrays.toString(shape) + (values.length <= 8 ? Arrays.toString(values) : "");
		}
	}

	public record Edge(String from, String to) {
		@Override
		public String toString() {
			return from + " -> " + to;
		}
	}

	public Node node(String name) {
		return nodes.get(name);
	}

	/** The nodes n feeds, in the order of the file's edges. */
	public List<String> successors(String n) {
		return edges.stream().filter(e -> e.from().equals(n)).map(Edge::to).toList();
	}

	/** The nodes feeding n, in the order of the file's edges. */
	public List<String> predecessors(String n) {
		return edges.stream().filter(e -> e.to().equals(n)).map(Edge::from).toList();
	}

	public List<String> ofType(String type) {
		return nodes.values().stream().filter(n -> n.type().equals(type)).map(Node::name).toList();
	}

	/**
	 * The cycles of the graph, each as the sorted names of its nodes (a strongly connected component of more than
	 * one node, or a node with an edge to itself): NIR's recurrent connections. Sorted by their first name.
	 */
	public List<List<String>> cycles() {
		return cycles;
	}

	/** True if the edge runs inside a cycle: a recurrent edge, or the edge along which the cycle returns. */
	public boolean insideCycle(Edge e) {
		return cycleEdges.contains(e);
	}

	/** The nodes n feeds along edges outside cycles: the feed-forward chain through a recurrent layer. */
	public List<String> forwardSuccessors(String n) {
		return edges.stream().filter(e -> e.from().equals(n) && !cycleEdges.contains(e)).map(Edge::to).toList();
	}

	/** The nodes feeding n along edges outside cycles. */
	public List<String> forwardPredecessors(String n) {
		return edges.stream().filter(e -> e.to().equals(n) && !cycleEdges.contains(e)).map(Edge::from).toList();
	}

	private List<List<String>> findCycles() {
		List<List<String>> found = new ArrayList<>();
		for (Set<String> component : components())
			if (component.size() > 1 || edges.contains(new Edge(component.iterator().next(), component.iterator().next())))
				found.add(List.copyOf(component));
		found.sort((a, b) -> a.get(0).compareTo(b.get(0)));
		return found;
	}

	/** Strongly connected components (Tarjan's algorithm, iterative so that a long chain cannot overflow the stack). */
	private List<Set<String>> components() {
		Map<String, List<String>> out = new HashMap<>();
		for (String n : nodes.keySet())
			out.put(n, new ArrayList<>());
		for (Edge e : edges)
			out.get(e.from()).add(e.to());
		Map<String, Integer> index = new HashMap<>(), low = new HashMap<>();
		Deque<String> stack = new ArrayDeque<>();
		Set<String> onStack = new java.util.HashSet<>();
		List<Set<String>> result = new ArrayList<>();
		int[] counter = { 0 };
		for (String root : nodes.keySet()) {
			if (index.containsKey(root))
				continue;
			Deque<Object[]> work = new ArrayDeque<>(); // {node, next successor position}
			work.push(new Object[] { root, 0 });
			index.put(root, counter[0]);
			low.put(root, counter[0]++);
			stack.push(root);
			onStack.add(root);
			while (!work.isEmpty()) {
				Object[] frame = work.peek();
				String v = (String) frame[0];
				int i = (Integer) frame[1];
				List<String> succ = out.get(v);
				if (i < succ.size()) {
					frame[1] = i + 1;
					String w = succ.get(i);
					if (!index.containsKey(w)) {
						index.put(w, counter[0]);
						low.put(w, counter[0]++);
						stack.push(w);
						onStack.add(w);
						work.push(new Object[] { w, 0 });
					} else if (onStack.contains(w))
						low.put(v, Math.min(low.get(v), index.get(w)));
					continue;
				}
				work.pop();
				if (!work.isEmpty()) {
					String parent = (String) work.peek()[0];
					low.put(parent, Math.min(low.get(parent), low.get(v)));
				}
				if (low.get(v).equals(index.get(v))) {
					Set<String> component = new TreeSet<>();
					String w;
					do {
						w = stack.pop();
						onStack.remove(w);
						component.add(w);
					} while (!w.equals(v));
					result.add(component);
				}
			}
		}
		return result;
	}
}
