package org.volr.gen.nir.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;

import org.eclipse.emf.ecore.util.EcoreUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.core.weights.WeightStore;
import org.volr.gen.nir.NirGraph;
import org.volr.gen.nir.NirGraphReader;
import org.volr.gen.nir.NirReader;
import org.volr.gen.nir.NirTime;
import org.volr.model.Block;
import org.volr.model.DiscretisationKind;
import org.volr.model.Layer;
import org.volr.model.NeuronModel;
import org.volr.model.ResetMode;
import org.volr.net.neuron.Population;
import org.volr.sim.NeuronSpec;

/**
 * The NIR paper's braille RNNs (snnTorch: RSynaptic 12 → 38/40 recurrent, Synaptic → 7), read for the paper's
 * dt = 0.1 ms with Euler (SEMANTICS.md, "Time in NIR graphs"), against a plain re-implementation of snnTorch's loop on
 * the file's own parameters: syn = α·syn + W·x + W_rec·z_prev (+ b); mem = β·mem + syn; spike when mem reaches the
 * threshold, then reset as the file's name says (subtract, or zero). Volr's populations are stepped per step with the
 * imported weights and neurons, the input being seeded Bernoulli spikes of the 12 inputs over 256 steps.
 */
class NirBrailleTest {
	private static final double DT = 1e-4;
	private static final int STEPS = 256, INPUTS = 12;
	private static final String[] FILES = { "paper_03_rnn_braille_noDelay_noBias_subtract.nir", "paper_03_rnn_braille_noDelay_bias_zero.nir" };

	/** Seeded Bernoulli spikes, [step][input]. */
	private static boolean[][] spikes(long seed, double p) {
		Random r = new Random(seed);
		boolean[][] x = new boolean[STEPS][INPUTS];
		for (boolean[] step : x)
			for (int i = 0; i < INPUTS; i++)
				step[i] = r.nextDouble() < p;
		return x;
	}

	/** Both layers' membranes after every step, [step][neuron], and their spikes. */
	record Run(double[][] v1, double[][] v2, boolean[][] z1, boolean[][] z2) {
	}

	/** One snnTorch (R)Synaptic layer's parameters as the file has them: W [out][in] row-major, α, β, threshold. */
	private record Layer1(int in, int out, float[] w, float[] wRec, double[] bias, double alpha, double beta, double threshold) {
		static Layer1 of(NirGraph g, String weights, String lif, String rec) {
			NirGraph.Node fc = g.node(weights), n = g.node(lif);
			int[] shape = fc.field("weight").shape();
			double[] bias = new double[shape[0]];
			for (String b : rec == null ? List.of(weights) : List.of(weights, rec))
				if (g.node(b).has("bias"))
					for (int k = 0; k < bias.length; k++)
						bias[k] += g.node(b).field("bias").floats()[k];
			double tauMem = n.field("tau_mem").floats()[0], tauSyn = n.field("tau_syn").floats()[0];
			// snnTorch's convention, which makes NIR's Euler step its loop: r = tau_mem/dt, w_in = tau_syn/dt
			assertEquals(1, n.field("r").floats()[0] * DT / tauMem, 1e-5, lif + ": r = tau_mem/dt");
			assertEquals(1, n.field("w_in").floats()[0] * DT / tauSyn, 1e-5, lif + ": w_in = tau_syn/dt");
			return new Layer1(shape[1], shape[0], fc.field("weight").floats(), rec == null ? null : g.node(rec).field("weight").floats(), bias,
					1 - DT / tauSyn, 1 - DT / tauMem, n.field("v_threshold").floats()[0]);
		}
	}

	/**
	 * snnTorch's loop in double. biasIntoMembrane: the bias enters the membrane at its steady-state size b/(1 − α)
	 * every step (Volr's constant drive, SEMANTICS.md "Time in NIR graphs") instead of passing through syn.
	 */
	private static Run snnTorch(Layer1 l1, Layer1 l2, boolean[][] x, boolean subtract, boolean biasIntoMembrane) {
		double[] syn1 = new double[l1.out], mem1 = new double[l1.out], syn2 = new double[l2.out], mem2 = new double[l2.out];
		boolean[] prev = new boolean[l1.out];
		Run run = new Run(new double[STEPS][], new double[STEPS][], new boolean[STEPS][], new boolean[STEPS][]);
		for (int t = 0; t < STEPS; t++) {
			boolean[] z1 = layer(l1, x[t], prev, syn1, mem1, subtract, biasIntoMembrane);
			boolean[] z2 = layer(l2, z1, null, syn2, mem2, subtract, biasIntoMembrane);
			run.v1[t] = mem1.clone();
			run.v2[t] = mem2.clone();
			run.z1[t] = z1;
			run.z2[t] = z2;
			prev = z1;
		}
		return run;
	}

	private static boolean[] layer(Layer1 l, boolean[] in, boolean[] prev, double[] syn, double[] mem, boolean subtract, boolean biasIntoMembrane) {
		boolean[] z = new boolean[l.out];
		for (int k = 0; k < l.out; k++) {
			double input = biasIntoMembrane ? 0 : l.bias[k];
			for (int i = 0; i < l.in; i++)
				if (in[i])
					input += l.w[k * l.in + i];
			if (prev != null)
				for (int j = 0; j < l.out; j++)
					if (prev[j])
						input += l.wRec[k * l.out + j];
			syn[k] = l.alpha * syn[k] + input;
			mem[k] = l.beta * mem[k] + syn[k] + (biasIntoMembrane ? l.bias[k] / (1 - l.alpha) : 0);
			if (mem[k] >= l.threshold) {
				z[k] = true;
				mem[k] = subtract ? mem[k] - l.threshold : 0;
			}
		}
		return z;
	}

	/** Volr: the imported network's two populations, stepped with the imported weights (the gains folded in). */
	private static Run volr(NirReader.Result r, boolean[][] x, ResetMode reset) {
		WeightStore w = r.model().weights();
		List<Layer> layers = ((Block) r.model().network().getBody()).getSteps().stream().map(Layer.class::cast).toList();
		NeuronModel own = layers.get(1).getNeuron();
		NeuronSpec s1 = NeuronSpec.from(r.neuronModel(), null, DT * 1000, DiscretisationKind.EULER).withReset(reset);
		NeuronSpec s2 = NeuronSpec.from(own == null ? r.neuronModel() : own, null, DT * 1000, DiscretisationKind.EULER).withReset(reset);
		float[] w1 = w.get("fc1.weight").data(), rec = w.get("fc1.weight_rec").data(), w2 = w.get("fc2.weight").data();
		int hidden = w.get("fc1.weight").shape()[1], outs = w.get("fc2.weight").shape()[1];
		float[] b1 = w.contains("fc1.bias") ? w.get("fc1.bias").data() : new float[hidden];
		float[] b2 = w.contains("fc2.bias") ? w.get("fc2.bias").data() : new float[outs];
		Population p1 = s1.population(hidden), p2 = s2.population(outs);
		int[] fired1 = new int[hidden], fired2 = new int[outs];
		int n1 = 0;
		Run run = new Run(new double[STEPS][hidden], new double[STEPS][outs], new boolean[STEPS][hidden], new boolean[STEPS][outs]);
		for (int t = 0; t < STEPS; t++) {
			for (int i = 0; i < INPUTS; i++) // [in, out]
				if (x[t][i])
					for (int k = 0; k < hidden; k++)
						p1.arrivals()[k] += w1[i * hidden + k];
			for (int a = 0; a < n1; a++) // the layer's own spikes of the step before, [from, to]
				for (int k = 0; k < hidden; k++)
					p1.arrivals()[k] += rec[fired1[a] * hidden + k];
			n1 = p1.step(b1, true, s1.firing(reset), fired1);
			for (int a = 0; a < n1; a++) {
				run.z1[t][fired1[a]] = true;
				for (int o = 0; o < outs; o++)
					p2.arrivals()[o] += w2[fired1[a] * outs + o];
			}
			int n2 = p2.step(b2, true, s2.firing(reset), fired2);
			for (int a = 0; a < n2; a++)
				run.z2[t][fired2[a]] = true;
			for (int k = 0; k < hidden; k++)
				run.v1[t][k] = p1.potential()[k];
			for (int o = 0; o < outs; o++)
				run.v2[t][o] = p2.potential()[o];
		}
		return run;
	}

	private static int spikes(boolean[][] z) {
		int n = 0;
		for (boolean[] step : z)
			for (boolean s : step)
				n += s ? 1 : 0;
		return n;
	}

	/** The largest |a − b| relative to max(1, |b|), over steps and neurons. */
	private static double difference(double[][] a, double[][] b) {
		double d = 0;
		for (int t = 0; t < a.length; t++)
			for (int k = 0; k < a[t].length; k++)
				d = Math.max(d, Math.abs(a[t][k] - b[t][k]) / Math.max(1, Math.abs(b[t][k])));
		return d;
	}

	@Test
	void underEulerAtTheNirPapersStepVolrIsSnnTorchsLoopStepByStep() throws Exception {
		for (String f : FILES) {
			boolean subtract = f.contains("subtract");
			NirGraph g = NirGraphReader.read(NirTest.data(f));
			Layer1 l1 = Layer1.of(g, "fc1", "lif1.lif", "lif1.w_rec"), l2 = Layer1.of(g, "fc2", "lif2", null);
			NirReader.Result r = NirReader.readWithNeuron(NirTest.data(f), "braille"); // the default: 0.1 ms, Euler
			boolean bias = l1.bias.length > 0 && java.util.Arrays.stream(l1.bias).anyMatch(b -> b != 0);
			for (long seed : new long[] { 1, 2, 3 }) {
				boolean[][] x = spikes(seed, 0.2);
				Run volr = volr(r, x, subtract ? ResetMode.SUBTRACT : ResetMode.ZERO);
				// the bias enters Volr's membrane directly (its steady state through the synapse): the reference does so too
				Run ref = snnTorch(l1, l2, x, subtract, true);
				String what = f + " seed " + seed;
				for (int t = 0; t < STEPS; t++) {
					assertArrayEquals(ref.z1[t], volr.z1[t], what + ": fc1's spikes at step " + t);
					assertArrayEquals(ref.z2[t], volr.z2[t], what + ": fc2's spikes at step " + t);
				}
				double d1 = difference(volr.v1, ref.v1), d2 = difference(volr.v2, ref.v2);
				assertTrue(d1 < 1e-4 && d2 < 1e-4, what + ": membranes differ by " + d1 + ", " + d2 + " (relative)");
				assertTrue(spikes(ref.z1) > 20 && spikes(ref.z2) > 10, what + ": the input drives both layers: " + spikes(ref.z1) + ", "
						+ spikes(ref.z2) + " spikes");
				// snnTorch itself passes the bias through syn: the same network once syn has settled, not in the first steps
				Run snn = snnTorch(l1, l2, x, subtract, false);
				int differ = 0;
				for (int t = 0; t < STEPS; t++)
					for (int k = 0; k < l1.out; k++)
						differ += snn.z1[t][k] != volr.z1[t][k] ? 1 : 0;
				if (!bias)
					assertEquals(0, differ, what + ": without a bias Volr is snnTorch's loop itself");
				System.out.println("braille " + what + ": " + spikes(volr.z1) + " fc1 and " + spikes(volr.z2) + " fc2 spikes, equal to the loop;"
						+ " membranes within " + Math.max(d1, d2) + " (relative); fc1 spikes that differ from snnTorch's bias-through-syn loop: "
						+ differ);
			}
		}
	}

	/**
	 * The braille graph nested as Rockpool and Spyx write a recurrent layer (a sub-graph "lif1" with its own input and
	 * output around lif and w_rec), written with jHDF from the flat file's own values: the same network, the same
	 * weights.
	 */
	@Test
	void theNestedFormOfABrailleFileImportsToTheIdenticalNetwork(@TempDir Path dir) throws Exception {
		for (String f : FILES) {
			NirGraph flat = NirGraphReader.read(NirTest.data(f));
			assertEquals(new TreeSet<>(List.of("input", "fc1", "lif1.lif", "lif1.w_rec", "fc2", "lif2", "output")),
					new TreeSet<>(flat.nodes().keySet()), f);
			int hidden = flat.node("fc1").field("weight").shape()[0];
			NirFile sub = new NirFile().node("input", "Input", "shape", new long[] { hidden });
			fields(sub, "lif", flat.node("lif1.lif"));
			fields(sub, "w_rec", flat.node("lif1.w_rec"));
			sub.node("output", "Output", "shape", new long[] { hidden }).edges("input", "lif", "output").edges("lif", "w_rec", "lif");
			NirFile top = new NirFile();
			fields(top, "input", flat.node("input"));
			fields(top, "fc1", flat.node("fc1"));
			top.graph("lif1", sub);
			fields(top, "fc2", flat.node("fc2"));
			fields(top, "lif2", flat.node("lif2"));
			fields(top, "output", flat.node("output"));
			top.edges("input", "fc1", "lif1", "fc2", "lif2", "output");
			Path nestedFile = top.write(dir.resolve("nested_" + f), flat.version());
			NirReader.Result a = NirReader.readWithNeuron(NirTest.data(f), "braille"), b = NirReader.readWithNeuron(nestedFile, "braille");
			assertTrue(EcoreUtil.equals(a.model().network(), b.model().network()), f + ": the networks differ");
			assertEquals(new TreeSet<>(a.model().weights().names()), new TreeSet<>(b.model().weights().names()), f);
			for (String k : a.model().weights().names())
				assertEquals(a.model().weights().get(k), b.model().weights().get(k), f + " " + k);
			assertEquals(a.neuron(), b.neuron(), f);
		}
	}

	/** A node of the flat file copied into a NirFile: arrays of 1 or 2 dimensions, integer shapes as long[], texts. */
	private static void fields(NirFile file, String name, NirGraph.Node node) {
		List<Object> f = new java.util.ArrayList<>();
		for (Map.Entry<String, NirGraph.NirArray> e : node.fields().entrySet()) {
			NirGraph.NirArray a = e.getValue();
			f.add(e.getKey());
			if (e.getKey().equals("shape") || e.getKey().equals("input_type") || e.getKey().equals("output_type")) {
				long[] l = new long[a.size()];
				for (int i = 0; i < l.length; i++)
					l[i] = (long) a.values()[i];
				f.add(l);
			} else if (a.shape().length == 2) {
				float[][] m = new float[a.shape()[0]][a.shape()[1]];
				float[] v = a.floats();
				for (int i = 0; i < m.length; i++)
					System.arraycopy(v, i * m[0].length, m[i], 0, m[0].length);
				f.add(m);
			} else
				f.add(a.floats());
		}
		for (Map.Entry<String, String> e : node.texts().entrySet())
			if (!e.getKey().equals("type")) {
				f.add(e.getKey());
				f.add(e.getValue());
			}
		file.node(name, node.type(), f.toArray());
	}
}
