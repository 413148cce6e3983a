package org.volr.gen.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.volr.core.weights.WeightStore;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Network;
import org.volr.net.NetLayer;
import org.volr.net.NetworkResolver;
import org.volr.net.ResolvedNetwork;
import org.volr.net.SpikingLayers;
import org.volr.net.Synapses;
import org.volr.sim.SpikingNetwork;
import org.volr.sim.plan.LayerPlan;

/**
 * The synapse lists the generators write ({@link Synapses}, enumerated from each layer's window and kernel) are
 * exactly the ones Volr's simulator delivers (found by sending one spike from every input through its layer plan, as
 * the generators did before), the biases are its biases, and a first layer's W·x + b is its sum to the bit: on
 * networks with every geometry (dense, conv incl. depthwise, 1-D, stride, dilation, asymmetric and explicit padding;
 * average, sum, global average pooling; max pooling, which has none) and on the golden networks.
 */
class SynapsesEquivalenceTest {
	private static final Path GOLDEN = Path.of("../org.volr.cli.tests/data/golden");

	private static final List<String> NETWORKS = List.of("""
			network geometry {
			    input [2, 9, 8]
			    c1: conv2d(3, kernel: 3, padding: same) relu
			    c2: conv2d(4, kernel: 2, padding: same) relu
			    c3: conv2d(4, kernel: [3, 2], stride: [2, 1], dilation: [1, 2], padding: [2, 1]) relu
			    d1: depthwise_conv2d(kernel: 3, multiplier: 2, stride: 2, padding: same) relu
			    s1: avgpool(3, stride: 2, padding: same)
			    flatten
			    out: dense 5
			}
			""", """
			network pools {
			    input [3, 8, 8]
			    c1: conv2d(4, kernel: 3, padding: 1) relu
			    s1: sumpool(2, stride: 2)
			    m1: maxpool 2
			    a1: avgpool 2
			    globalavgpool
			    out: dense 3
			}
			""", """
			network seq {
			    input [3, 20]
			    c1: conv1d(4, kernel: 4, padding: same) relu
			    s1: avgpool1d(3, stride: 2, padding: same)
			    c2: conv1d(5, kernel: 3, stride: 2, dilation: 2, padding: 2) relu
			    globalavgpool
			    out: dense 2
			}
			""", """
			network mlp {
			    input [12]
			    h: dense 7 relu
			    out: dense 3
			}
			""");

	@Test
	void enumeratedSynapsesAreTheSimulatorsOnEveryGeometry() throws Exception {
		for (String text : NETWORKS)
			check((Network) VolrLanguage.create().parse(text).getElements().get(0));
	}

	@Test
	void enumeratedSynapsesAreTheSimulatorsOnTheGoldenNetworks() throws Exception {
		List<Network> networks = new ArrayList<>();
		for (String name : List.of("mlp", "cnn", "branches", "seq1d", "convnir"))
			VolrLanguage.create().parse(Files.readString(GOLDEN.resolve(name + ".volr"))).getElements().stream()
					.filter(Network.class::isInstance).map(Network.class::cast).forEach(networks::add);
		assertEquals(5, networks.size());
		for (Network n : networks)
			check(n);
	}

	private static void check(Network network) throws Exception {
		ResolvedNetwork resolved = NetworkResolver.resolve(network);
		WeightStore weights = weightsFor(resolved, new Random(network.getName().hashCode()));
		SpikingNetwork lowered = SpikingNetwork.lower(network, resolved, weights);
		List<NetLayer> layers = SpikingLayers.of(network, resolved, weights.names()).layers();
		assertEquals(lowered.layers().size(), layers.size(), network.getName());
		int withNeurons = 0;
		for (int k = 0; k < layers.size(); k++) {
			LayerPlan plan = lowered.layers().get(k);
			NetLayer layer = layers.get(k);
			String where = network.getName() + " layer " + layer.key();
			assertEquals(plan.label(), layer.key(), where);
			assertEquals(plan.hasNeurons(), SpikingLayers.hasNeurons(layer), where);
			assertEquals(plan.inSize(), layer.inSize(), where);
			assertEquals(plan.outSize(), layer.outSize(), where);
			if (!plan.hasNeurons())
				continue;
			withNeurons++;
			float[] kernel = layer.hasWeights() ? weights.get(layer.weightKey()).data() : null;
			float[] bias = layer.hasWeights() && weights.contains(layer.biasKey()) ? weights.get(layer.biasKey()).data() : null;
			Synapses expected = probe(plan), actual = Synapses.of(layer, kernel);
			assertArrayEquals(expected.pre(), actual.pre(), where + " pre");
			assertArrayEquals(expected.post(), actual.post(), where + " post");
			assertArrayEquals(expected.weight(), actual.weight(), where + " weights");
			float[] perNeuron = Synapses.biasPerNeuron(layer, bias);
			assertArrayEquals(plan.bias(), perNeuron, where + " bias");
			// a first layer's constant current, W·x + b, to the bit (inputs with zeros, which the simulator skips)
			Random r = new Random(3);
			float[] x = new float[layer.inSize()];
			for (int i = 0; i < x.length; i++)
				x[i] = r.nextInt(4) == 0 ? 0f : r.nextFloat();
			float[] byPlan = new float[layer.outSize()], bySynapses = new float[layer.outSize()];
			plan.forward(x, 0, byPlan);
			actual.forward(x, 0, bySynapses);
			for (int j = 0; j < byPlan.length; j++) {
				byPlan[j] = byPlan[j] + plan.bias()[j];
				bySynapses[j] = bySynapses[j] + perNeuron[j];
			}
			assertArrayEquals(byPlan, bySynapses, where + " W·x + b");
		}
		assertTrue(withNeurons > 0);
		assertEquals(lowered.isChain(), SpikingLayers.of(network, resolved, weights.names()).isChain(), network.getName());
	}

	/** Random weights of every layer's shape, some exactly zero (a synapse the lists leave out). */
	private static WeightStore weightsFor(ResolvedNetwork resolved, Random r) {
		WeightStore w = new WeightStore();
		for (NetLayer l : resolved.weighted()) {
			int[] shape = l.weightShape();
			float[] data = new float[Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
			for (int i = 0; i < data.length; i++)
				data[i] = r.nextInt(10) == 0 ? 0f : (float) r.nextGaussian();
			w.put(l.weightKey(), shape, data);
			float[] bias = new float[l.biasShape()[0]];
			for (int i = 0; i < bias.length; i++)
				bias[i] = (float) r.nextGaussian() * 0.1f;
			w.put(l.biasKey(), l.biasShape(), bias);
		}
		return w;
	}

	/** What the generators used to do: one spike from every input through the simulator's plan, the non-zero currents. */
	private static Synapses probe(LayerPlan plan) {
		assertFalse(!plan.hasNeurons());
		float[] probe = new float[plan.outSize()];
		List<int[]> found = new ArrayList<>();
		List<Float> w = new ArrayList<>();
		for (int i = 0; i < plan.inSize(); i++) {
			Arrays.fill(probe, 0f);
			plan.deliver(i, probe);
			for (int o = 0; o < probe.length; o++)
				if (probe[o] != 0f) {
					found.add(new int[] { i, o });
					w.add(probe[o]);
				}
		}
		int[] pre = new int[found.size()], post = new int[found.size()];
		float[] weight = new float[found.size()];
		for (int s = 0; s < pre.length; s++) {
			pre[s] = found.get(s)[0];
			post[s] = found.get(s)[1];
			weight[s] = w.get(s);
		}
		return new Synapses(pre, post, weight);
	}
}
