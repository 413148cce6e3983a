package org.volr.gen.nir.tests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;

/**
 * A small NIR file for a test, written with jHDF in the layout of {@code nir.write}: /version, /node with type
 * NIRGraph, its nodes (groups of datasets, or nested graphs) and its (E, 2) edges. Fields are given as the file
 * holds them (float[], float[][], double[], long[], a String), so a test can write what a tool writes, layout
 * quirks included.
 */
final class NirFile {
	private final Map<String, Object> nodes = new LinkedHashMap<>();
	private final List<String[]> edges = new ArrayList<>();

	/** A node of the given type with fields given as name, value pairs. */
	NirFile node(String name, String type, Object... fields) {
		Map<String, Object> f = new LinkedHashMap<>();
		f.put("type", type);
		for (int i = 0; i < fields.length; i += 2)
			f.put((String) fields[i], fields[i + 1]);
		nodes.put(name, f);
		return this;
	}

	/** A nested graph node. */
	NirFile graph(String name, NirFile sub) {
		nodes.put(name, sub);
		return this;
	}

	/** A chain of edges a -> b -> c ... */
	NirFile edges(String... chain) {
		for (int i = 0; i + 1 < chain.length; i++)
			edges.add(new String[] { chain[i], chain[i + 1] });
		return this;
	}

	Path write(Path file, String version) {
		try (WritableHdfFile hdf = HdfFile.write(file)) {
			hdf.putDataset("version", version);
			write(hdf.putGroup("node"));
		}
		return file;
	}

	private void write(WritableGroup graph) {
		graph.putDataset("type", "NIRGraph");
		graph.putDataset("edges", edges.toArray(new String[0][]));
		WritableGroup all = graph.putGroup("nodes");
		for (var n : nodes.entrySet()) {
			WritableGroup g = all.putGroup(n.getKey());
			if (n.getValue() instanceof NirFile sub) {
				sub.write(g);
				continue;
			}
			@SuppressWarnings("unchecked")
			Map<String, Object> fields = (Map<String, Object>) n.getValue();
			for (var f : fields.entrySet())
				if (f.getValue() instanceof Map<?, ?> metadata) {
					WritableGroup m = g.putGroup(f.getKey());
					for (var e : metadata.entrySet())
						m.putDataset((String) e.getKey(), e.getValue());
				} else
					g.putDataset(f.getKey(), f.getValue());
		}
	}

	// ----- values as the tools write them

	static float[] floats(int n, float v) {
		float[] a = new float[n];
		java.util.Arrays.fill(a, v);
		return a;
	}

	static double[] doubles(int n, double v) {
		double[] a = new double[n];
		java.util.Arrays.fill(a, v);
		return a;
	}

	/** A rows × cols matrix with distinct values (row-major counting from start, step 0.25). */
	static float[][] matrix(int rows, int cols, float start) {
		float[][] m = new float[rows][cols];
		for (int r = 0; r < rows; r++)
			for (int c = 0; c < cols; c++)
				m[r][c] = start + 0.25f * (r * cols + c);
		return m;
	}

	static float[][] transpose(float[][] m) {
		float[][] t = new float[m[0].length][m.length];
		for (int r = 0; r < m.length; r++)
			for (int c = 0; c < m[0].length; c++)
				t[c][r] = m[r][c];
		return t;
	}
}
