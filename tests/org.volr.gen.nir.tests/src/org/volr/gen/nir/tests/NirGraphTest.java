package org.volr.gen.nir.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.volr.gen.nir.tests.NirFile.doubles;
import static org.volr.gen.nir.tests.NirFile.floats;
import static org.volr.gen.nir.tests.NirFile.matrix;
import static org.volr.gen.nir.tests.NirFile.transpose;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.emf.ecore.util.EcoreUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.convert.ImportException;
import org.volr.core.weights.FloatTensor;
import org.volr.gen.nir.NirGraph;
import org.volr.gen.nir.NirGraph.Edge;
import org.volr.gen.nir.NirGraphReader;
import org.volr.gen.nir.NirReader;
import org.volr.model.Block;
import org.volr.model.Layer;
import org.volr.model.NetExpr;

/** The graph a NIR file holds, whichever tool wrote it ({@link NirGraphReader}), and the refusals read from it. */
class NirGraphTest {
	@TempDir
	Path dir;

	private static Path data(String name) {
		return Path.of(System.getProperty("volr.thirdparty", "../../testdata"), "nir", name);
	}

	/** CubaLIF neurons that are Volr's CubaLIF (r = tau_mem, w_in = 1), as NIR 1.x writes them (w_in, v_reset). */
	private static Object[] cubaLif(int n) {
		return new Object[] { "tau_mem", doubles(n, 0.001), "tau_syn", doubles(n, 0.0005), "r", doubles(n, 0.001), "v_leak", doubles(n, 0),
				"v_threshold", doubles(n, 1), "w_in", doubles(n, 1), "v_reset", doubles(n, 0) };
	}

	/** The Braille RNN in small, its recurrent layer nested as snnTorch, Rockpool and Spyx nest it. */
	private static NirFile nestedRnn(String innerLif) {
		NirFile rnn = new NirFile().node("input", "Input", "shape", new long[] { 4 }).node(innerLif, "CubaLIF", cubaLif(4))
				.node("w_rec", "Linear", "weight", matrix(4, 4, 0)).node("output", "Output", "shape", new long[] { 4 })
				.edges("input", "lif", "output").edges("lif", "w_rec", "lif");
		return new NirFile().node("input", "Input", "shape", new long[] { 3 })
				.node("fc1", "Affine", "weight", matrix(4, 3, 1), "bias", floats(4, 0.5f)).graph("rnn", rnn)
				.node("fc2", "Linear", "weight", matrix(2, 4, 2)).node("lif2", "CubaLIF", cubaLif(2))
				.node("output", "Output", "shape", new long[] { 2 }).edges("input", "fc1", "rnn", "fc2", "lif2", "output");
	}

	/** The same network as snnTorch writes it flat, the sub-graph's nodes named with dots. */
	private static NirFile flatRnn() {
		return new NirFile().node("input", "Input", "shape", new long[] { 3 })
				.node("fc1", "Affine", "weight", matrix(4, 3, 1), "bias", floats(4, 0.5f)).node("rnn.lif", "CubaLIF", cubaLif(4))
				.node("rnn.w_rec", "Linear", "weight", matrix(4, 4, 0)).node("fc2", "Linear", "weight", matrix(2, 4, 2))
				.node("lif2", "CubaLIF", cubaLif(2)).node("output", "Output", "shape", new long[] { 2 })
				.edges("input", "fc1", "rnn.lif", "fc2", "lif2", "output").edges("rnn.lif", "rnn.w_rec", "rnn.lif");
	}

	@Test
	void aNestedGraphIsFlattenedIntoDottedNamesLikeTheFlatExport() throws Exception {
		NirGraph nested = NirGraphReader.read(nestedRnn("lif").write(dir.resolve("nested.nir"), "1.0.4"));
		NirGraph flat = NirGraphReader.read(flatRnn().write(dir.resolve("flat.nir"), "1.0.4"));
		assertEquals(Set.of("input", "fc1", "rnn.lif", "rnn.w_rec", "fc2", "lif2", "output"), nested.nodes().keySet());
		assertEquals(Set.of(new Edge("input", "fc1"), new Edge("fc1", "rnn.lif"), new Edge("rnn.lif", "rnn.w_rec"),
				new Edge("rnn.w_rec", "rnn.lif"), new Edge("rnn.lif", "fc2"), new Edge("fc2", "lif2"), new Edge("lif2", "output")),
				new HashSet<>(nested.edges()));
		assertEquals(new HashSet<>(flat.edges()), new HashSet<>(nested.edges()));
		for (String n : flat.nodes().keySet())
			assertEquals(flat.node(n), nested.node(n), n);
		assertEquals(List.of(List.of("rnn.lif", "rnn.w_rec")), nested.cycles());
		assertEquals(List.of(), nested.warnings());
		assertEquals("1.0.4", nested.version());
		// both import as the same network and weights: fc1 a recurrent dense layer, its weight_rec the cycle's [from, to]
		NirReader.Result a = NirReader.readWithNeuron(dir.resolve("nested.nir"), "rnn"), b = NirReader.readWithNeuron(dir.resolve("flat.nir"), "rnn");
		assertTrue(EcoreUtil.equals(a.model().network(), b.model().network()), "the two networks differ");
		assertEquals(new TreeSet<>(a.model().weights().names()), new TreeSet<>(b.model().weights().names()));
		for (String k : a.model().weights().names())
			assertEquals(a.model().weights().get(k), b.model().weights().get(k), k);
		assertEquals(a.neuron(), b.neuron());
		org.volr.model.Dense fc1 = (org.volr.model.Dense) layers(a.model()).get(0);
		assertEquals("fc1", fc1.getLabel());
		assertTrue(fc1.isRecurrent());
		assertFalse(((org.volr.model.Dense) layers(a.model()).get(1)).isRecurrent());
		// the CubaLIF's input gain r·w_in·dt/tau_mem at the default 0.1 ms (SEMANTICS.md, "Time in NIR graphs")
		double gain = (double) 0.001f * 1f * 1e-4 / 0.001f;
		assertEquals(new FloatTensor(new int[] { 4, 4 }, times(flat(transpose(matrix(4, 4, 0))), gain)), a.model().weights().get("fc1.weight_rec"));
		assertEquals(Set.of("fc1.weight", "fc1.bias", "fc1.weight_rec", "fc2.weight"), new HashSet<>(a.model().weights().names()));
	}

	/** An edge may name a sub-graph's node itself ("g.input", NIR's subscript): the same graph as naming the sub-graph. */
	@Test
	void anEdgeNamingASubGraphsNodeIsTheSameAsNamingTheSubGraph() throws Exception {
		NirFile rnn = new NirFile().node("input", "Input", "shape", new long[] { 4 }).node("lif", "CubaLIF", cubaLif(4))
				.node("w_rec", "Linear", "weight", matrix(4, 4, 0)).node("output", "Output", "shape", new long[] { 4 })
				.edges("input", "lif", "output").edges("lif", "w_rec", "lif");
		NirFile explicit = new NirFile().node("input", "Input", "shape", new long[] { 3 })
				.node("fc1", "Affine", "weight", matrix(4, 3, 1), "bias", floats(4, 0.5f)).graph("rnn", rnn)
				.node("fc2", "Linear", "weight", matrix(2, 4, 2)).node("lif2", "CubaLIF", cubaLif(2))
				.node("output", "Output", "shape", new long[] { 2 }).edges("input", "fc1", "rnn.input").edges("rnn.output", "fc2", "lif2", "output");
		NirGraph a = NirGraphReader.read(explicit.write(dir.resolve("explicit.nir"), "1.0.4"));
		NirGraph b = NirGraphReader.read(nestedRnn("lif").write(dir.resolve("nested.nir"), "1.0.4"));
		assertEquals(b.nodes(), a.nodes());
		assertEquals(new HashSet<>(b.edges()), new HashSet<>(a.edges()));
	}

	/** A sub-graph with two inputs cannot be entered by its name: which one is meant is refused, naming both. */
	@Test
	void anEdgeIntoASubGraphOfTwoInputsMustNameOne() throws Exception {
		NirFile g = new NirFile().node("a", "Input", "shape", new long[] { 2 }).node("b", "Input", "shape", new long[] { 2 })
				.node("fc", "Linear", "weight", matrix(2, 2, 0)).node("out", "Output", "shape", new long[] { 2 })
				.edges("a", "fc", "out").edges("b", "fc");
		Path file = new NirFile().node("in", "Input", "shape", new long[] { 2 }).graph("g", g).node("out", "Output", "shape", new long[] { 2 })
				.edges("in", "g", "out").write(dir.resolve("two.nir"), "1.0.4");
		assertEquals("two.nir: edge in -> g enters sub-graph 'g', which has 2 Input nodes [g.a, g.b]; the edge must name one of them",
				assertThrows(ImportException.class, () -> NirGraphReader.read(file)).getMessage());
	}

	@Test
	void aSelfLoopIsACycle() throws Exception {
		Path file = new NirFile().node("in", "Input", "shape", new long[] { 2 }).node("fc", "Linear", "weight", matrix(2, 2, 0))
				.node("if", "IF", "r", floats(2, 1), "v_threshold", floats(2, 1)).node("out", "Output", "shape", new long[] { 2 })
				.edges("in", "fc", "if", "out").edges("fc", "fc").write(dir.resolve("self.nir"), "1.0.4");
		assertEquals(List.of(List.of("fc")), NirGraphReader.read(file).cycles());
	}

	/** The NIR paper's nested Braille file names 'lif' in the sub-graph's edges, but its node 'lif1': refused, naming both edges. */
	@Test
	void anEdgeToAMissingNodeIsRefusedNamingIt() throws Exception {
		Path nested = nestedRnn("lif1").write(dir.resolve("dangling.nir"), "0.2.0");
		ImportException e = assertThrows(ImportException.class, () -> NirGraphReader.read(nested));
		assertEquals("dangling.nir: 4 edges name missing nodes: edge rnn.input -> rnn.lif names the missing node 'rnn.lif';"
				+ " edge rnn.lif -> rnn.output names the missing node 'rnn.lif'; edge rnn.lif -> rnn.w_rec names the missing node 'rnn.lif';"
				+ " edge rnn.w_rec -> rnn.lif names the missing node 'rnn.lif'", e.getMessage());
		Path flat = new NirFile().node("in", "Input", "shape", new long[] { 2 }).node("fc", "Linear", "weight", matrix(2, 2, 0))
				.node("out", "Output", "shape", new long[] { 2 }).edges("in", "fc", "lif9", "out").write(dir.resolve("flat.nir"), "1.0.4");
		assertEquals("flat.nir: 2 edges name missing nodes: edge fc -> lif9 names the missing node 'lif9'; edge lif9 -> out names the"
				+ " missing node 'lif9'", assertThrows(ImportException.class, () -> NirReader.read(flat, "x")).getMessage());
	}

	/** Spyx writes dense weights [in, out]: its neighbours' sizes say so, and they are read as NIR's [out, in]. */
	@Test
	void spyxInOutWeightsAreReadAsNirsOutIn() throws Exception {
		float[][] w1 = matrix(3, 5, 0), w2 = matrix(5, 2, 4); // [in, out], as Spyx stores them
		Path file = new NirFile().node("input", "Input", "shape", new long[] { 3 })
				.node("linear", "Affine", "weight", w1, "bias", floats(5, 0.25f))
				.node("lif", "LIF", "tau", floats(5, 0.01f), "r", floats(5, 1), "v_leak", floats(5, 0), "v_threshold", floats(5, 1))
				.node("linear_1", "Linear", "weight", w2)
				.node("lif_1", "LIF", "tau", floats(2, 0.01f), "r", floats(2, 1), "v_leak", floats(2, 0), "v_threshold", floats(2, 1))
				.node("output", "Output", "shape", new long[] { 2 }).edges("input", "linear", "lif", "linear_1", "lif_1", "output")
				.write(dir.resolve("spyx.nir"), "1.0.4");
		NirGraph g = NirGraphReader.read(file);
		assertArrayEquals(new int[] { 5, 3 }, g.node("linear").field("weight").shape());
		assertArrayEquals(new int[] { 2, 5 }, g.node("linear_1").field("weight").shape());
		String warning = "the weights of [linear, linear_1] fit their neighbours only when stored [in, out] (as Spyx writes them), not"
				+ " NIR's [out, in]: all dense weights of the file [linear, linear_1] are read as [in, out]";
		assertEquals(List.of(warning), g.warnings());
		var m = NirReader.read(file, "spyx");
		assertTrue(m.notes().contains(warning), m.notes().toString());
		// Volr's dense layout is [in, out]: the file's values in the file's order, times the LIF's input gain r·dt/tau
		double gain = 1e-4 / 0.01f;
		assertEquals(new FloatTensor(new int[] { 3, 5 }, times(flat(w1), gain)), m.weights().get("linear.weight"));
		assertEquals(new FloatTensor(new int[] { 5, 2 }, times(flat(w2), gain)), m.weights().get("linear_1.weight"));
		assertEquals(List.of(5, 2), layers(m).stream().map(l -> ((org.volr.model.Dense) l).getUnits()).toList());
	}

	/** Square weights alone cannot tell the layouts apart: they are read as NIR's [out, in]. */
	@Test
	void squareWeightsAreReadAsNirsLayout() throws Exception {
		float[][] w = matrix(2, 2, 0);
		Path file = new NirFile().node("in", "Input", "shape", new long[] { 2 }).node("fc", "Linear", "weight", w)
				.node("if", "IF", "r", floats(2, 1), "v_threshold", floats(2, 1)).node("out", "Output", "shape", new long[] { 2 })
				.edges("in", "fc", "if", "out").write(dir.resolve("square.nir"), "1.0.4");
		NirGraph g = NirGraphReader.read(file);
		assertEquals(List.of(), g.warnings());
		assertEquals(new FloatTensor(new int[] { 2, 2 }, flat(transpose(w))), NirReader.read(file, "sq").weights().get("fc.weight"));
	}

	/** Names that are no identifiers, and two that become the same identifier, get distinct labels and weight keys. */
	@Test
	void digitsFirstAndClashingNamesGetDistinctLabels() throws Exception {
		Path file = new NirFile().node("input", "Input", "shape", new long[] { 2 }).node("1-fc", "Linear", "weight", matrix(3, 2, 0))
				.node("2", "IF", "r", floats(3, 1), "v_threshold", floats(3, 1)).node("1.fc", "Linear", "weight", matrix(2, 3, 1))
				.node("3", "IF", "r", floats(2, 1), "v_threshold", floats(2, 1)).node("output", "Output", "shape", new long[] { 2 })
				.edges("input", "1-fc", "2", "1.fc", "3", "output").write(dir.resolve("names.nir"), "1.0.4");
		var m = NirReader.read(file, "names");
		assertEquals(List.of("n1_fc", "n1_fc_2"), layers(m).stream().map(Layer::getLabel).toList());
		assertEquals(new TreeSet<>(List.of("n1_fc.weight", "n1_fc_2.weight")), new TreeSet<>(m.weights().names()));
		assertTrue(m.notes().contains("node '1.fc' (Linear) is labelled 'n1_fc_2' (a label must be an identifier)"), m.notes().toString());
	}

	/**
	 * One network as NIR 0.x wrote it (no w_in, no v_reset) and as 1.x writes it (both, and a metadata group):
	 * the same Volr network, weights and neuron.
	 */
	@Test
	void nir0xAnd1xLayoutsOfOneNetworkImportAlike() throws Exception {
		Object[] old = { "tau_mem", doubles(4, 0.001), "tau_syn", doubles(4, 0.0005), "r", doubles(4, 0.001), "v_leak", doubles(4, 0),
				"v_threshold", doubles(4, 1) };
		Path v0 = new NirFile().node("input", "Input", "shape", new long[] { 3 })
				.node("fc1", "Affine", "weight", matrix(4, 3, 1), "bias", floats(4, 0.5f)).node("lif1", "CubaLIF", old)
				.node("output", "Output", "shape", new long[] { 4 }).edges("input", "fc1", "lif1", "output").write(dir.resolve("v0.nir"), "0.2.0");
		Path v1 = new NirFile().node("input", "Input", "shape", new long[] { 3 })
				.node("fc1", "Affine", "weight", matrix(4, 3, 1), "bias", floats(4, 0.5f), "metadata", Map.of("source", "snntorch"))
				.node("lif1", "CubaLIF", cubaLif(4)).node("output", "Output", "shape", new long[] { 4 })
				.edges("input", "fc1", "lif1", "output").write(dir.resolve("v1.nir"), "1.0.4");
		NirGraph g0 = NirGraphReader.read(v0), g1 = NirGraphReader.read(v1);
		assertEquals("0.2.0", g0.version());
		assertFalse(g0.node("lif1").has("w_in"));
		assertTrue(g1.node("lif1").has("w_in"));
		assertEquals(g0.node("fc1"), g1.node("fc1"), "the metadata group is no field");
		NirReader.Result r0 = NirReader.readWithNeuron(v0, "net"), r1 = NirReader.readWithNeuron(v1, "net");
		assertTrue(EcoreUtil.equals(r0.model().network(), r1.model().network()));
		assertEquals(r0.model().weights().names(), r1.model().weights().names());
		for (String k : r0.model().weights().names())
			assertEquals(r0.model().weights().get(k), r1.model().weights().get(k), k);
		assertEquals(r0.neuron(), r1.neuron());
		assertEquals("NIR file version 0.2.0", r0.model().notes().get(0));
		assertEquals("NIR file version 1.0.4", r1.model().notes().get(0));
	}

	/** Rockpool declares Input shapes of its own: a disagreement with the weights is a warning, and the weights decide. */
	@Test
	void anInputShapeTheWeightsDisagreeWithIsAWarning() throws Exception {
		Path file = new NirFile().node("input", "Input", "shape", new long[] { 5 }).node("0_LinearTorch", "Linear", "weight", matrix(2, 3, 0))
				.node("1_LIFNeuronTorch", "LIF", "tau", floats(2, 0.01f), "r", floats(2, 1), "v_leak", floats(2, 0), "v_threshold",
						floats(2, 1))
				.node("output", "Output", "shape", new long[] { 2 }).edges("input", "0_LinearTorch", "1_LIFNeuronTorch", "output")
				.write(dir.resolve("rockpool.nir"), "1.0.4");
		String warning = "Input node 'input' declares shape [5] but '0_LinearTorch' (Linear) reads 3 values; the weights decide";
		assertEquals(List.of(warning), NirGraphReader.read(file).warnings());
		var m = NirReader.read(file, "rp");
		assertEquals(List.of(3), m.network().getInput().getDims());
		assertTrue(m.notes().contains(warning), m.notes().toString());
	}

	/**
	 * An LI output (the leaky integrator: never fires) is its layer's own neuron, read by its membrane; its r, which it
	 * has no threshold to fold into, multiplies the weights entering it. An LI node anywhere else is refused.
	 */
	@Test
	void anLiOutputIsItsLayersOwnNeuronReadByItsMembrane() throws Exception {
		Object[] lif = { "tau", floats(4, 0.01f), "r", floats(4, 1), "v_leak", floats(4, 0), "v_threshold", floats(4, 1) };
		Path file = new NirFile().node("input", "Input", "shape", new long[] { 3 }).node("fc1", "Linear", "weight", matrix(4, 3, 0))
				.node("lif1", "LIF", lif).node("fc2", "Affine", "weight", matrix(2, 4, 1), "bias", floats(2, 0.5f))
				.node("li", "LI", "tau", floats(2, 0.005f), "r", floats(2, 2), "v_leak", floats(2, 0.25f))
				.node("output", "Output", "shape", new long[] { 2 }).edges("input", "fc1", "lif1", "fc2", "li", "output")
				.write(dir.resolve("li.nir"), "1.0.4");
		NirReader.Result r = NirReader.readWithNeuron(file, "li");
		assertEquals(org.volr.model.Readout.MEMBRANE_MAX, r.readout());
		assertEquals(org.volr.gen.nir.NirNeuron.lif(0.01f, 1f, 0f), r.neuron());
		List<Layer> l = layers(r.model());
		assertEquals(null, l.get(0).getNeuron());
		org.volr.gen.nir.NirNeuron li = org.volr.gen.nir.NirNeuron.li(0.005f, 0.25f);
		assertEquals("neuron LI { tau_m 5 ms, v_rest 0.25 }", org.volr.gen.nir.NeuronClause.text(li));
		assertTrue(EcoreUtil.equals(org.volr.gen.nir.NeuronClause.model(li), l.get(1).getNeuron()));
		// LI's input gain r·dt/tau at the default 0.1 ms with Euler: 2·0.1/5
		double gain = 2f * (1e-4 / 0.005f);
		assertEquals(new FloatTensor(new int[] { 4, 2 }, times(flat(transpose(matrix(2, 4, 1))), gain)), r.model().weights().get("fc2.weight"));
		assertEquals(new FloatTensor(new int[] { 2 }, times(new float[] { 0.5f, 0.5f }, gain)), r.model().weights().get("fc2.bias"));

		Path inside = new NirFile().node("input", "Input", "shape", new long[] { 3 }).node("fc1", "Linear", "weight", matrix(4, 3, 0))
				.node("li", "LI", "tau", floats(4, 0.005f), "r", floats(4, 1), "v_leak", floats(4, 0))
				.node("fc2", "Linear", "weight", matrix(2, 4, 1)).node("lif2", "LIF", "tau", floats(2, 0.01f), "r", floats(2, 1), "v_leak",
						floats(2, 0), "v_threshold", floats(2, 1))
				.node("output", "Output", "shape", new long[] { 2 }).edges("input", "fc1", "li", "fc2", "lif2", "output")
				.write(dir.resolve("inside.nir"), "1.0.4");
		assertEquals("inside.nir: LI node 'li' feeds 'fc2' (Linear); an LI node never fires, so Volr reads it only as the network's output"
				+ " (by its membrane)", refusal(inside));
	}

	/**
	 * Time constants and v_leak that differ between the neurons of a node are Volr's per-neuron parameters
	 * ({@code <label>.tau_m} in ms, {@code <label>.v_rest}; CubaLIF's tau_syn as tau_syn_E and tau_syn_I); the clause keeps
	 * the first neuron's values.
	 */
	@Test
	void parametersThatDifferBetweenNeuronsArePerNeuronArrays() throws Exception {
		Path file = new NirFile().node("input", "Input", "shape", new long[] { 3 }).node("fc1", "Affine", "weight", matrix(4, 3, 0), "bias",
				floats(4, 0)).node("lif1", "LIF", "tau", new float[] { 0.01f, 0.02f, 0.01f, 0.005f }, "r", floats(4, 1), "v_leak",
						new float[] { 0f, 0.5f, 0f, 0f }, "v_threshold", floats(4, 1))
				.node("fc2", "Linear", "weight", matrix(2, 4, 0)).node("lif2", "CubaLIF", "tau_mem", floats(2, 0.001f), "tau_syn",
						new float[] { 0.0005f, 0.00025f }, "r", floats(2, 0.001f), "v_leak", floats(2, 0), "v_threshold", floats(2, 1), "w_in",
						floats(2, 1))
				.node("output", "Output", "shape", new long[] { 2 }).edges("input", "fc1", "lif1", "fc2", "lif2", "output")
				.write(dir.resolve("per.nir"), "1.0.4");
		NirReader.Result r = NirReader.readWithNeuron(file, "per");
		var w = r.model().weights();
		assertEquals(new FloatTensor(new int[] { 4 }, new float[] { 10f, 20f, 10f, 5f }), w.get("fc1.tau_m"));
		assertEquals(new FloatTensor(new int[] { 4 }, new float[] { 0f, 0.5f, 0f, 0f }), w.get("fc1.v_rest"));
		assertEquals(new FloatTensor(new int[] { 2 }, new float[] { 0.5f, 0.25f }), w.get("fc2.tau_syn_E"));
		assertEquals(new FloatTensor(new int[] { 2 }, new float[] { 0.5f, 0.25f }), w.get("fc2.tau_syn_I"));
		assertFalse(w.contains("fc2.tau_m"));
		assertEquals(org.volr.gen.nir.NirNeuron.lif(0.01f, 1f, 0f), r.neuron());
		// the input gain r·dt/tau differs between neurons too: each column of fc1's [in, out] weights has its neuron's
		float[] taus = { 0.01f, 0.02f, 0.01f, 0.005f }, raw = flat(transpose(matrix(4, 3, 0))), folded = w.get("fc1.weight").data();
		for (int i = 0; i < raw.length; i++)
			assertEquals((float) (raw[i] * (1e-4 / taus[i % 4])), folded[i], "fc1.weight " + i);
		assertTrue(r.model().notes().contains("neuron node 'lif1': tau_m differs between neurons, given per neuron in fc1.tau_m"),
				r.model().notes().toString());
	}

	/** Everything Volr cannot express in one file, in one refusal. */
	@Test
	void everyProblemOfAFileIsInOneRefusal() throws Exception {
		Path file = new NirFile().node("input", "Input", "shape", new long[] { 3 })
				.node("fc1", "Affine", "weight", matrix(4, 3, 0), "bias", floats(4, 0))
				.node("lif1", "LIF", "tau", floats(4, 0.01f), "r", floats(4, 1), "v_leak", floats(4, 0),
						"v_threshold", new float[] { 1f, 2f, 1f, 1f })
				.node("fc2", "Linear", "weight", matrix(2, 4, 0)).node("li", "CubaLI", "tau_mem", floats(2, 0.01f), "tau_syn", floats(2, 0.01f), "r", floats(2, 1),
						"v_leak", floats(2, 0))
				.node("delay", "Delay", "delay", floats(2, 1)).node("output", "Output", "shape", new long[] { 2 })
				.edges("input", "fc1", "lif1", "fc2", "li", "output").write(dir.resolve("all.nir"), "1.0.4");
		assertEquals("all.nir: 4 problems: node 'delay' (Delay) is not supported: a delay of its own on one projection (NIR's"
				+ " y(t) = x(t − τ)); Volr delays every projection of a run alike (simulate { delay d }) and a recurrent edge by its own"
				+ " steps, so it would need a delay per projection; node 'li' (CubaLI) is not supported: a leaky integrator"
				+ " behind a synaptic current (Volr's leaky integrator is LI); node 'delay' (Delay) is not on the chain from the input to the"
				+ " output; Volr reads chains of nodes only; node 'lif1' (LIF): 'v_threshold' differs between neurons (1.0 and 2.0); Volr's"
				+ " neurons share it (per neuron Volr takes time constants and v_leak only). Volr reads Input, Affine, Linear, Conv2d, AvgPool2d, SumPool2d, Flatten, IF, LIF, CubaLIF, LI and"
				+ " Output nodes", refusal(file));
	}

	/**
	 * NIR node kinds Volr does not run (Scale after neurons, Threshold, Delay, I, CubaLI, Conv1d), each named in the one refusal,
	 * with what else stops the file (a node off the chain, a neuron node after no weights).
	 */
	@Test
	void everyNodeKindVolrDoesNotRunIsNamedInOneRefusal() throws Exception {
		Path file = new NirFile().node("input", "Input", "shape", new long[] { 3 })
				.node("fc1", "Affine", "weight", matrix(4, 3, 0), "bias", floats(4, 0))
				.node("lif1", "LIF", "tau", floats(4, 0.01f), "r", floats(4, 1), "v_leak", floats(4, 0), "v_threshold", floats(4, 1))
				.node("scale", "Scale", "scale", floats(4, 2))
				.node("thr", "Threshold", "threshold", floats(4, 1))
				.node("delay", "Delay", "delay", floats(4, 1))
				.node("integ", "I", "r", floats(4, 1))
				.node("li", "CubaLI", "tau_mem", floats(4, 0.01f), "tau_syn", floats(4, 0.01f), "r", floats(4, 1), "v_leak", floats(4, 0))
				.node("conv", "Conv1d", "weight", new float[][][] { { { 1f } } }, "bias", floats(1, 0), "stride", new long[] { 1 },
						"padding", new long[] { 0 }, "dilation", new long[] { 1 }, "groups", Long.valueOf(1), "input_shape", new long[] { 4 })
				.node("output", "Output", "shape", new long[] { 4 })
				.edges("input", "fc1", "lif1", "scale", "thr", "delay", "integ", "li", "conv", "output").write(dir.resolve("kinds.nir"), "1.0.7");
		String refusal = refusal(file);
		assertTrue(refusal.startsWith("kinds.nir: "), refusal);
		assertTrue(refusal.endsWith(". Volr reads Input, Affine, Linear, Conv2d, AvgPool2d, SumPool2d, Flatten, IF, LIF, CubaLIF, LI and Output"
				+ " nodes"), refusal);
		for (String kind : List.of("'scale' (Scale)", "'thr' (Threshold)", "'delay' (Delay)", "'integ' (I)", "'li' (CubaLI)", "'conv' (Conv1d)"))
			assertTrue(refusal.contains("node " + kind + " is not supported"), kind + ": " + refusal);
		assertEquals(1, refusal.lines().count(), refusal);
	}

	/**
	 * An IF node with r and v_reset: r folds into the threshold (v_threshold / r), v_reset 0 is read; a v_reset other
	 * than 0, which the imported experiment cannot express, is refused naming the node.
	 */
	@Test
	void ifWithRAndVResetFoldsROrIsRefusedForAResetOtherThanZero() throws Exception {
		for (float reset : new float[] { 0f, -0.5f }) {
			Path file = new NirFile().node("input", "Input", "shape", new long[] { 3 })
					.node("fc", "Affine", "weight", matrix(2, 3, 0), "bias", floats(2, 0))
					.node("if1", "IF", "r", floats(2, 2), "v_threshold", floats(2, 3), "v_reset", floats(2, reset))
					.node("output", "Output", "shape", new long[] { 2 }).edges("input", "fc", "if1", "output")
					.write(dir.resolve("reset" + reset + ".nir"), "1.0.7");
			if (reset == 0f) {
				NirReader.Result r = NirReader.readWithNeuron(file, "m");
				assertEquals(org.volr.gen.nir.NirNeuron.ifNeuron(1.5f), r.neuron());
				assertTrue(r.model().notes().contains("neuron node 'if1' has r = 2.0: the common threshold is v_threshold / r = 1.5"),
						r.model().notes().toString());
			} else
				assertEquals("reset-0.5.nir: node 'if1' (IF) has v_reset = -0.5; NIR sets the membrane to v_reset after a spike, and Volr reads"
						+ " IF and LIF nodes that reset to 0 only (its reset is set by the experiment's conversion block)", refusal(file));
		}
	}

	// ----- the real files

	private static final List<String> REAL = List.of("paper_01_lif_debug_spike_representation_two_lif_neurons.nir",
			"paper_01_lif_lif_norse.nir", "paper_01_lif_lif_rockpool.nir", "paper_02_cnn_cnn_sinabs.nir",
			"paper_03_rnn_braille_noDelay_bias_zero.nir", "paper_03_rnn_braille_noDelay_noBias_subtract.nir");

	/** Each real file imports (Sinabs' CNN with its pools folded into the layers after them, SumPoolFoldTest). */
	@Test
	void everyRealFileImports() throws Exception {
		for (String f : REAL) {
			NirGraph g = NirGraphReader.read(data(f));
			assertFalse(g.nodes().isEmpty(), f);
			assertFalse(NirReader.read(data(f), "m").network().getBody() == null, f);
		}
	}

	/** Norse and Rockpool exported the same one-neuron network: the parts their exports share agree. */
	@Test
	void norseAndRockpoolExportsOfOneNetworkAgree() throws Exception {
		NirGraph norse = NirGraphReader.read(data("paper_01_lif_lif_norse.nir")), rockpool = NirGraphReader.read(data("paper_01_lif_lif_rockpool.nir"));
		List<String> a = chain(norse), b = chain(rockpool);
		assertEquals(List.of("Input", "Affine", "LIF", "Output"), a.stream().map(n -> norse.node(n).type()).toList());
		assertEquals(List.of("Input", "Linear", "LIF", "Output"), b.stream().map(n -> rockpool.node(n).type()).toList());
		for (String field : List.of("tau", "v_threshold", "v_leak"))
			assertEquals(norse.node(a.get(2)).field(field), rockpool.node(b.get(2)).field(field), field);
		assertArrayEquals(norse.node(a.get(1)).field("weight").shape(), rockpool.node(b.get(1)).field("weight").shape());
		assertEquals(norse.node(a.get(0)).field("shape"), rockpool.node(b.get(0)).field("shape"));
		assertEquals(List.of(), norse.cycles());
		assertEquals(List.of(), rockpool.cycles());
	}

	/** The two Braille networks were trained differently (38 and 40 neurons): their graphs have the same form. */
	@Test
	void theTwoBrailleGraphsHaveTheSameForm() throws Exception {
		NirGraph a = NirGraphReader.read(data("paper_03_rnn_braille_noDelay_bias_zero.nir"));
		NirGraph b = NirGraphReader.read(data("paper_03_rnn_braille_noDelay_noBias_subtract.nir"));
		assertEquals(a.nodes().keySet(), b.nodes().keySet());
		assertEquals(new HashSet<>(a.edges()), new HashSet<>(b.edges()));
		assertEquals(a.cycles(), b.cycles());
		assertEquals(List.of(List.of("lif1.lif", "lif1.w_rec")), a.cycles());
		for (String n : List.of("input", "lif1.lif", "lif2", "output"))
			assertEquals(a.node(n).type(), b.node(n).type(), n);
		for (String n : List.of("lif1.lif", "lif2"))
			assertEquals(a.node(n).fields().keySet(), b.node(n).fields().keySet(), n);
		assertEquals(a.node("input").field("shape"), b.node("input").field("shape"));
		assertEquals(a.node("output").field("shape"), b.node("output").field("shape"));
	}

	// ----- helpers

	/** The nodes from the Input along first successors to the Output. */
	private static List<String> chain(NirGraph g) {
		List<String> c = new ArrayList<>(g.ofType("Input"));
		while (!g.successors(c.get(c.size() - 1)).isEmpty() && c.size() <= g.nodes().size())
			c.add(g.successors(c.get(c.size() - 1)).get(0));
		return c;
	}

	private static String refusal(Path file) {
		return assertThrows(ImportException.class, () -> NirReader.read(file, "m")).getMessage();
	}

	private static List<Layer> layers(org.volr.convert.ImportedModel m) {
		List<Layer> l = new ArrayList<>();
		for (NetExpr e : ((Block) m.network().getBody()).getSteps())
			l.add((Layer) e);
		return l;
	}

	/** Each value times the gain, rounded to float as the reader stores it. */
	private static float[] times(float[] values, double gain) {
		float[] t = new float[values.length];
		for (int i = 0; i < t.length; i++)
			t[i] = (float) (values[i] * gain);
		return t;
	}

	private static float[] flat(float[][] m) {
		float[] f = new float[m.length * m[0].length];
		for (int r = 0; r < m.length; r++)
			System.arraycopy(m[r], 0, f, r * m[0].length, m[0].length);
		return f;
	}
}
