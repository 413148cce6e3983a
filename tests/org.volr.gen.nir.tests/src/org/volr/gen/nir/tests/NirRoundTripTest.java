package org.volr.gen.nir.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import org.eclipse.emf.ecore.util.EcoreUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.core.weights.WeightStore;
import org.volr.gen.GenerationInput;
import org.volr.gen.nir.NeuronClause;
import org.volr.gen.nir.NirReader;
import org.volr.gen.nir.NirTarget;
import org.volr.gen.nir.NirTime;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.DiscretisationKind;
import org.volr.model.Network;
import org.volr.model.NeuronModel;
import org.volr.model.Readout;
import org.volr.model.ResetMode;
import org.volr.pipeline.GenerationSettings;
import org.volr.sim.NeuronSpec;
import org.volr.sim.SimulationConfig;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;

/**
 * Volr network → {@code volr generate nir} (NirTarget) → NIR reader gives back the same network: the same layers
 * (labels, kinds, windows, recurrence, each layer's own neuron clause), the same experiment neuron and readout, and
 * bit-equal weights and per-neuron parameters. The graph is written for the run's step and read back for the same step
 * (SEMANTICS.md, "Time in NIR graphs"): the real files at the NIR paper's 0.1 ms with Euler, as they are imported, the
 * written network at 1 ms, exact.
 */
class NirRoundTripTest {
	private static final NirTime WRITTEN = NirTime.ofMillis(1.0, DiscretisationKind.EXACT);

	@TempDir
	Path dir;

	private static Path data(String name) {
		return Path.of(System.getProperty("volr.thirdparty", "../../testdata"), "nir", name);
	}

	/**
	 * The generation input of an experiment with this network, weights, neuron and readout (reset zero, as NIR's), run
	 * at the step time.
	 */
	private static GenerationInput input(Network net, WeightStore weights, NeuronModel neuron, Readout readout, NirTime time) {
		double dt = time.dtMillis();
		SimulationConfig config = SimulationConfig.constant(10)
				.withNeuron(NeuronSpec.from(neuron, null, dt, time.discretisation()).withReset(ResetMode.ZERO))
				.withDiscretisation(time.discretisation());
		if (readout != null)
			config = config.withReadout(readout);
		return new GenerationInput(net.getName() + ".volr", "run", net, weights, GenerationSettings.of(config, dt), Map.of(), null);
	}

	/** Writes the experiment as NIR (after the target's own checks) and reads the file back for the same step. */
	private NirReader.Result roundTrip(GenerationInput input, String name, NirTime time) throws Exception {
		NirTarget target = new NirTarget();
		assertEquals(List.of(), target.validate(input), name);
		Path file = target.generate(input, Files.createDirectories(dir.resolve(name))).files().get(0);
		return NirReader.readWithNeuron(file, input.model().getName(), time);
	}

	private static void assertSameWeights(WeightStore expected, WeightStore actual, String what) {
		assertEquals(new TreeSet<>(expected.names()), new TreeSet<>(actual.names()), what);
		for (String k : expected.names())
			assertEquals(expected.get(k), actual.get(k), what + ": " + k); // same shape, bit-equal values
	}

	/** Every real file, imported, written and imported again: the second import is the first. */
	@Test
	void everyRealFileImportedExportedAndImportedAgainIsTheSame() throws Exception {
		List<String> files;
		try (var s = Files.list(data(""))) {
			files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".nir")).sorted().toList();
		}
		assertEquals(6, files.size(), files.toString());
		for (String f : files) {
			NirReader.Result first = NirReader.readWithNeuron(data(f), "m", NirTime.PAPER);
			Network net = first.model().network();
			NirReader.Result second = roundTrip(input(net, first.model().weights(), first.neuronModel(), first.readout(), NirTime.PAPER), f,
					NirTime.PAPER);
			assertTrue(EcoreUtil.equals(net, second.model().network()), f + ": the network read back differs");
			assertSameWeights(first.model().weights(), second.model().weights(), f);
			assertEquals(first.neuron(), second.neuron(), f);
			assertEquals(first.readout(), second.readout(), f);
		}
	}

	/**
	 * A recurrent LIF layer whose time constant and resting potential differ neuron by neuron, a layer with a LIF
	 * neuron of its own, and an LI output (read by its membrane) whose time constants differ neuron by neuron. The
	 * per-neuron arrays go out as NIR's per-neuron arrays (seconds) and come back bit for bit (time constants that a
	 * float of seconds gives, as every imported one; any other float of ms within one unit in the last place: the
	 * floats of seconds and of ms are different grids). A clause value that
	 * an array replaces is the array's first, as the reader takes a node's first value for the clause.
	 */
	@Test
	void recurrentLayersOwnNeuronsLiOutputAndPerNeuronParametersComeBackTheSame() throws Exception {
		Network net = (Network) VolrLanguage.create().parse("""
				network rt {
				    input [4]
				    fc1: dense 6 recurrent
				    fc2: dense 5 neuron LIF { tau_m 8 ms, v_thresh 1, v_rest 0.25 }
				    out: dense 3 neuron LI { tau_m 5 ms, v_rest 0.1 }
				}
				""").getElements().get(0);
		Random r = new Random(11);
		WeightStore w = new WeightStore();
		put(w, "fc1.weight", r, 4, 6);
		put(w, "fc1.bias", r, 6);
		put(w, "fc1.weight_rec", r, 6, 6);
		put(w, "fc2.weight", r, 6, 5);
		put(w, "fc2.bias", r, 5);
		put(w, "out.weight", r, 5, 3);
		float[] tau = times(6, 20f, r, true), rest = new float[6], outTau = times(3, 5f, r, false);
		for (int i = 1; i < rest.length; i++)
			rest[i] = (float) r.nextGaussian() * 0.1f;
		w.put("fc1.tau_m", new int[] { 6 }, tau);
		w.put("fc1.v_rest", new int[] { 6 }, rest);
		w.put("out.tau_m", new int[] { 3 }, outTau);
		NeuronModel lif = (NeuronModel) VolrLanguage.create().parse("""
				network n = dense 1 1
				experiment e { network n neuron LIF { tau_m 20 ms, v_thresh 1, v_rest 0 } }
				""").getElements().get(1).eContents().stream().filter(NeuronModel.class::isInstance).findFirst().orElseThrow();

		GenerationInput input = input(net, w, lif, Readout.MEMBRANE_MAX, WRITTEN);
		NirReader.Result back = roundTrip(input, "rt", WRITTEN);
		Path file = dir.resolve("rt/rt.nir");
		try (HdfFile hdf = new HdfFile(file)) { // NIR's per-neuron arrays, in seconds
			float[] written = (float[]) ((Dataset) hdf.getByPath("node/nodes/fc1.lif/tau")).getDataFlat();
			assertEquals(0.02f, written[0]);
			assertEquals(6, written.length);
			assertEquals(3, ((float[]) ((Dataset) hdf.getByPath("node/nodes/out.li/tau")).getDataFlat()).length);
		}
		assertTrue(EcoreUtil.equals(net, back.model().network()), "the network read back differs: " + back.model().notes());
		// any float of ms comes back within one unit in the last place; one that a float of seconds reads as, bit for bit
		float[] outBack = back.model().weights().get("out.tau_m").data();
		for (int i = 0; i < outTau.length; i++)
			assertEquals(outTau[i], outBack[i], Math.ulp(outTau[i]), "out.tau_m " + i);
		w.put("out.tau_m", new int[] { 3 }, outBack);
		assertSameWeights(w, back.model().weights(), "rt");
		assertTrue(EcoreUtil.equals(lif, NeuronClause.model(back.neuron())), NeuronClause.text(back.neuron()));
		assertEquals(Readout.MEMBRANE_MAX, back.readout());
	}

	/** A parameter NIR's node has no per-neuron field for is refused by name. */
	@Test
	void aParameterPerNeuronWithoutANirFieldIsRefusedByName() throws Exception {
		Network net = (Network) VolrLanguage.create().parse("network ifs { input [2]  fc: dense 3 }").getElements().get(0);
		WeightStore w = new WeightStore();
		put(w, "fc.weight", new Random(1), 2, 3);
		w.put("fc.tau_m", new int[] { 3 }, new float[] { 10, 20, 30 });
		NeuronModel ifNeuron = NeuronClause.model(org.volr.gen.nir.NirNeuron.ifNeuron(1f));
		List<String> problems = new NirTarget().validate(input(net, w, ifNeuron, null, WRITTEN));
		assertEquals(List.of("'fc.tau_m' gives layer 'fc' a tau_m per neuron, which NIR's IF node has no per-neuron field for; give the layer"
				+ " one value in its neuron clause for NIR"), problems);
	}

	private static void put(WeightStore w, String name, Random r, int... shape) {
		int n = 1;
		for (int d : shape)
			n *= d;
		float[] v = new float[n];
		for (int i = 0; i < n; i++)
			v[i] = (float) r.nextGaussian();
		w.put(name, shape, v);
	}

	/**
	 * n time constants in ms, the first the given one, the others random in [1, 50). {@code fromSeconds}: each the
	 * milliseconds of a random float of seconds as the reader gives them (what `volr import` writes into a weights
	 * file), else any float.
	 */
	private static float[] times(int n, float first, Random r, boolean fromSeconds) {
		float[] t = new float[n];
		t[0] = first;
		for (int i = 1; i < n; i++) {
			float seconds = (1 + 49 * r.nextFloat()) / 1000;
			t[i] = fromSeconds ? (float) new BigDecimal(Float.toString(seconds)).movePointRight(3).doubleValue() : 1 + 49 * r.nextFloat();
		}
		return t;
	}
}
