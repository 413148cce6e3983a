package org.volr.gen.nir;

import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.volr.convert.ImportException;
import org.volr.gen.nir.NirGraph.Edge;
import org.volr.gen.nir.NirGraph.NirArray;
import org.volr.gen.nir.NirGraph.Node;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;

/**
 * Reads a NIR file (HDF5) into a {@link NirGraph}, whichever tool and NIR version wrote it:
 * <ul>
 * <li>NIR 0.x and 1.x layouts: fields that 1.x added ({@code w_in}, {@code v_reset}, {@code input_shape},
 * {@code metadata} groups) may be missing or present; the graph holds what the file has, and readers of it apply
 * NIR's defaults where a field is missing;</li>
 * <li>nested graphs (Rockpool, Spyx, snnTorch's recurrent modules) are flattened into dotted names; an edge to or from
 * a sub-graph by its own name means its one Input or Output node, and the sub-graph's Input and Output nodes are
 * removed with their edges joined;</li>
 * <li>Affine and Linear weights stored [in, out] (Spyx) are transposed to NIR's [out, in] when the sizes of the
 * neighbouring nodes say so for the file's rectangular weights, and none says otherwise;</li>
 * <li>an Input node whose declared shape disagrees with the weights it feeds (Rockpool) is a warning.</li>
 * </ul>
 * An edge naming a node that does not exist is refused, naming every such edge and node.
 */
public final class NirGraphReader {
	private final Path file;
	private final Map<String, Node> nodes = new LinkedHashMap<>();
	private final List<Edge> edges = new ArrayList<>();
	/** Sub-graph name → the names of its Input and Output nodes (flattened). */
	private final Map<String, List<String>> subInputs = new LinkedHashMap<>(), subOutputs = new LinkedHashMap<>();
	private final List<String> warnings = new ArrayList<>();

	private NirGraphReader(Path file) {
		this.file = file;
	}

	/** The graph of a NIR file; a file that is no readable NIR graph is an ImportException naming the file. */
	public static NirGraph read(Path file) throws ImportException {
		if (!Files.isRegularFile(file))
			throw new ImportException(file, "no such file");
		try (HdfFile hdf = new HdfFile(file)) {
			return new NirGraphReader(file).read(hdf);
		} catch (ImportException e) {
			throw e;
		} catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
			// jHDF reports damaged files with unchecked exceptions, and a damaged file can break any assumption below
			throw ImportException.damaged(file, "not a readable NIR (HDF5) file", e);
		}
	}

	private NirGraph read(HdfFile hdf) throws ImportException {
		if (!(hdf.getChild("node") instanceof Group graph))
			throw new ImportException(file, "no group /node: not a NIR file");
		String graphType = text(graph, "type");
		if (!"NIRGraph".equals(graphType))
			throw new ImportException(file, "/node has type '" + graphType + "', expected NIRGraph");
		String version = hdf.getChild("version") instanceof Dataset v ? textOf(v) : null;
		readGraph(graph, "", "/node");
		resolveSubGraphEnds();
		refuseDanglingEdges();
		List<Passed> passed = joinPassThroughNodes();
		transposeInOutWeights();
		warnAboutDeclaredInputs(passed);
		return new NirGraph(version, nodes, edges, warnings);
	}

	/** Reads one (sub-)graph group: its nodes under prefix, its edges with their ends prefixed. */
	private void readGraph(Group graph, String prefix, String where) throws ImportException {
		if (!(graph.getChild("nodes") instanceof Group nodeGroup))
			throw new ImportException(file, where + " has no group 'nodes'");
		String graphName = prefix.isEmpty() ? null : prefix.substring(0, prefix.length() - 1);
		for (io.jhdf.api.Node child : nodeGroup) {
			String name = prefix + child.getName();
			if (!(child instanceof Group g))
				throw new ImportException(file, where + "/nodes/" + child.getName() + " is not a group");
			if (nodes.containsKey(name) || subInputs.containsKey(name))
				throw new ImportException(file, "two nodes are named '" + name + "' once nested graphs are flattened");
			String type = g.getChild("type") instanceof Dataset t && textOf(t) instanceof String s ? s : "?";
			if (type.equals("NIRGraph")) {
				subInputs.put(name, new ArrayList<>());
				subOutputs.put(name, new ArrayList<>());
				readGraph(g, name + ".", where + "/nodes/" + child.getName());
				continue;
			}
			if (graphName != null && type.equals("Input"))
				subInputs.get(graphName).add(name);
			if (graphName != null && type.equals("Output"))
				subOutputs.get(graphName).add(name);
			nodes.put(name, node(g, name, type));
		}
		for (String[] e : edges(graph, where))
			edges.add(new Edge(prefix + e[0], prefix + e[1]));
	}

	private static Node node(Group g, String name, String type) {
		Map<String, NirArray> fields = new LinkedHashMap<>();
		Map<String, String> texts = new LinkedHashMap<>();
		for (io.jhdf.api.Node c : g) {
			// 1.x keeps free-form metadata in a group; it does not change what the node computes
			if (!(c instanceof Dataset d) || c.getName().equals("type"))
				continue;
			NirArray a = array(d);
			if (a != null)
				fields.put(c.getName(), a);
			else if (textOf(d) instanceof String s)
				texts.put(c.getName(), s);
		}
		return new Node(name, type, fields, texts);
	}

	/** An edge into a sub-graph by its name enters its one Input node; one out of it leaves its one Output node. */
	private void resolveSubGraphEnds() throws ImportException {
		List<String> problems = new ArrayList<>();
		for (int i = 0; i < edges.size(); i++) {
			Edge e = edges.get(i);
			String from = e.from(), to = e.to();
			if (subOutputs.containsKey(from))
				from = single(subOutputs.get(from), "leaves sub-graph '" + from + "'", e, "Output", problems);
			if (subInputs.containsKey(to))
				to = single(subInputs.get(to), "enters sub-graph '" + to + "'", e, "Input", problems);
			edges.set(i, new Edge(from, to));
		}
		if (!problems.isEmpty())
			throw new ImportException(file, String.join("; ", problems));
	}

	private static String single(List<String> ends, String what, Edge e, String type, List<String> problems) {
		if (ends.size() == 1)
			return ends.get(0);
		problems.add("edge " + e + " " + what + ", which has " + ends.size() + " " + type + " nodes " + ends
				+ "; the edge must name one of them");
		return ends.isEmpty() ? "?" : ends.get(0);
	}

	private void refuseDanglingEdges() throws ImportException {
		List<String> problems = new ArrayList<>();
		for (Edge e : edges)
			for (String end : new String[] { e.from(), e.to() })
				if (!nodes.containsKey(end))
					problems.add("edge " + e + " names the missing node '" + end + "'");
		if (problems.size() == 1)
			throw new ImportException(file, problems.get(0));
		if (!problems.isEmpty())
			throw new ImportException(file, problems.size() + " edges name missing nodes: " + String.join("; ", problems));
	}

	/**
	 * Removes the Input and Output nodes of sub-graphs, joining each node feeding one to each node it feeds. Returns
	 * each removed Input with the nodes it fed, for the check of its declared shape.
	 */
	private List<Passed> joinPassThroughNodes() {
		List<Passed> passed = new ArrayList<>();
		Set<String> through = new LinkedHashSet<>();
		subInputs.values().forEach(through::addAll);
		subOutputs.values().forEach(through::addAll);
		for (String p : through) {
			List<String> in = new ArrayList<>(), out = new ArrayList<>();
			List<Edge> kept = new ArrayList<>();
			for (Edge e : edges) {
				if (e.to().equals(p))
					in.add(e.from());
				else if (e.from().equals(p))
					out.add(e.to());
				else
					kept.add(e);
			}
			for (String a : in)
				for (String b : out) {
					Edge joined = new Edge(a, b);
					if (!kept.contains(joined))
						kept.add(joined);
				}
			edges.clear();
			edges.addAll(kept);
			if (nodes.get(p).type().equals("Input"))
				for (String b : out)
					passed.add(new Passed(p, nodes.get(p).field("shape"), b));
			nodes.remove(p);
		}
		return passed;
	}

	// ----- weights stored [in, out]

	private static boolean isWeighted(Node n) {
		return (n.type().equals("Affine") || n.type().equals("Linear")) && n.has("weight") && n.field("weight").shape().length == 2;
	}

	/** The number of neurons of a neuron node, from its longest parameter array; -1 for any other node. */
	private static int neuronCount(Node n) {
		if (!n.isNeuron())
			return -1;
		int count = -1;
		for (NirArray a : n.fields().values())
			count = Math.max(count, a.size());
		return count;
	}

	/**
	 * Spyx (1.0) stores dense weights [in, out], NIR [out, in]. One writer writes one layout, so the file's
	 * rectangular weights decide for all of its weights: if the neuron nodes around at least one of them fit only
	 * [in, out] and none fits only [out, in], every Affine and Linear weight is transposed, with a warning.
	 */
	private void transposeInOutWeights() {
		List<String> inOut = new ArrayList<>(), outIn = new ArrayList<>();
		for (Node n : nodes.values()) {
			if (!isWeighted(n))
				continue;
			int[] s = n.field("weight").shape();
			if (s[0] == s[1])
				continue;
			boolean fitsOutIn = false, fitsInOut = false;
			for (Edge e : edges) {
				if (e.to().equals(n.name())) {
					int before = size(nodes.get(e.from()));
					fitsOutIn |= before == s[1];
					fitsInOut |= before == s[0];
				}
				if (e.from().equals(n.name())) {
					int after = neuronCount(nodes.get(e.to()));
					fitsOutIn |= after == s[0];
					fitsInOut |= after == s[1];
				}
			}
			if (fitsInOut && !fitsOutIn)
				inOut.add(n.name());
			else if (fitsOutIn && !fitsInOut)
				outIn.add(n.name());
		}
		if (inOut.isEmpty() || !outIn.isEmpty())
			return;
		List<String> transposed = new ArrayList<>();
		for (Node n : List.copyOf(nodes.values()))
			if (isWeighted(n)) {
				Map<String, NirArray> fields = new LinkedHashMap<>(n.fields());
				fields.put("weight", transpose(n.field("weight")));
				nodes.put(n.name(), new Node(n.name(), n.type(), fields, n.texts()));
				transposed.add(n.name());
			}
		warnings.add("the weights of " + inOut + " fit their neighbours only when stored [in, out] (as Spyx writes them), not NIR's"
				+ " [out, in]: all dense weights of the file " + transposed + " are read as [in, out]");
	}

	private static NirArray transpose(NirArray w) {
		int rows = w.shape()[0], cols = w.shape()[1];
		double[] t = new double[w.size()];
		for (int r = 0; r < rows; r++)
			for (int c = 0; c < cols; c++)
				t[c * rows + r] = w.values()[r * cols + c];
		return new NirArray(new int[] { cols, rows }, t);
	}

	/** How many values node n passes on, where the file says it plainly (Input, neuron nodes); -1 otherwise. */
	private static int size(Node n) {
		if (n.type().equals("Input") && n.has("shape"))
			return Arrays.stream(n.field("shape").ints()).reduce(1, (a, b) -> a * b);
		return neuronCount(n);
	}

	/**
	 * An Input node (of the graph or of a sub-graph) whose declared shape holds another number of values than the
	 * dense node it feeds reads: a warning, not a failure, as the weights decide (Rockpool declares shapes of its
	 * own). {@code passed} are the removed sub-graph Inputs with their declared shape and the node each fed.
	 */
	private void warnAboutDeclaredInputs(List<Passed> passed) {
		List<Passed> all = new ArrayList<>(passed);
		for (Node in : nodes.values())
			if (in.type().equals("Input"))
				for (Edge e : edges)
					if (e.from().equals(in.name()))
						all.add(new Passed(in.name(), in.field("shape"), e.to()));
		for (Passed p : all) {
			Node next = nodes.get(p.next());
			if (p.shape() == null || next == null || !isWeighted(next))
				continue;
			int reads = next.field("weight").shape()[1];
			int declared = Arrays.stream(p.shape().ints()).reduce(1, (a, b) -> a * b);
			if (declared != reads)
				warnings.add("Input node '" + p.input() + "' declares shape " + Arrays.toString(p.shape().ints()) + " but '" + next.name()
						+ "' (" + next.type() + ") reads " + reads + " values; the weights decide");
		}
	}

	/** A sub-graph's Input node that was removed: its declared shape and a node it fed. */
	private record Passed(String input, NirArray shape, String next) {
	}

	// ----- HDF5

	private List<String[]> edges(Group graph, String where) throws ImportException {
		if (!(graph.getChild("edges") instanceof Dataset d))
			throw new ImportException(file, where + " has no 'edges' dataset");
		List<String[]> list = new ArrayList<>();
		if (d.isEmpty())
			return list;
		if (!(d.getData() instanceof String[][] rows))
			throw new ImportException(file, where + "/edges is not an (E, 2) string array");
		for (String[] r : rows) {
			if (r.length != 2)
				throw new ImportException(file, where + "/edges has a row of " + r.length + " names");
			list.add(r);
		}
		return list;
	}

	private String text(Group g, String name) throws ImportException {
		if (!(g.getChild(name) instanceof Dataset d))
			throw new ImportException(file, g.getPath() + " has no '" + name + "' dataset");
		if (!(textOf(d) instanceof String s))
			throw new ImportException(file, g.getPath() + name + " is not a string");
		return s;
	}

	/** A string dataset's text (scalar or one element), else null. */
	private static String textOf(Dataset d) {
		Object v = d.getData();
		if (v instanceof String s)
			return s;
		if (v instanceof String[] a && a.length == 1)
			return a[0];
		return null;
	}

	/** A numeric dataset's values and shape, else null (strings, booleans, compound types). */
	private static NirArray array(Dataset d) {
		if (d.isEmpty())
			return new NirArray(d.getDimensions(), new double[0]);
		if (d.isScalar())
			return d.getData() instanceof Number n ? new NirArray(new int[0], new double[] { n.doubleValue() }) : null;
		Object flat = d.getDataFlat();
		if (flat == null || !flat.getClass().isArray() || !flat.getClass().getComponentType().isPrimitive()
				|| flat.getClass().getComponentType() == boolean.class || flat.getClass().getComponentType() == char.class)
			return null;
		double[] values = new double[Array.getLength(flat)];
		for (int i = 0; i < values.length; i++)
			values[i] = Array.getDouble(flat, i);
		return new NirArray(d.getDimensions(), values);
	}
}
