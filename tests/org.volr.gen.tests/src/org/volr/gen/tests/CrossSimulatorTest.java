package org.volr.gen.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.volr.core.io.NpzWriter;
import org.volr.core.data.ArrayDataset;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.gen.GeneratedFiles;
import org.volr.gen.GenerationInput;
import org.volr.gen.SampleSet;
import org.volr.gen.TargetGenerator;
import org.volr.gen.TargetRegistry;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Network;
import org.volr.net.neuron.NeuronModels;
import org.volr.model.ResetMode;
import org.volr.sim.Encoding;
import org.volr.sim.NeuronSpec;
import org.volr.sim.SimulationConfig;
import org.volr.sim.SimulationResult;
import org.volr.sim.Simulator;
import org.volr.sim.SpikingNetwork;
import org.volr.sim.plan.LayerPlan;
import org.volr.pipeline.GenerationSettings;

/**
 * The generated scripts run on the real simulators (Debian's python3-brian, python3-pynn and NEURON, installed by
 * test.sh) and are compared with Volr's own simulator on the same network, weights and inputs: a small
 * convolutional network (convolution, average pooling, flatten, dense) with seeded random weights. Brian2 follows
 * Volr's semantics exactly; PyNN's cells follow them with PyNN's one-step delay, which Volr simulates as delay 2.
 * <p>
 * Every comparison asserts a {@link Claim}, the figures README.md's table "Agreement with Volr's simulator" states,
 * and is written with its measurement to target/cross-simulator.json, from which scripts/cross-simulator-table.py
 * renders that table. The scripts take their synapse lists and first input current from Volr's own code, so
 * {@link #eachLayerKindMatchesANumpyReference} checks that code's arithmetic against an independent numpy one.
 */
class CrossSimulatorTest {
	static final Path PYTHON = Path.of("/usr/bin/python3");
	static final int SAMPLES = 24, STEPS = 60;

	static final String CNN = """
			network small {
			    input [1, 8, 8]
			    c1: conv2d(4, kernel: 3) relu
			    p1: avgpool 2
			    flatten
			    d1: dense 5 relu
			}
			""";

	/** Generated files stay in target/gen-out for inspection (surefire sets volr.gen.out). */
	final Path tmp = Path.of(System.getProperty("volr.gen.out", "target/gen-out"));
	/** The numpy reference of {@link #eachLayerKindMatchesANumpyReference}, in the test bundle's python/ folder. */
	static final Path REFERENCE = Path.of(System.getProperty("volr.gen.python", "python")).resolve("layer_reference.py");
	static final Path REPORT = Path.of(System.getProperty("volr.gen.report", "target/cross-simulator.json"));

	/** The table's rows (configurations, in the README's order) and columns (where a script ran). */
	static final String IF_DELAY0 = "conv net, random weights (24), IF, reset subtract, delay 0",
			IF_DELAY2 = "same, delay 2", PYNN_IF = "same, reset zero, refractory 1 step, delay 2",
			POISSON = "same, Poisson input (Volr's spikes replayed)", CUBA = "same, CubaLIF (τ_syn 2 steps)",
			COBA = "same, CobaLIF (IF_cond_exp, τ_m 20, τ_syn 2 steps)";
	static final List<String> ROWS = List.of(IF_DELAY0, IF_DELAY2, PYNN_IF, POISSON, CUBA, COBA);
	static final String BRIAN2 = "Brian2 script", STANDALONE = "Brian2 cpp_standalone", PYNN_BRIAN2 = "PyNN on Brian2",
			PYNN_NEURON = "PyNN on NEURON";

	/**
	 * What the README claims for one cell: at least {@code classes} samples with Volr's class, at least
	 * {@code equal} output counts equal to Volr's, no count more than {@code maxDifference} away; null figures mean
	 * every one.
	 */
	record Claim(Integer classes, Integer equal, int maxDifference) {
		static final Claim EXACT = new Claim(null, null, 0);
	}

	/** One cell as measured, with the claim it was held to. */
	record Measurement(String row, String column, int samples, int sameClass, int equal, int total, int maxDifference, Claim claim) {
	}

	static final List<Measurement> MEASURED = java.util.Collections.synchronizedList(new ArrayList<>());

	static Network network(String text) {
		return (Network) VolrLanguage.create().parse(text).getElements().get(0);
	}

	static float[] uniform(Random r, int n, float lo, float hi) {
		float[] a = new float[n];
		for (int i = 0; i < n; i++)
			a[i] = lo + (hi - lo) * r.nextFloat();
		return a;
	}

	static WeightStore weights() {
		Random r = new Random(5);
		WeightStore w = new WeightStore();
		w.put("c1.weight", new int[] { 4, 1, 3, 3 }, uniform(r, 36, -0.1f, 0.2f));
		w.put("c1.bias", new int[] { 4 }, uniform(r, 4, 0f, 0.02f));
		w.put("d1.weight", new int[] { 36, 5 }, uniform(r, 180, -0.35f, 0.5f));
		w.put("d1.bias", new int[] { 5 }, uniform(r, 5, -0.02f, 0.02f));
		return w;
	}

	static SampleSet samples() {
		Random r = new Random(9);
		float[] x = uniform(r, SAMPLES * 64, 0f, 1f);
		int[] labels = new int[SAMPLES];
		for (int k = 0; k < SAMPLES; k++)
			labels[k] = r.nextInt(5);
		return new SampleSet(SAMPLES, new int[] { 1, 8, 8 }, x, labels);
	}

	static SimulationConfig config(ResetMode reset, int delay) {
		return config(reset, delay, 0);
	}

	static SimulationConfig config(ResetMode reset, int delay, int refractorySteps) {
		NeuronSpec neuron = new NeuronSpec(NeuronModels.IF, 1f, reset, 0f, refractorySteps, Float.NEGATIVE_INFINITY, 1f, 0f);
		return new SimulationConfig(STEPS, Encoding.CONSTANT, 0, neuron, 1, 64, 1).withDelay(delay);
	}

	static SimulationResult volr(Network n, WeightStore w, SampleSet s, SimulationConfig c) throws Exception {
		ArrayDataset data = new ArrayDataset("samples", s.shape(), 5, s.features(), s.labels());
		return Simulator.run(SpikingNetwork.lower(n, w), data, c, Progress.NONE);
	}

	/** Runs a generated script and reads its predictions.csv: rows of [predicted, count_0, ...]. */
	static int[][] runScript(Path script, Path out, String... args) throws IOException, InterruptedException {
		List<String> command = new java.util.ArrayList<>(List.of(PYTHON.toString(), script.toString(), "--out", out.toString()));
		command.addAll(List.of(args));
		Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
		String log = new String(p.getInputStream().readAllBytes());
		assertTrue(p.waitFor(15, TimeUnit.MINUTES), "script timed out: " + command);
		assertEquals(0, p.exitValue(), "script failed: " + command + "\n" + log);
		System.out.println("    " + log.strip().lines().reduce((a, b) -> b).orElse(""));
		List<String> lines = Files.readAllLines(out);
		int[][] rows = new int[lines.size() - 1][];
		for (int i = 1; i < lines.size(); i++) {
			String[] f = lines.get(i).split(",");
			rows[i - 1] = new int[f.length - 1];
			for (int j = 1; j < f.length; j++)
				rows[i - 1][j - 1] = Integer.parseInt(f[j]);
		}
		return rows;
	}

	/** Agreement of a script with Volr: [samples with the same class, counts equal, max |count difference|]. */
	static int[] compare(String what, SimulationResult volr, int[][] script) {
		assertEquals(volr.samples(), script.length, what + ": samples");
		int sameClass = 0, equalCounts = 0, maxDiff = 0, total = 0;
		for (int s = 0; s < script.length; s++) {
			if (script[s][0] == volr.predicted(s))
				sameClass++;
			for (int o = 0; o < volr.outputs(); o++) {
				int d = Math.abs(script[s][1 + o] - volr.outputSpikes(s, o));
				maxDiff = Math.max(maxDiff, d);
				equalCounts += d == 0 ? 1 : 0;
				total++;
			}
		}
		System.out.printf("%s: same class %d/%d, equal output counts %d/%d, max count difference %d%n", what, sameClass, script.length,
				equalCounts, total, maxDiff);
		return new int[] { sameClass, equalCounts, maxDiff, total };
	}

	/** Compares a script's predictions with Volr's, records the cell and asserts the README's claim for it. */
	static void agree(String row, String column, SimulationResult volr, int[][] script, Claim claim) {
		int[] a = compare(row + " / " + column, volr, script);
		int samples = script.length; // compare asserted that it is Volr's
		int classes = claim.classes() == null ? samples : claim.classes();
		int equal = claim.equal() == null ? a[3] : claim.equal();
		MEASURED.add(new Measurement(row, column, samples, a[0], a[1], a[3], a[2], claim));
		assertTrue(a[0] >= classes, column + ", " + row + ": classes agree on " + a[0] + " of " + samples + ", claimed " + classes);
		assertTrue(a[1] >= equal, column + ", " + row + ": " + a[1] + " of " + a[3] + " counts equal, claimed " + equal);
		assertTrue(a[2] <= claim.maxDifference(), column + ", " + row + ": a count differs by " + a[2] + ", claimed at most " + claim.maxDifference());
	}

	/** The simulators' versions, as the scripts import them. */
	static String versions() throws IOException, InterruptedException {
		Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import brian2, pyNN, neuron, numpy; print('{\"brian2\": \"%s\", "
				+ "\"pyNN\": \"%s\", \"neuron\": \"%s\", \"numpy\": \"%s\"}' % (brian2.__version__, pyNN.__version__, "
				+ "neuron.__version__, numpy.__version__))").redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes()).strip();
		assertTrue(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0, out);
		return out.lines().reduce((a, b) -> b).orElseThrow();
	}

	static String json(String s) {
		return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
	}

	static String json(Integer n) {
		return n == null ? "null" : n.toString();
	}

	/** Writes what this run measured, cell by cell in the README's order, for scripts/cross-simulator-table.py. */
	@AfterAll
	static void writeReport() throws IOException, InterruptedException {
		List<Measurement> cells = new ArrayList<>(MEASURED);
		cells.sort(Comparator.comparingInt((Measurement m) -> ROWS.indexOf(m.row())));
		StringBuilder b = new StringBuilder("{\n  \"test\": \"org.volr.gen.tests.CrossSimulatorTest\",\n  \"versions\": " + versions()
				+ ",\n  \"rows\": " + ROWS.stream().map(CrossSimulatorTest::json).toList() + ",\n  \"cells\": [");
		for (int i = 0; i < cells.size(); i++) {
			Measurement m = cells.get(i);
			b.append(i == 0 ? "\n" : ",\n").append(String.format(
					"    {\"row\": %s, \"column\": %s, \"samples\": %d, \"same_class\": %d, \"counts_equal\": %d, \"counts_total\": %d, "
							+ "\"max_count_difference\": %d, \"claim\": {\"same_class\": %s, \"counts_equal\": %s, \"max_count_difference\": %d}}",
					json(m.row()), json(m.column()), m.samples(), m.sameClass(), m.equal(), m.total(), m.maxDifference(),
					json(m.claim().classes()), json(m.claim().equal()), m.claim().maxDifference()));
		}
		Files.createDirectories(REPORT.toAbsolutePath().getParent());
		Files.writeString(REPORT, b.append("\n  ]\n}\n").toString());
	}

	GeneratedFiles generate(String target, Network n, WeightStore w, SampleSet s, SimulationConfig c, Map<String, String> options)
			throws IOException {
		TargetGenerator g = TargetRegistry.find(target).orElseThrow();
		GenerationInput input = new GenerationInput("small.volr", "test", n, w, GenerationSettings.of(c, 1.0), options, s);
		assertEquals(List.of(), g.validate(input));
		return g.generate(input, tmp.resolve(target));
	}

	@Test
	void brian2ScriptReproducesVolrExactlyWithAndWithoutDelay() throws Exception {
		Network n = network(CNN);
		WeightStore w = weights();
		SampleSet s = samples();
		for (int delay : new int[] { 0, 2 }) {
			SimulationConfig c = config(ResetMode.SUBTRACT, delay);
			SimulationResult volr = volr(n, w, s, c);
			assertTrue(volr.outputSpikes(0, 0) + volr.outputSpikes(1, 1) > 0, "the network is active");
			GeneratedFiles files = generate("brian2", n, w, s, c, Map.of());
			String row = delay == 0 ? IF_DELAY0 : IF_DELAY2;
			agree(row, BRIAN2, volr, runScript(files.files().get(0), tmp.resolve("brian2-" + delay + ".csv")), Claim.EXACT);
			if (delay == 2) // the same script compiled to C++ by Brian2's standalone device
				agree(row, STANDALONE, volr, runScript(files.files().get(0), tmp.resolve("brian2-standalone.csv"), "--device", "cpp_standalone",
						"--build-dir", tmp.resolve("brian2-standalone").toString()), Claim.EXACT);
		}
	}

	@Test
	void pynnScriptAgreesWithVolrOnBrian2AndNeuron() throws Exception {
		Network n = network(CNN);
		WeightStore w = weights();
		SampleSet s = samples();
		// NEURON's cells cannot fire in consecutive steps, so the neuron has a refractory period of one step
		SimulationConfig c = config(ResetMode.ZERO, 2, 1);
		SimulationResult volr = volr(n, w, s, c);
		GeneratedFiles files = generate("pynn", n, w, s, c, Map.of("backend", "neuron"));
		for (String backend : List.of("brian2", "neuron"))
			agree(PYNN_IF, backend.equals("brian2") ? PYNN_BRIAN2 : PYNN_NEURON, volr,
					runScript(files.files().get(0), tmp.resolve("pynn-" + backend + ".csv"), "--backend", backend), Claim.EXACT);
		// without a refractory period the script refuses NEURON instead of running it wrongly
		GenerationInput noRefractory = new GenerationInput("small.volr", "test", n, w, GenerationSettings.of(config(ResetMode.ZERO, 2), 1.0), Map.of("backend", "neuron"), s);
		List<String> problems = TargetRegistry.find("pynn").orElseThrow().validate(noRefractory);
		assertEquals(1, problems.size(), problems.toString());
		assertTrue(problems.get(0).contains("tau_refrac 1.0 ms"), problems.get(0));
	}

	/** The test's simulation (delay 2, reset zero) with the neuron of an experiment's neuron clause. */
	static SimulationConfig configWithNeuron(String neuronClause) {
		org.volr.model.Experiment e = (org.volr.model.Experiment) VolrLanguage.create()
				.parse("network n = dense 1 1\nexperiment e { network n\n convert { reset zero }\n " + neuronClause + " }")
				.getElements().get(1);
		NeuronSpec neuron = NeuronSpec.from(e.getNeuron(), e.getConversion(), 1.0);
		return new SimulationConfig(STEPS, Encoding.CONSTANT, 0, neuron, 1, 64, 1).withDelay(2);
	}

	/** CubaLIF: IF_curr_exp with a slow synapse (tau_syn 2 steps), non-leaky membrane, reset zero, one refractory step. */
	static SimulationConfig cubaConfig() {
		return configWithNeuron("neuron CubaLIF { tau_m 1000000000 ms, tau_syn_E 2 ms, tau_syn_I 2 ms, tau_refrac 1 ms }");
	}

	@Test
	void cubaLifAgreesOnBrian2AndPyNN() throws Exception {
		Network n = network(CNN);
		WeightStore w = weights();
		SampleSet s = samples();
		SimulationConfig c = cubaConfig();
		SimulationResult volr = volr(n, w, s, c);
		assertTrue(volr.outputSpikes(0, 1) + volr.outputSpikes(0, 4) > 0, "the network is active");
		// the figures measured with Debian's Brian2 2.5.1 (README's table): one class and 17 counts a spike apart
		agree(CUBA, BRIAN2, volr, runScript(generate("brian2", n, w, s, c, Map.of()).files().get(0), tmp.resolve("cuba-brian2.csv")),
				new Claim(23, 103, 1));
		GeneratedFiles pynn = generate("pynn", n, w, s, c, Map.of("backend", "neuron"));
		// Brian2's exact integration of IF_curr_exp is Volr's step
		agree(CUBA, PYNN_BRIAN2, volr, runScript(pynn.files().get(0), tmp.resolve("cuba-pynn-brian2.csv"), "--backend", "brian2"), Claim.EXACT);
		// NEURON sees each step's synaptic current at the step's start; the script's weight scale makes that Volr's
		// step for a non-leaky membrane
		agree(CUBA, PYNN_NEURON, volr, runScript(pynn.files().get(0), tmp.resolve("cuba-pynn-neuron.csv"), "--backend", "neuron"),
				new Claim(24, 112, 1));
	}

	/** CobaLIF: IF_cond_exp, leaky (tau_m 20 steps), slow synapses (tau_syn 2 steps), reset zero, one refractory step. */
	static SimulationConfig cobaConfig() {
		return configWithNeuron("neuron CobaLIF { tau_m 20 ms, tau_syn_E 2 ms, tau_syn_I 2 ms, e_rev_E 4, e_rev_I -1, tau_refrac 1 ms }");
	}

	@Test
	void cobaLifAgreesOnBrian2AndPyNN() throws Exception {
		Network n = network(CNN);
		WeightStore w = weights();
		SampleSet s = samples();
		SimulationConfig c = cobaConfig();
		SimulationResult volr = volr(n, w, s, c);
		assertTrue(volr.outputSpikes(0, 1) + volr.outputSpikes(0, 4) > 0, "the network is active");
		agree(COBA, BRIAN2, volr, runScript(generate("brian2", n, w, s, c, Map.of()).files().get(0), tmp.resolve("coba-brian2.csv")),
				Claim.EXACT);
		GeneratedFiles pynn = generate("pynn", n, w, s, c, Map.of("backend", "neuron"));
		String script = Files.readString(pynn.files().get(0));
		assertTrue(script.contains("IF_cond_exp"), "conductance-based cells");
		// PyNN on Brian2 integrates IF_cond_exp with forward Euler, first order where Volr's step is implicit: the
		// membrane overshoots under strong input, so counts differ by several spikes
		agree(COBA, PYNN_BRIAN2, volr, runScript(pynn.files().get(0), tmp.resolve("coba-pynn-brian2.csv"), "--backend", "brian2"),
				new Claim(19, 56, 7));
		// NEURON's implicit step is Volr's
		agree(COBA, PYNN_NEURON, volr, runScript(pynn.files().get(0), tmp.resolve("coba-pynn-neuron.csv"), "--backend", "neuron"),
				Claim.EXACT);
	}

	@Test
	void poissonInputIsReplayedSpikeForSpike() throws Exception {
		Network n = network(CNN);
		WeightStore w = weights();
		SampleSet s = samples();
		// input i spikes with probability 0.6·x_i per step, Volr's seeded draws shipped as spike arrays
		SimulationConfig c = config(ResetMode.ZERO, 2, 1).withPoisson(0.6, 17);
		SimulationResult volr = volr(n, w, s, c);
		assertTrue(volr.synapticOps() > 0, "input spikes were delivered");
		agree(POISSON, BRIAN2, volr, runScript(generate("brian2", n, w, s, c, Map.of()).files().get(0), tmp.resolve("poisson-brian2.csv")),
				Claim.EXACT);
		GeneratedFiles pynn = generate("pynn", n, w, s, c, Map.of("backend", "neuron"));
		for (String backend : List.of("brian2", "neuron"))
			agree(POISSON, backend.equals("brian2") ? PYNN_BRIAN2 : PYNN_NEURON, volr,
					runScript(pynn.files().get(0), tmp.resolve("poisson-pynn-" + backend + ".csv"), "--backend", backend), Claim.EXACT);
	}

	/**
	 * A network with every window geometry the scripts' synapse lists must get right: stride with uneven "same"
	 * padding, dilation with explicit padding, a depthwise convolution with a non-square kernel, average pooling
	 * whose edge windows hold fewer inputs; then flatten and dense. Its layers as the numpy reference reads them
	 * are written by hand below ({@link #GEOMETRY_SPEC}), not derived from Volr's plans.
	 */
	static final String GEOMETRY = """
			network geometry {
			    input [2, 10, 10]
			    c1: conv2d(3, kernel: 3, stride: 2, padding: same) relu
			    c2: conv2d(4, kernel: 3, dilation: 2, padding: 2) relu
			    dw: depthwise_conv2d(kernel: [3, 2], multiplier: 2) relu
			    p1: avgpool(3, stride: 2, padding: same)
			    flatten
			    d1: dense 6 relu
			}
			""";
	static final String GEOMETRY_SPEC = """
			{"layers": [
			  {"label": "c1", "kind": "conv", "weight": "c1.weight", "bias": "c1.bias", "in": [2, 10, 10], "kernel": [3, 3], "stride": [2, 2], "padding": "same"},
			  {"label": "c2", "kind": "conv", "weight": "c2.weight", "bias": "c2.bias", "in": [3, 5, 5], "kernel": [3, 3], "dilation": [2, 2], "padding": 2},
			  {"label": "dw", "kind": "depthwise", "weight": "dw.weight", "bias": "dw.bias", "in": [4, 5, 5], "kernel": [3, 2]},
			  {"label": "p1", "kind": "avgpool", "in": [8, 3, 4], "kernel": [3, 3], "stride": [2, 2], "padding": "same"},
			  {"label": "d1", "kind": "dense", "weight": "d1.weight", "bias": "d1.bias"}
			]}
			""";
	/** The cross-simulator network {@link #CNN} as the numpy reference reads it. */
	static final String CNN_SPEC = """
			{"layers": [
			  {"label": "c1", "kind": "conv", "weight": "c1.weight", "bias": "c1.bias", "in": [1, 8, 8], "kernel": [3, 3]},
			  {"label": "p1", "kind": "avgpool", "in": [4, 6, 6], "kernel": [2, 2], "stride": [2, 2]},
			  {"label": "d1", "kind": "dense", "weight": "d1.weight", "bias": "d1.bias"}
			]}
			""";

	static WeightStore geometryWeights() {
		Random r = new Random(11);
		WeightStore w = new WeightStore();
		w.put("c1.weight", new int[] { 3, 2, 3, 3 }, uniform(r, 54, -0.5f, 0.5f));
		w.put("c1.bias", new int[] { 3 }, uniform(r, 3, -0.1f, 0.1f));
		w.put("c2.weight", new int[] { 4, 3, 3, 3 }, uniform(r, 108, -0.5f, 0.5f));
		w.put("c2.bias", new int[] { 4 }, uniform(r, 4, -0.1f, 0.1f));
		w.put("dw.weight", new int[] { 8, 1, 3, 2 }, uniform(r, 48, -0.5f, 0.5f));
		w.put("dw.bias", new int[] { 8 }, uniform(r, 8, -0.1f, 0.1f));
		w.put("d1.weight", new int[] { 32, 6 }, uniform(r, 192, -0.5f, 0.5f));
		w.put("d1.bias", new int[] { 6 }, uniform(r, 6, -0.1f, 0.1f));
		return w;
	}

	@Test
	void eachLayerKindMatchesANumpyReference() throws Exception {
		Random r = new Random(13);
		float[] x = uniform(r, 6 * 200, 0f, 1f);
		checkAgainstNumpy("geometry", network(GEOMETRY), geometryWeights(), new SampleSet(6, new int[] { 2, 10, 10 }, x, new int[6]), GEOMETRY_SPEC);
		checkAgainstNumpy("small", network(CNN), weights(), samples(), CNN_SPEC);
	}

	/**
	 * Writes the network's weights, the generated script's arrays and, per layer, Volr's currents for probe inputs
	 * (random spikes delivered as the simulator delivers a step's spikes; random analog values through the layer's
	 * W·x + b as for a first layer), and has python/layer_reference.py recompute them all from the kernels.
	 */
	void checkAgainstNumpy(String name, Network n, WeightStore w, SampleSet s, String spec) throws Exception {
		Path dir = Files.createDirectories(tmp.resolve("numpy-" + name));
		w.write(dir.resolve("weights.npz"));
		Files.writeString(dir.resolve("spec.json"), spec);
		GeneratedFiles files = generate("brian2", n, w, s, config(ResetMode.SUBTRACT, 0), Map.of());
		Path generated = files.files().stream().filter(f -> f.toString().endsWith(".npz")).findFirst().orElseThrow();
		Path copy = Files.copy(generated, dir.resolve("generated.npz"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		List<LayerPlan> plans = SpikingNetwork.lower(n, w).layers();
		Random r = new Random(21);
		int probes = 4;
		NpzWriter probe = new NpzWriter();
		for (int i = 0; i < plans.size(); i++) {
			LayerPlan p = plans.get(i);
			float[] spikes = new float[probes * p.inSize()], delivered = new float[probes * p.outSize()];
			for (int k = 0; k < probes; k++) {
				int[] fired = new int[p.inSize()];
				int count = 0;
				for (int j = 0; j < p.inSize(); j++)
					if (r.nextFloat() < 0.3f) {
						spikes[k * p.inSize() + j] = 1f;
						fired[count++] = j;
					}
				float[] current = new float[p.outSize()];
				p.deliverAll(fired, count, current);
				System.arraycopy(current, 0, delivered, k * p.outSize(), p.outSize());
			}
			float[] analog = uniform(r, probes * p.inSize(), -0.5f, 1f), forward = new float[probes * p.outSize()];
			p.forwardBatch(analog, probes, forward);
			probe.floats("spikes_" + i, spikes, probes, p.inSize()).floats("deliver_" + i, delivered, probes, p.outSize())
					.floats("analog_" + i, analog, probes, p.inSize()).floats("forward_" + i, forward, probes, p.outSize());
		}
		probe.write(dir.resolve("probe.npz"));
		assertTrue(Files.exists(REFERENCE), "the numpy reference " + REFERENCE.toAbsolutePath() + " is missing");
		Process proc = new ProcessBuilder(PYTHON.toString(), REFERENCE.toString(), dir.resolve("spec.json").toString(),
				dir.resolve("weights.npz").toString(), dir.resolve("probe.npz").toString(), copy.toString()).redirectErrorStream(true).start();
		String log = new String(proc.getInputStream().readAllBytes());
		assertTrue(proc.waitFor(5, TimeUnit.MINUTES), "the numpy reference timed out");
		System.out.println("numpy reference, " + name + ":\n" + log.strip());
		assertEquals(0, proc.exitValue(), "layers differ from the numpy reference (python3-numpy is needed):\n" + log);
		assertTrue(log.contains("(layer " + (plans.size() - 1) + ", dense)"), "every layer was checked:\n" + log);
	}

	@Test
	void registryFindsTheTargetsAndPynnRefusesWhatItsCellsCannotDo() {
		assertTrue(TargetRegistry.ids().containsAll(List.of("brian2", "nir", "pynn")), TargetRegistry.ids().toString());
		Network withMax = network("""
				network m {
				    input [1, 8, 8]
				    c1: conv2d(4, kernel: 3) relu
				    m1: maxpool 2
				    flatten
				    d1: dense 5 relu
				}
				""");
		GenerationInput input = new GenerationInput("m.volr", "test", withMax, weights(), GenerationSettings.of(config(ResetMode.SUBTRACT, 0), 1.0), Map.of(), null);
		List<String> problems = TargetRegistry.find("pynn").orElseThrow().validate(input);
		assertEquals(2, problems.size(), problems.toString());
		assertTrue(problems.get(0).contains("reset zero"), problems.get(0));
		assertTrue(problems.get(1).contains("'m1' is max pooling"), problems.get(1));
		GenerationInput parallel = new GenerationInput("p.volr", "test", network("network p = dense 4 2 | dense 4 2"), new WeightStore(),
				GenerationSettings.of(config(ResetMode.ZERO, 2), 1.0), Map.of(), null);
		List<String> refused = TargetRegistry.find("brian2").orElseThrow().validate(parallel);
		assertEquals(1, refused.size(), refused.toString());
		// branches the simulator runs are refused by the script generators by name, not written wrongly
		WeightStore bw = new WeightStore();
		for (String l : List.of("h", "a", "b"))
			bw.put(l + ".weight", new int[] { 4, 4 }, new float[16]);
		bw.put("o.weight", new int[] { 8, 2 }, new float[16]);
		GenerationInput branched = new GenerationInput("b.volr", "test",
				network("network b { input [4]  h: dense 4 relu  { a: dense 4 relu } | { b: dense 4 relu }  o: dense 2 }"), bw,
				GenerationSettings.of(config(ResetMode.ZERO, 2), 1.0), Map.of(), null);
		assertEquals(null, branched.spikingProblem(), "the simulator lowers branches");
		for (String target : List.of("brian2", "pynn")) {
			List<String> p = TargetRegistry.find(target).orElseThrow().validate(branched);
			assertTrue(p.size() == 1 && p.get(0).contains("parallel branches"), target + ": " + p);
		}
	}
}
