package org.volr.gen.nir.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.emf.ecore.util.EcoreUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.convert.ImportException;
import org.volr.convert.ImportedModel;
import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;
import org.volr.gen.nir.NeuronClause;
import org.volr.gen.nir.NirGraph;
import org.volr.gen.nir.NirGraphReader;
import org.volr.gen.nir.NirNeuron;
import org.volr.gen.nir.NirReader;
import org.volr.gen.nir.NirTime;
import org.volr.gen.nir.NirWriter;
import org.volr.model.Block;
import org.volr.model.Conv;
import org.volr.model.ConvKind;
import org.volr.model.Dense;
import org.volr.model.Flatten;
import org.volr.model.Layer;
import org.volr.model.NetExpr;
import org.volr.model.Network;
import org.volr.model.Padding;
import org.volr.model.Parallel;
import org.volr.model.Pool;
import org.volr.model.PoolKind;
import org.volr.model.Shape;
import org.volr.model.VolrFactory;
import org.volr.model.shapes.ShapeInference;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

public class NirTest {
	private static final VolrFactory F = VolrFactory.eINSTANCE;

	/** The datasets of each node type, as nir.write produces them (checked against the real files below). */
	private static final Map<String, Set<String>> FIELDS = Map.ofEntries(
			Map.entry("Input", Set.of("type", "shape")),
			Map.entry("Output", Set.of("type", "shape")),
			Map.entry("Affine", Set.of("type", "weight", "bias")),
			Map.entry("Linear", Set.of("type", "weight")),
			Map.entry("Conv2d", Set.of("type", "weight", "bias", "stride", "padding", "dilation", "groups", "input_shape")),
			Map.entry("AvgPool2d", Set.of("type", "kernel_size", "stride", "padding")),
			Map.entry("SumPool2d", Set.of("type", "kernel_size", "stride", "padding")),
			Map.entry("Flatten", Set.of("type", "input_type", "start_dim", "end_dim")),
			Map.entry("IF", Set.of("type", "r", "v_threshold")),
			Map.entry("LIF", Set.of("type", "tau", "r", "v_leak", "v_threshold")),
			Map.entry("CubaLIF", Set.of("type", "tau_syn", "tau_mem", "r", "v_leak", "v_threshold", "w_in")));
	private static final Set<String> INT_FIELDS = Set.of("shape", "stride", "padding", "dilation", "groups", "input_shape",
			"kernel_size", "input_type", "start_dim", "end_dim");
	private static final Set<String> SCALAR_FIELDS = Set.of("groups", "start_dim", "end_dim");

	static Path data(String name) {
		String base = System.getProperty("volr.thirdparty", "../../testdata");
		return Path.of(base, "nir", name);
	}

	// ----- a network with every layer kind the writer handles

	static Network cnn() {
		Network n = F.createNetwork();
		n.setName("cnn");
		Shape s = F.createShape();
		s.getDims().addAll(List.of(2, 8, 8));
		n.setInput(s);
		Block b = F.createBlock();
		n.setBody(b);
		Conv c = F.createConv();
		c.setKind(ConvKind.CONV2D);
		c.setFilters(4);
		c.getKernel().add(3);
		c.getPadAmount().add(1);
		c.setLabel("c1");
		Conv c2 = F.createConv();
		c2.setKind(ConvKind.CONV2D);
		c2.setFilters(3);
		c2.getKernel().add(3);
		c2.getStride().add(2);
		c2.setLabel("c2");
		Pool p = F.createPool();
		p.setKind(PoolKind.AVG2D);
		p.getSize().add(1);
		p.setLabel("p1");
		Flatten f = F.createFlatten();
		f.setLabel("flat");
		Dense d1 = F.createDense();
		d1.setUnits(10);
		d1.setLabel("fc1");
		Dense d2 = F.createDense();
		d2.setUnits(3);
		d2.setLabel("fc2");
		b.getSteps().addAll(List.of(c, c2, p, f, d1, d2));
		return n;
	}

	static WeightStore weightsFor(Network n, boolean fc2Bias) {
		Random r = new Random(42);
		WeightStore w = new WeightStore();
		put(w, r, "c1.weight", 4, 2, 3, 3);
		put(w, r, "c1.bias", 4);
		put(w, r, "c2.weight", 3, 4, 3, 3);
		put(w, r, "c2.bias", 3);
		put(w, r, "fc1.weight", 27, 10);
		put(w, r, "fc1.bias", 10);
		put(w, r, "fc2.weight", 10, 3);
		if (fc2Bias)
			put(w, r, "fc2.bias", 3);
		return w;
	}

	private static void put(WeightStore w, Random r, String name, int... shape) {
		int count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
		float[] d = new float[count];
		for (int i = 0; i < count; i++)
			d[i] = (float) r.nextGaussian();
		w.put(name, shape, d);
	}

	private static void keep(Path written, String name) throws Exception {
		String out = System.getProperty("volr.nir.out");
		if (out != null) {
			Files.createDirectories(Path.of(out));
			Files.copy(written, Path.of(out, name), StandardCopyOption.REPLACE_EXISTING);
		}
	}

	@Test
	void roundTripGivesTheSameNetworkAndBitEqualWeights(@TempDir Path dir) throws Exception {
		Network net = cnn();
		assertTrue(ShapeInference.of(net).problems().isEmpty(), () -> ShapeInference.of(net).problems().toString());
		WeightStore w = weightsFor(net, false);
		Path file = dir.resolve("cnn.nir");
		NirWriter.write(net, w, NirNeuron.ifNeuron(1f), file);
		keep(file, "cnn.nir");
		NirReader.Result result = NirReader.readWithNeuron(file, "cnn");
		ImportedModel m = result.model();
		assertTrue(EcoreUtil.equals(net, m.network()), "the network read back differs");
		List<Layer> a = layers(net), b = layers(m.network());
		assertEquals(a.size(), b.size());
		ShapeInference sa = ShapeInference.of(net), sb = ShapeInference.of(m.network());
		for (int i = 0; i < a.size(); i++) {
			assertEquals(a.get(i).getLabel(), b.get(i).getLabel());
			assertEquals(a.get(i).eClass(), b.get(i).eClass());
			assertEquals(sa.typeOf(a.get(i)), sb.typeOf(b.get(i)));
		}
		assertEquals(new TreeSet<>(w.names()), new TreeSet<>(m.weights().names()));
		for (String k : w.names())
			assertEquals(w.get(k), m.weights().get(k), k); // FloatTensor.equals: same shape, bit-equal values
		assertEquals(NirNeuron.ifNeuron(1f), result.neuron());
		// no temporary file left beside the target
		try (var files = Files.list(dir)) {
			assertEquals(List.of(file), files.toList());
		}
	}

	@Test
	void lifRoundTripKeepsTheNeuron(@TempDir Path dir) throws Exception {
		Network net = cnn();
		WeightStore w = weightsFor(net, true);
		Path file = dir.resolve("lif.nir");
		// written with the r whose input gain at the step is 1 (NirTarget.neuron), read back at that step: the same network
		NirTime time = NirTime.PAPER;
		NirNeuron lif = new NirNeuron(NirNeuron.Kind.LIF, 0.5f, (float) (1 / time.leakyStep(0.02f)), 0.02f, 0f, 0f, 0f);
		NirWriter.write(net, w, lif, file);
		NirReader.Result r = NirReader.readWithNeuron(file, "cnn", time);
		assertEquals(NirNeuron.lif(0.02f, 0.5f, 0f), r.neuron());
		for (String k : w.names())
			assertEquals(w.get(k), r.model().weights().get(k), k);
		try (HdfFile hdf = new HdfFile(file)) {
			Group fc1 = (Group) hdf.getByPath("node/nodes/fc1.lif");
			assertEquals(FIELDS.get("LIF"), fields(fc1));
			assertArrayEquals(new int[] { 10 }, ((Dataset) fc1.getChild("tau")).getDimensions());
			assertEquals("Affine", ((Dataset) hdf.getByPath("node/nodes/fc2/type")).getData());
		}
	}

	private static List<Layer> layers(Network n) {
		List<Layer> l = new ArrayList<>();
		for (NetExpr e : ((Block) n.getBody()).getSteps())
			l.add((Layer) e);
		return l;
	}

	private static Set<String> fields(Group g) {
		Set<String> s = new TreeSet<>();
		for (Node n : g)
			s.add(n.getName());
		return s;
	}

	/** Checks one NIR file against the layout of nir.write; returns the node types found. */
	static Set<String> checkLayout(Path file) throws Exception {
		Set<String> types = new TreeSet<>();
		try (HdfFile hdf = new HdfFile(file)) {
			assertInstanceOf(String.class, ((Dataset) hdf.getChild("version")).getData(), file + ": /version");
			Group graph = (Group) hdf.getChild("node");
			assertEquals("NIRGraph", ((Dataset) graph.getChild("type")).getData());
			Dataset edges = (Dataset) graph.getChild("edges");
			assertEquals(2, edges.getDimensions().length);
			assertEquals(2, edges.getDimensions()[1]);
			assertInstanceOf(String[][].class, edges.getData());
			Group nodes = (Group) graph.getChild("nodes");
			for (Node n : nodes) {
				Group g = (Group) n;
				Dataset typeSet = (Dataset) g.getChild("type");
				assertTrue(typeSet.isScalar(), file + ": " + n.getName() + "/type is not scalar");
				String type = (String) typeSet.getData();
				types.add(type);
				if (!FIELDS.containsKey(type))
					continue;
				Set<String> f = fields(g);
				f.remove("v_reset"); // optional in NIR >= 1.0
				assertEquals(new TreeSet<>(FIELDS.get(type)), f, file.getFileName() + ": fields of " + n.getName() + " (" + type + ")");
				for (Node c : g) {
					Dataset d = (Dataset) c;
					String what = file.getFileName() + ": " + n.getName() + "/" + c.getName();
					if (c.getName().equals("type"))
						continue;
					Class<?> jt = d.getJavaType();
					if (INT_FIELDS.contains(c.getName()))
						assertTrue(jt == long.class || jt == Long.class, what + ": " + jt + " (int64 expected)");
					else
						assertTrue(jt == float.class || jt == double.class || jt == Float.class || jt == Double.class, what + ": " + jt);
					assertEquals(SCALAR_FIELDS.contains(c.getName()), d.isScalar(), what + " scalar");
				}
			}
		}
		return types;
	}

	@Test
	void writtenFileHasTheLayoutOfTheRealFiles(@TempDir Path dir) throws Exception {
		Set<String> real = new TreeSet<>();
		try (var files = Files.list(data("").getParent().resolve("nir"))) {
			for (Path p : files.filter(p -> p.toString().endsWith(".nir")).sorted().toList())
				real.addAll(checkLayout(p));
		}
		assertTrue(real.containsAll(Set.of("Affine", "Linear", "Conv2d", "Flatten", "IF", "LIF", "CubaLIF", "Input", "Output")),
				real.toString());
		Path file = dir.resolve("cnn.nir");
		NirWriter.write(cnn(), weightsFor(cnn(), false), NirNeuron.defaultIF(), file);
		Set<String> written = checkLayout(file);
		assertEquals(new TreeSet<>(Set.of("Input", "Conv2d", "IF", "AvgPool2d", "Flatten", "Affine", "Linear", "Output")), written);
		try (HdfFile hdf = new HdfFile(file)) {
			Group nodes = (Group) hdf.getByPath("node/nodes");
			assertEquals(new TreeSet<>(List.of("input", "c1", "c1.if", "c2", "c2.if", "p1", "p1.if", "flat", "fc1", "fc1.if", "fc2",
					"fc2.if", "output")), fields(nodes));
			Dataset w = (Dataset) nodes.getByPath("fc1/weight");
			assertArrayEquals(new int[] { 10, 27 }, w.getDimensions(), "Affine weight is [out, in]");
			assertEquals(float.class, w.getJavaType());
			float[][] wt = (float[][]) w.getData();
			FloatTensor orig = weightsFor(cnn(), false).get("fc1.weight"); // [in, out]
			assertEquals(orig.data()[5 * 10 + 7], wt[7][5]);
			assertArrayEquals(new int[] { 4, 2, 3, 3 }, ((Dataset) nodes.getByPath("c1/weight")).getDimensions());
			assertArrayEquals(new long[] { 8, 8 }, (long[]) ((Dataset) nodes.getByPath("c1/input_shape")).getData());
			assertArrayEquals(new long[] { 1, 1 }, (long[]) ((Dataset) nodes.getByPath("c1/padding")).getData());
			assertArrayEquals(new long[] { 2, 2 }, (long[]) ((Dataset) nodes.getByPath("c2/stride")).getData());
			assertArrayEquals(new long[] { 3, 3, 3 }, (long[]) ((Dataset) nodes.getByPath("flat/input_type")).getData());
			assertArrayEquals(new int[] { 4, 8, 8 }, ((Dataset) nodes.getByPath("c1.if/v_threshold")).getDimensions());
			String[][] edges = (String[][]) hdf.getDatasetByPath("node/edges").getData();
			assertEquals(12, edges.length);
			assertArrayEquals(new String[] { "input", "c1" }, edges[0]);
			assertArrayEquals(new String[] { "fc2.if", "output" }, edges[edges.length - 1]);
		}
	}

	@Test
	void parallelIsLoweredIntoColumnBlocks(@TempDir Path dir) throws Exception {
		Network n = F.createNetwork();
		n.setName("par");
		Shape s = F.createShape();
		s.getDims().add(4);
		n.setInput(s);
		Block b = F.createBlock();
		n.setBody(b);
		Parallel par = F.createParallel();
		Dense a = F.createDense();
		a.setUnits(3);
		a.setLabel("a");
		Dense bb = F.createDense();
		bb.setUnits(2);
		bb.setLabel("b");
		par.getBranches().addAll(List.of(a, bb));
		Dense c = F.createDense();
		c.setUnits(2);
		c.setLabel("c");
		b.getSteps().addAll(List.of(par, c));
		assertTrue(ShapeInference.of(n).problems().isEmpty(), () -> ShapeInference.of(n).problems().toString());
		WeightStore w = new WeightStore();
		Random r = new Random(1);
		put(w, r, "a.weight", 4, 3);
		put(w, r, "b.weight", 4, 2);
		put(w, r, "c.weight", 5, 2);
		put(w, r, "c.bias", 2);
		Path file = dir.resolve("par.nir");
		NirWriter.write(n, w, NirNeuron.defaultIF(), file);
		keep(file, "par.nir");
		checkLayout(file);
		try (HdfFile hdf = new HdfFile(file)) {
			float[][] c0 = (float[][]) hdf.getDatasetByPath("node/nodes/c.in0/weight").getData();
			float[][] c1 = (float[][]) hdf.getDatasetByPath("node/nodes/c.in1/weight").getData();
			assertEquals("Affine", hdf.getDatasetByPath("node/nodes/c.in0/type").getData());
			assertEquals("Linear", hdf.getDatasetByPath("node/nodes/c.in1/type").getData());
			assertEquals(2, c0.length);
			assertEquals(3, c0[0].length);
			assertEquals(2, c1[0].length);
			float[] cw = w.get("c.weight").data(); // [5, 2]
			assertEquals(cw[1 * 2 + 1], c0[1][1]);
			assertEquals(cw[(3 + 1) * 2 + 0], c1[0][1]);
			List<String> into = new ArrayList<>();
			for (String[] e : (String[][]) hdf.getDatasetByPath("node/edges").getData())
				if (e[1].equals("c.if"))
					into.add(e[0]);
			assertEquals(List.of("c.in0", "c.in1"), into);
		}
		// the reader does not take merging graphs back, and says where
		ImportException e = assertThrows(ImportException.class, () -> NirReader.read(file, "par"));
		assertTrue(e.getMessage().contains("node 'input' (Input) fans out to [a, b]"), e.getMessage());
	}

	@Test
	void unsupportedLayersAreRefusedByName(@TempDir Path dir) {
		Network n = cnn();
		((Pool) layers(n).get(2)).setKind(PoolKind.MAX2D);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> NirWriter.write(n, weightsFor(n, false), NirNeuron.defaultIF(), dir.resolve("x.nir")));
		assertTrue(e.getMessage().contains("layer 'p1'"), e.getMessage());
		assertFalse(Files.exists(dir.resolve("x.nir")));
	}

	@Test
	void sameConvolutionPaddingIsWrittenWhenBothSidesAreAlike(@TempDir Path dir) throws Exception {
		// 9×9 maps, kernel 3, stride 2: 'same' pads one row and column on each side, which NIR's Conv2d expresses
		Network n = cnn();
		n.getInput().getDims().clear();
		n.getInput().getDims().addAll(List.of(2, 9, 9));
		((Conv) layers(n).get(1)).setPadding(Padding.SAME);
		WeightStore w = weightsFor(n, false);
		put(w, new Random(1), "fc1.weight", 3 * 5 * 5, 10);
		Path file = dir.resolve("same.nir");
		NirWriter.write(n, w, NirNeuron.defaultIF(), file);
		try (HdfFile hdf = new HdfFile(file)) {
			assertArrayEquals(new long[] { 1, 1 }, (long[]) hdf.getDatasetByPath("node/nodes/c2/padding").getData());
		}
		// 8×8 maps: the odd extra row and column go after the map, which NIR's symmetric padding cannot express
		Network asymmetric = cnn();
		((Conv) layers(asymmetric).get(1)).setPadding(Padding.SAME);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> NirWriter.write(asymmetric, weightsFor(asymmetric, false), NirNeuron.defaultIF(), dir.resolve("x.nir")));
		assertTrue(e.getMessage().contains("layer 'c2'") && e.getMessage().contains("asymmetric"), e.getMessage());
	}

	// ----- the real files

	@Test
	void norseLifImports() throws Exception {
		NirReader.Result r = NirReader.readWithNeuron(data("paper_01_lif_lif_norse.nir"), "norse");
		List<Layer> l = layers(r.model().network());
		assertEquals(1, l.size());
		// node '0' is no identifier: its layer is labelled n0, and its weights are named so
		assertEquals("n0", l.get(0).getLabel());
		assertTrue(r.model().notes().contains("node '0' (Affine) is labelled 'n0' (a label must be an identifier)"),
				r.model().notes().toString());
		assertEquals(1, ((Dense) l.get(0)).getUnits());
		// w = 1 times the LIF's input gain r·dt/tau = 1·0.1 ms/2.5 ms at the default step
		assertEquals(new FloatTensor(new int[] { 1, 1 }, new float[] { (float) (1e-4 / 0.0025f) }), r.model().weights().get("n0.weight"));
		assertTrue(r.model().weights().contains("n0.bias"));
		assertEquals(2, r.model().weights().size());
		assertEquals(NirNeuron.Kind.LIF, r.neuron().kind());
		assertEquals(0.0025f, r.neuron().tau());
		assertEquals(0.1f, r.neuron().threshold());
	}

	@Test
	void rockpoolLifImports() throws Exception {
		NirReader.Result r = NirReader.readWithNeuron(data("paper_01_lif_lif_rockpool.nir"), "rockpool");
		List<Layer> l = layers(r.model().network());
		assertEquals(List.of("n0_LinearTorch"), l.stream().map(Layer::getLabel).toList());
		assertTrue(r.model().weights().contains("n0_LinearTorch.weight"));
		assertFalse(r.model().weights().contains("n0_LinearTorch.bias"));
		assertEquals(NirNeuron.Kind.LIF, r.neuron().kind());
	}

	/**
	 * lif1 has v_leak 1.2, lif2 v_leak 0 and threshold 20: lif1 is the experiment's neuron, and lif2's layer has its own
	 * neuron clause (its leak differs, so its threshold cannot be folded into weights).
	 */
	@Test
	void twoLifNeuronsThatDifferGiveTheSecondLayerItsOwnNeuron() throws Exception {
		Path file = data("paper_01_lif_debug_spike_representation_two_lif_neurons.nir");
		NirGraph g = NirGraphReader.read(file);
		NirReader.Result r = NirReader.readWithNeuron(file, "two");
		List<Layer> l = layers(r.model().network());
		assertEquals(List.of("linear1", "linear2"), l.stream().map(Layer::getLabel).toList());
		NirGraph.Node lif1 = g.node("lif1"), lif2 = g.node("lif2");
		assertEquals(NirNeuron.lif((float) lif1.field("tau").values()[0], (float) lif1.field("v_threshold").values()[0],
				(float) lif1.field("v_leak").values()[0]), r.neuron());
		assertEquals(null, l.get(0).getNeuron());
		NirNeuron own = NirNeuron.lif((float) lif2.field("tau").values()[0], (float) lif2.field("v_threshold").values()[0],
				(float) lif2.field("v_leak").values()[0]);
		assertTrue(EcoreUtil.equals(NeuronClause.model(own), l.get(1).getNeuron()), NeuronClause.text(own));
		assertTrue(r.model().notes().stream().anyMatch(n -> n.contains("layer 'linear2' has a neuron of its own, " + NeuronClause.text(own))),
				r.model().notes().toString());
		assertEquals(null, r.readout());
	}

	/** Sum pooling (NIR's SumPool2d) goes out and comes back as itself, with its window. */
	@Test
	void sumPoolingRoundTrips(@TempDir Path dir) throws Exception {
		Network net = cnn();
		Pool p = (Pool) layers(net).get(2);
		p.setKind(PoolKind.SUM2D);
		WeightStore w = weightsFor(net, false);
		Path file = dir.resolve("sum.nir");
		NirWriter.write(net, w, NirNeuron.ifNeuron(1f), file);
		try (HdfFile hdf = new HdfFile(file)) {
			assertEquals("SumPool2d", ((Dataset) hdf.getByPath("node/nodes/p1/type")).getData());
			assertEquals(FIELDS.get("SumPool2d"), fields((Group) hdf.getByPath("node/nodes/p1")));
		}
		ImportedModel m = NirReader.read(file, "cnn");
		assertTrue(EcoreUtil.equals(net, m.network()), "the network read back differs");
		assertEquals(PoolKind.SUM2D, ((Pool) layers(m.network()).get(2)).getKind());
	}

	/**
	 * The Braille RNNs feed lif1.lif back into itself through lif1.w_rec: fc1 becomes a recurrent dense layer. Their
	 * CubaLIF nodes have r·w_in ≠ tau_mem, so each layer's input gain r·w_in/tau_mem is folded into every weight entering
	 * it (weight, bias, recurrent weight, the Affine cycle's bias added to the layer's), and lif2's time constants differ
	 * from lif1's, so fc2 has a neuron of its own. Expected values are computed from the file's own fields.
	 */
	@Test
	void brailleRnnsImportAsARecurrentLayerWithTheirInputGainFoldedIntoTheWeights() throws Exception {
		for (String f : List.of("paper_03_rnn_braille_noDelay_bias_zero.nir", "paper_03_rnn_braille_noDelay_noBias_subtract.nir")) {
			NirGraph g = NirGraphReader.read(data(f));
			NirReader.Result r = NirReader.readWithNeuron(data(f), "rnn");
			List<Layer> l = layers(r.model().network());
			assertEquals(List.of("fc1", "fc2"), l.stream().map(Layer::getLabel).toList(), f);
			Dense fc1 = (Dense) l.get(0), fc2 = (Dense) l.get(1);
			assertTrue(fc1.isRecurrent(), f);
			assertFalse(fc2.isRecurrent(), f);
			int units = fc1.getUnits();
			double gain1 = gain(g.node("lif1.lif")), gain2 = gain(g.node("lif2"));
			// snnTorch writes r = tau_mem/dt and w_in = tau_syn/dt: the gain at its dt is tau_syn/dt
			assertEquals(g.node("lif1.lif").field("tau_syn").floats()[0] / 1e-4, gain1, 1e-3, f);
			assertEquals(g.node("lif2").field("tau_syn").floats()[0] / 1e-4, gain2, 1e-3, f);
			WeightStore w = r.model().weights();
			float[] rec = g.node("lif1.w_rec").field("weight").floats(), in = g.node("fc1").field("weight").floats();
			FloatTensor wRec = w.get("fc1.weight_rec"), w1 = w.get("fc1.weight");
			assertArrayEquals(new int[] { units, units }, wRec.shape(), f);
			for (int j = 0; j < units; j++) // [from, to]: what a spike of neuron j adds to neuron k, NIR's rec[k][j]
				for (int k = 0; k < units; k++)
					assertEquals((float) (rec[k * units + j] * gain1), wRec.data()[j * units + k], f + " weight_rec " + j + "," + k);
			int inputs = w1.shape()[0];
			for (int i = 0; i < inputs; i++)
				for (int k = 0; k < units; k++)
					assertEquals((float) (in[k * inputs + i] * gain1), w1.data()[i * units + k], f + " fc1 " + i + "," + k);
			if (g.node("fc1").type().equals("Affine")) {
				float[] b1 = g.node("fc1").field("bias").floats(), bRec = g.node("lif1.w_rec").field("bias").floats();
				for (int k = 0; k < units; k++)
					assertEquals((float) ((b1[k] + bRec[k]) * gain1), w.get("fc1.bias").data()[k], f + " bias " + k);
				assertTrue(r.model().notes().stream().anyMatch(n -> n.startsWith("warning: the bias of node 'lif1.w_rec' (Affine) is added")),
						r.model().notes().toString());
			} else
				assertFalse(w.contains("fc1.bias"), f);
			float[] out = g.node("fc2").field("weight").floats();
			assertEquals((float) (out[0] * gain2), w.get("fc2.weight").data()[0], f);
			// lif1 is the experiment's neuron, lif2 (other time constants) fc2's own
			NirGraph.Node n1 = g.node("lif1.lif"), n2 = g.node("lif2");
			assertEquals(NirNeuron.cubaLif((float) n1.field("tau_mem").values()[0], (float) n1.field("tau_syn").values()[0], 1f, 0f, 0f), r.neuron(), f);
			assertEquals(null, fc1.getNeuron(), f);
			NirNeuron own = NirNeuron.cubaLif((float) n2.field("tau_mem").values()[0], (float) n2.field("tau_syn").values()[0], 1f, 0f, 0f);
			assertTrue(EcoreUtil.equals(NeuronClause.model(own), fc2.getNeuron()), f + ": " + NeuronClause.text(own));
		}
	}

	/** NIR's CubaLIF input gain r·w_in·dt/tau_mem at the default 0.1 ms, as the reader computes it from the node's values. */
	private static double gain(NirGraph.Node cuba) {
		float r = cuba.field("r").floats()[0], wIn = cuba.field("w_in").floats()[0], tau = cuba.field("tau_mem").floats()[0];
		return (double) r * wIn * 1e-4 / tau;
	}

	@Test
	void truncatedFileIsRefusedNamingIt(@TempDir Path dir) throws Exception {
		byte[] all = Files.readAllBytes(data("paper_01_lif_lif_norse.nir"));
		for (int len : new int[] { 0, 100, 2000, all.length / 2 }) {
			Path cut = dir.resolve("cut" + len + ".nir");
			Files.write(cut, Arrays.copyOf(all, len));
			ImportException e = assertThrows(ImportException.class, () -> NirReader.read(cut, "cut"), "length " + len);
			assertTrue(e.getMessage().startsWith("cut" + len + ".nir: "), e.getMessage());
		}
	}
}
