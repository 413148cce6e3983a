package org.volr.gen.nir;

import java.nio.file.Path;

import org.volr.convert.ImportException;
import org.volr.core.weights.FloatTensor;
import org.volr.gen.nir.NirGraph.NirArray;
import org.volr.gen.nir.NirGraph.Node;

/** The fields of a graph's nodes as the reader needs them, a missing or non-numeric one refused naming the node. */
final class NodeFields {
	private final Path file;
	private final NirGraph graph;

	NodeFields(Path file, NirGraph graph) {
		this.file = file;
		this.graph = graph;
	}

	String type(String n) {
		return graph.node(n).type();
	}

	NirArray need(Node g, String field) throws ImportException {
		NirArray a = g.field(field);
		if (a == null || a.size() == 0)
			throw new ImportException(file, "node '" + g.name() + "' has no '" + field + "' dataset");
		return a;
	}

	FloatTensor tensor(Node g, String field) throws ImportException {
		NirArray a = g.field(field);
		if (a == null)
			throw new ImportException(file, g.texts().containsKey(field) ? "node '" + g.name() + "': '" + field + "' is not numeric"
					: "node '" + g.name() + "' has no '" + field + "' dataset");
		return new FloatTensor(a.shape(), a.floats());
	}

	int[] ints(Node g, String field) throws ImportException {
		return need(g, field).ints();
	}
}
