package org.volr.gen.nir.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.emf.ecore.util.EcoreUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.convert.ImportException;
import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;
import org.volr.gen.GeneratedFiles;
import org.volr.gen.GenerationInput;
import org.volr.gen.nir.NeuronClause;
import org.volr.gen.nir.NirNeuron;
import org.volr.gen.nir.NirReader;
import org.volr.gen.nir.NirTarget;
import org.volr.gen.nir.NirTime;
import org.volr.gen.nir.NirWriter;
import org.volr.lang.api.Diagnostic;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Block;
import org.volr.model.Dense;
import org.volr.model.DiscretisationKind;
import org.volr.model.Experiment;
import org.volr.model.ImportedWeights;
import org.volr.model.Network;
import org.volr.model.ResetMode;
import org.volr.model.NeuronModel;
import org.volr.model.Parameter;
import org.volr.model.Quantity;
import org.volr.model.Shape;
import org.volr.model.VolrFactory;
import org.volr.model.VolrFile;
import org.volr.model.WeightFormat;
import org.volr.sim.NeuronSpec;
import org.volr.sim.SimulationConfig;
import org.volr.pipeline.GenerationSettings;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;

/** CubaLIF neurons to NIR and back (mapping: NirNeuron, NirWriter; SEMANTICS.md "Current-based synapses"). */
public class CubaLifNirTest {
	private static final VolrFactory F = VolrFactory.eINSTANCE;
	private static final double DT = 1.0;
	/** The step the writer writes for and the reader reads at: DT, exact (GenerationSettings' default). */
	private static final NirTime TIME = NirTime.ofMillis(DT, null);

	/** Dense 4 → 3 (with bias) → 2 (without), labelled h1 and out. */
	static Network mlp() {
		Network n = F.createNetwork();
		n.setName("mlp");
		Shape s = F.createShape();
		s.getDims().add(4);
		n.setInput(s);
		Block b = F.createBlock();
		n.setBody(b);
		Dense h1 = F.createDense();
		h1.setUnits(3);
		h1.setLabel("h1");
		Dense out = F.createDense();
		out.setUnits(2);
		out.setLabel("out");
		b.getSteps().addAll(List.of(h1, out));
		return n;
	}

	static WeightStore mlpWeights() {
		Random r = new Random(7);
		WeightStore w = new WeightStore();
		w.put("h1.weight", new int[] { 4, 3 }, gaussian(r, 12));
		w.put("h1.bias", new int[] { 3 }, gaussian(r, 3));
		w.put("out.weight", new int[] { 3, 2 }, gaussian(r, 6));
		return w;
	}

	private static float[] gaussian(Random r, int n) {
		float[] d = new float[n];
		for (int i = 0; i < n; i++)
			d[i] = (float) r.nextGaussian();
		return d;
	}

	/** A Volr neuron block, resolved as an experiment would resolve it at dt = 1 ms. */
	static NeuronSpec spec(String kind, Object... nameValueUnit) {
		NeuronModel m = F.createNeuronModel();
		m.setKind(kind);
		for (int i = 0; i < nameValueUnit.length; i += 3) {
			Parameter p = F.createParameter();
			p.setName((String) nameValueUnit[i]);
			Quantity q = F.createQuantity();
			q.setValue(((Number) nameValueUnit[i + 1]).doubleValue());
			q.setUnit((String) nameValueUnit[i + 2]);
			p.setValue(q);
			m.getParams().add(p);
		}
		return NeuronSpec.from(m, null, DT);
	}

	static NeuronSpec cuba() {
		return spec("CubaLIF", "tau_m", 20, "ms", "tau_syn_E", 5, "ms", "tau_syn_I", 5, "ms", "v_thresh", 0.8, null, "v_rest",
				0.1, null, "v_reset", -0.2, null);
	}

	private static Set<String> children(Group g) {
		Set<String> s = new TreeSet<>();
		for (Node n : g)
			s.add(n.getName());
		return s;
	}

	private static void assertFilled(Group node, String field, float expected, int... shape) {
		Dataset d = (Dataset) node.getChild(field);
		assertArrayEquals(shape, d.getDimensions(), node.getName() + "/" + field + " shape");
		float[] flat = (float[]) d.getDataFlat();
		for (float v : flat)
			assertEquals(expected, v, node.getName() + "/" + field);
	}

	@Test
	void conductanceBasedNeuronsAreRefusedWithTheReason() {
		NeuronSpec coba = spec("CobaLIF", "tau_m", 20, "ms", "tau_syn_E", 5, "ms", "tau_syn_I", 5, "ms");
		GenerationInput input = new GenerationInput("mlp.volr", "run", mlp(), mlpWeights(),
				GenerationSettings.of(SimulationConfig.constant(10).withNeuron(coba.withReset(ResetMode.ZERO)), DT), Map.of(), null);
		List<String> problems = new NirTarget().validate(input);
		assertEquals(1, problems.size(), problems.toString());
		assertTrue(problems.get(0).contains("NIR has no conductance-based neuron") && problems.get(0).contains("use CubaLIF"), problems.get(0));
	}

	@Test
	void generateWritesCubaLifNodesWithExactlyNirsFieldsAndTheMappedValues(@TempDir Path dir) throws Exception {
		NeuronSpec subtracting = cuba();
		assertTrue(subtracting.hasSynapticCurrent());
		NirTarget target = new NirTarget();
		// Volr's default reset is subtractive; NIR's neurons reset to v_reset: refused, as PyNN refuses it
		GenerationInput refused = new GenerationInput("mlp.volr", "run", mlp(), mlpWeights(),
				GenerationSettings.of(SimulationConfig.constant(10).withNeuron(subtracting), DT), Map.of(), null);
		assertEquals(List.of("NIR's neurons reset to v_reset, not by subtract; convert with 'reset zero' (convert { ..., reset zero })"
				+ " for this target"), target.validate(refused));
		NeuronSpec spec = subtracting.withReset(ResetMode.ZERO);
		GenerationInput input = new GenerationInput("mlp.volr", "run", mlp(), mlpWeights(), GenerationSettings.of(SimulationConfig.constant(10).withNeuron(spec),
				DT), Map.of(), null);
		assertEquals(List.of(), target.validate(input), "CubaLIF experiments with reset zero are written");
		GeneratedFiles out = target.generate(input, dir);
		Path file = out.files().get(0);
		NirTest.checkLayout(file); // the layout of the real files, CubaLIF fields included
		Set<String> fields = new TreeSet<>(Set.of("type", "tau_syn", "tau_mem", "r", "v_leak", "v_threshold", "v_reset", "w_in"));
		try (HdfFile hdf = new HdfFile(file)) {
			assertEquals(new TreeSet<>(List.of("input", "h1", "h1.cubalif", "out", "out.cubalif", "output")),
					children((Group) hdf.getByPath("node/nodes")));
			for (String name : List.of("h1.cubalif", "out.cubalif")) {
				Group g = (Group) hdf.getByPath("node/nodes/" + name);
				int units = name.startsWith("h1") ? 3 : 2;
				assertEquals("CubaLIF", ((Dataset) g.getChild("type")).getData());
				assertEquals(fields, children(g), name + ": exactly the fields of NIR's CubaLIF dataclass");
				assertFilled(g, "tau_syn", 0.005f, units); // 5 ms in seconds
				assertFilled(g, "tau_mem", 0.02f, units); // 20 ms in seconds
				assertFilled(g, "r", 20f, units); // r = tau_mem/dt ...
				assertFilled(g, "w_in", 1f, units); // ... and w_in = 1: the input gain r·w_in·dt/tau_mem is 1
				assertFilled(g, "v_leak", 0.1f, units);
				assertFilled(g, "v_threshold", 0.8f, units);
				assertFilled(g, "v_reset", -0.2f, units);
			}
			String[][] edges = (String[][]) hdf.getDatasetByPath("node/edges").getData();
			assertTrue(Arrays.stream(edges).anyMatch(e -> e[0].equals("h1") && e[1].equals("h1.cubalif")));
			assertTrue(Arrays.stream(edges).anyMatch(e -> e[0].equals("h1.cubalif") && e[1].equals("out")));
		}
	}

	@Test
	void cubaLifArraysHaveTheShapeOfAConvolutionsOutput(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("cnn.nir");
		NirWriter.write(NirTest.cnn(), NirTest.weightsFor(NirTest.cnn(), false), NirTarget.neuron(GenerationSettings.neuron(cuba()), TIME), file);
		NirTest.checkLayout(file);
		try (HdfFile hdf = new HdfFile(file)) {
			Group c1 = (Group) hdf.getByPath("node/nodes/c1.cubalif");
			assertFilled(c1, "tau_syn", 0.005f, 4, 8, 8);
			assertFilled(c1, "w_in", 1f, 4, 8, 8);
			assertFilled((Group) hdf.getByPath("node/nodes/fc1.cubalif"), "r", 20f, 10);
		}
	}

	@Test
	void roundTripGivesTheSameNetworkAndTheSameCubaLifNeuron(@TempDir Path dir) throws Exception {
		Network net = mlp();
		WeightStore w = mlpWeights();
		NeuronSpec original = cuba();
		NirNeuron written = NirTarget.neuron(GenerationSettings.neuron(original), TIME);
		Path file = dir.resolve("mlp.nir");
		NirWriter.write(net, w, written, file);
		NirReader.Result r = NirReader.readWithNeuron(file, "mlp", TIME); // read for the step it was written for

		assertTrue(EcoreUtil.equals(net, r.model().network()), "the network read back differs");
		assertEquals(new TreeSet<>(w.names()), new TreeSet<>(r.model().weights().names()));
		for (String k : w.names())
			assertEquals(w.get(k), r.model().weights().get(k), k);
		assertEquals(NirNeuron.cubaLif(0.02f, 0.005f, 0.8f, 0.1f, -0.2f), r.neuron());
		assertEquals(NirNeuron.Kind.CUBA_LIF, r.neuron().kind());

		// the experiment of the imported .volr, built as `volr import` builds it, with the neuron clause of the result
		VolrFile volr = F.createVolrFile();
		volr.getElements().add(r.model().network());
		Experiment e = F.createExperiment();
		e.setName("mlp_run");
		e.setNetwork(r.model().network());
		ImportedWeights iw = F.createImportedWeights();
		iw.setFormat(WeightFormat.NPZ);
		iw.setPath("mlp.npz");
		e.setWeights(iw);
		e.setNeuron(r.neuronModel());
		volr.getElements().add(e);
		VolrLanguage lang = VolrLanguage.create();
		Path text = dir.resolve("mlp.volr");
		Files.writeString(text, lang.serializeDetached(volr));
		List<Diagnostic> errors = lang.check(List.of(text)).stream().filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
		assertEquals(List.of(), errors, Files.readString(text));
		Experiment parsed = (Experiment) lang.parse(Files.readString(text)).getElements().get(1);
		assertEquals("CubaLIF", parsed.getNeuron().getKind());
		Map<String, Quantity> params = new LinkedHashMap<>();
		parsed.getNeuron().getParams().forEach(p -> params.put(p.getName(), p.getValue()));
		assertEquals(List.of("tau_m", "tau_syn_E", "tau_syn_I", "v_thresh", "v_rest"), List.copyOf(params.keySet()));
		assertEquals(20.0, params.get("tau_m").getValue(), 1e-9);
		assertEquals("ms", params.get("tau_m").getUnit());
		assertEquals(5.0, params.get("tau_syn_E").getValue(), 1e-9);
		assertEquals(5.0, params.get("tau_syn_I").getValue(), 1e-9);
		assertEquals(0.8, params.get("v_thresh").getValue(), 1e-7);
		assertEquals(0.1, params.get("v_rest").getValue(), 1e-7);

		// resolved again at the same dt, the neuron steps exactly as the original did
		NeuronSpec back = NeuronSpec.from(parsed.getNeuron(), null, DT);
		assertEquals(original.leak(), back.leak(), "P22 = exp(-dt/tau_m)");
		assertEquals(original.synapseDecay(), back.synapseDecay(), "P11 = exp(-dt/tau_s)");
		assertEquals(original.synapseGain(), back.synapseGain());
		assertEquals(original.threshold(), back.threshold());
		assertEquals(original.restPotential(), back.restPotential());

		// the notes, which `volr import` writes at the top of the file, carry the same clause as text
		String clause = NeuronClause.text(r.neuron());
		assertEquals("neuron CubaLIF { tau_m 20 ms, tau_syn_E 5 ms, tau_syn_I 5 ms, v_thresh 0.8, v_rest 0.1 }", clause);
		assertTrue(r.model().notes().stream().anyMatch(n -> n.contains(clause)), r.model().notes().toString());
	}

	/** Volr's non-leaky CubaLIF (leak exactly 1f) needs a finite tau_mem in NIR (r = tau_mem) that reads back as no leak. */
	@Test
	void noLeakIsWrittenAsALongFiniteTauThatReadsBackAsNoLeak(@TempDir Path dir) throws Exception {
		NeuronSpec noLeak = spec("CubaLIF", "tau_m", 1e12, "ms", "tau_syn_E", 2, "ms", "tau_syn_I", 2, "ms");
		assertEquals(1f, noLeak.leak());
		NirNeuron n = NirTarget.neuron(GenerationSettings.neuron(noLeak), TIME);
		assertTrue(Float.isFinite(n.tau()) && n.tau() > 0, "tau_mem " + n.tau());
		Path file = dir.resolve("noleak.nir");
		NirWriter.write(mlp(), mlpWeights(), n, file);
		NirReader.Result r = NirReader.readWithNeuron(file, "mlp", TIME);
		assertEquals(mlpWeights().get("h1.weight"), r.model().weights().get("h1.weight"), "r = tau_mem/dt: the gain is 1");
		NeuronSpec back = NeuronSpec.from(r.neuronModel(), null, DT);
		assertEquals(1f, back.leak());
		assertEquals(noLeak.synapseDecay(), back.synapseDecay());
	}

	// ----- CubaLIF nodes not in Volr's convention

	/** input → fc (Affine 2→2) → lif2 (CubaLIF with the given r, w_in, tau_mem) → output, written as nir.write would. */
	private static Path cubaGraph(Path file, float r, float wIn, float tauMem) throws Exception {
		try (WritableHdfFile hdf = HdfFile.write(file)) {
			hdf.putDataset("version", "1.0.7");
			WritableGroup graph = hdf.putGroup("node");
			graph.putDataset("type", "NIRGraph");
			graph.putDataset("edges", new String[][] { { "input", "fc" }, { "fc", "lif2" }, { "lif2", "output" } });
			WritableGroup nodes = graph.putGroup("nodes");
			WritableGroup in = nodes.putGroup("input");
			in.putDataset("type", "Input");
			in.putDataset("shape", new long[] { 2 });
			WritableGroup fc = nodes.putGroup("fc");
			fc.putDataset("type", "Affine");
			fc.putDataset("weight", new float[][] { { 1f, 0.5f }, { -0.5f, 2f } });
			fc.putDataset("bias", new float[] { 0f, 0.1f });
			WritableGroup lif = nodes.putGroup("lif2");
			lif.putDataset("type", "CubaLIF");
			lif.putDataset("tau_syn", new float[] { 0.0002f, 0.0002f });
			lif.putDataset("tau_mem", new float[] { tauMem, tauMem });
			lif.putDataset("r", new float[] { r, r });
			lif.putDataset("v_leak", new float[] { 0f, 0f });
			lif.putDataset("v_threshold", new float[] { 1f, 1f });
			lif.putDataset("w_in", new float[] { wIn, wIn });
			WritableGroup out = nodes.putGroup("output");
			out.putDataset("type", "Output");
			out.putDataset("shape", new long[] { 2 });
		}
		return file;
	}

	/**
	 * The Braille RNN's lif2 (snnTorch's convention): r 2.22222, w_in 2, tau_mem 0.000222. Read at the NIR paper's
	 * 0.1 ms, its input gain r·w_in·dt/tau_mem (SEMANTICS.md, "Time in NIR graphs") is 2, folded into the weights
	 * entering the layer (weight and bias); only a gain that is no positive finite number is still refused.
	 */
	@Test
	void cubaLifInputGainForTheStepIsFoldedIntoTheWeights(@TempDir Path dir) throws Exception {
		Path snn = cubaGraph(dir.resolve("snntorch.nir"), 2.22222f, 2f, 0.000222222f);
		NirReader.Result r = NirReader.readWithNeuron(snn, "braille");
		double gain = (double) 2.22222f * 2f * 1e-4 / 0.000222222f;
		assertEquals(2.0, gain, 1e-4);
		// fc's NIR weight [out, in] {{1, 0.5}, {-0.5, 2}} in Volr's [in, out], times the gain; its bias likewise
		assertEquals(new FloatTensor(new int[] { 2, 2 }, new float[] { (float) (1f * gain), (float) (-0.5f * gain), (float) (0.5f * gain),
				(float) (2f * gain) }), r.model().weights().get("fc.weight"));
		assertEquals(new FloatTensor(new int[] { 2 }, new float[] { 0f, (float) (0.1f * gain) }), r.model().weights().get("fc.bias"));
		assertEquals(NirNeuron.cubaLif(0.000222222f, 0.0002f, 1f, 0f, 0f), r.neuron());
		assertTrue(r.model().notes().stream().anyMatch(n -> n.equals("neuron node 'lif2' (CubaLIF): its input gain r·w_in·dt/tau_mem = "
				+ (float) gain + " at dt = 0.1 ms is folded into the weights entering layer 'fc'")), r.model().notes().toString());
		// at another step the gain differs: 0.05 ms halves it
		NirReader.Result half = NirReader.readWithNeuron(snn, "braille", new NirTime(5e-5, DiscretisationKind.EULER));
		assertEquals((float) (2f * gain / 2), half.model().weights().get("fc.weight").data()[3], 1e-5f);
		// only the product counts: r·w_in = tau_mem/dt (r = 2·tau_mem/dt with w_in = 1/2) is Volr's neuron as it is
		Path split = cubaGraph(dir.resolve("split.nir"), 400f, 0.5f, 0.02f);
		NirReader.Result s = NirReader.readWithNeuron(split, "split");
		assertEquals(NirNeuron.cubaLif(0.02f, 0.0002f, 1f, 0f, 0f), s.neuron());
		assertEquals(new FloatTensor(new int[] { 2, 2 }, new float[] { 1f, -0.5f, 0.5f, 2f }), s.model().weights().get("fc.weight"));
		assertTrue(s.model().notes().stream().anyMatch(
				n -> n.contains("neuron CubaLIF { tau_m 20 ms, tau_syn_E 0.2 ms, tau_syn_I 0.2 ms, v_thresh 1, v_rest 0 }")),
				s.model().notes().toString());
		assertFalse(s.model().notes().stream().anyMatch(n -> n.contains("its input gain")), s.model().notes().toString());
		// what cannot be folded stays refused, naming the node: a gain of 0 or below
		for (float wIn : new float[] { 0f, -1f }) {
			Path bad = cubaGraph(dir.resolve("bad" + wIn + ".nir"), 0.02f, wIn, 0.02f);
			ImportException e = assertThrows(ImportException.class, () -> NirReader.read(bad, "bad"));
			assertTrue(e.getMessage().contains("node 'lif2' (CubaLIF) has r·w_in = ") && e.getMessage().contains("positive, finite gain"),
					e.getMessage());
		}
		// under Euler a step not below tau_syn (0.2 ms) is refused, naming the node, the field and what to do
		ImportException coarse = assertThrows(ImportException.class,
				() -> NirReader.readWithNeuron(snn, "braille", new NirTime(2e-4, DiscretisationKind.EULER)));
		assertTrue(coarse.getMessage().contains("node 'lif2' (CubaLIF) has tau_syn = 2.0E-4 s, not above the time step dt = 2.0E-4 s")
				&& coarse.getMessage().contains("--dt"), coarse.getMessage());
	}

	/**
	 * One neuron with r·w_in·dt/τ_mem = 2 (r = 2·τ_mem/dt, w_in = 1), one input spike of NIR weight w in step 0 (the
	 * value 1 during that step), no leak to rest (v_leak 0), at dt = 0.1 ms. NIR's equations τ_syn·İ = −I + w_in·S,
	 * τ_mem·v̇ = −v + r·I stepped by forward Euler as snnTorch steps them (the current first, then the membrane with
	 * the new current) give I_0 = (dt/τ_syn)·w_in·w, I_t = (1 − dt/τ_syn)·I_(t−1) and v_t = (1 − dt/τ_mem)·v_(t−1) +
	 * (dt/τ_mem)·r·I_t. Volr's Euler CubaLIF with the imported weight (the gain folded in) must follow it at every step.
	 */
	@Test
	void theFoldedGainGivesNirsEulerMembraneTrace(@TempDir Path dir) throws Exception {
		double dt = 1e-4;
		float tauMem = 0.02f, tauSyn = 0.0002f; // cubaGraph's tau_syn
		float r = (float) (2 * tauMem / dt);
		Path file = cubaGraph(dir.resolve("gain2.nir"), r, 1f, tauMem);
		NirReader.Result read = NirReader.readWithNeuron(file, "gain2");
		NeuronSpec spec = NeuronSpec.from(read.neuronModel(), null, dt * 1000, DiscretisationKind.EULER);
		org.volr.net.neuron.Population p = spec.population(2);
		float[] w = read.model().weights().get("fc.weight").data(); // [in, out]
		float w10 = w[1 * 2 + 0], w01 = w[0 * 2 + 1];
		assertEquals(2 * 0.5f, w10, 1e-6f);
		assertEquals(2 * -0.5f, w01, 1e-6f);
		p.arrivals()[0] = w10;
		p.arrivals()[1] = w01;
		int[] out = new int[2];
		float[] drive = new float[2];
		double[] current = { dt / tauSyn * 0.5, dt / tauSyn * -0.5 }, v = new double[2];
		for (int step = 0; step < 40; step++) {
			assertEquals(0, p.step(drive, step == 0, spec.firing(spec.reset()), out), "step " + step + ": no spike");
			for (int j = 0; j < 2; j++) {
				if (step > 0)
					current[j] *= 1 - dt / tauSyn;
				v[j] = (1 - dt / tauMem) * v[j] + dt / tauMem * r * current[j];
				assertEquals(v[j], p.potential()[j], 1e-5, "neuron " + j + " at step " + step);
			}
		}
	}
}
