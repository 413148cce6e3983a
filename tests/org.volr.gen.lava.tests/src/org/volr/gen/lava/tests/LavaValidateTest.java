package org.volr.gen.lava.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.volr.core.weights.WeightStore;
import org.volr.gen.GenerationInput;
import org.volr.gen.lava.LavaTarget;
import org.volr.net.neuron.NeuronModels;
import org.volr.model.ResetMode;
import org.volr.sim.InisimOptions;
import org.volr.net.neuron.Discretisation;
import org.volr.sim.NeuronSpec;

/** What the Lava target refuses, each problem naming the layer or the setting. */
class LavaValidateTest {
	final LavaTarget lava = new LavaTarget();

	static WeightStore convWeights(int filters, int in, int kernel, int flat, int out) {
		Random r = new Random(2);
		WeightStore w = new WeightStore();
		w.put("c1.weight", new int[] { filters, in, kernel, kernel }, Netx.uniform(r, filters * in * kernel * kernel, -0.2f, 0.3f));
		w.put("d1.weight", new int[] { flat, out }, Netx.uniform(r, flat * out, -0.3f, 0.3f));
		return w;
	}

	static String only(List<String> problems) {
		assertEquals(1, problems.size(), problems.toString());
		return problems.get(0);
	}

	@Test
	void maxPoolingIsRefusedByName() {
		String text = """
				network m {
				    input [1, 8, 8]
				    c1: conv2d(4, kernel: 3) relu
				    p1: maxpool 2
				    flatten
				    d1: dense 5
				}
				""";
		GenerationInput input = Netx.input(Netx.network(text), convWeights(4, 1, 3, 36, 5), Netx.IF, Map.of());
		String problem = only(lava.validate(input));
		assertTrue(problem.contains("layer 'p1'") && problem.contains("max pooling"), problem);
		assertThrows(IllegalArgumentException.class, () -> Netx.generate(input, "refused"));
	}

	@Test
	void inisimOptionsAreRefusedByName() {
		GenerationInput plain = Netx.input(Netx.network(LavaDenseTest.MLP), LavaDenseTest.weights(), Netx.IF, Map.of());
		InisimOptions options = InisimOptions.NONE.withPayloads(true).withClamp("d2", 4);
		GenerationInput input = Netx.input(plain.model(), plain.weights(), Netx.config(Netx.IF).withInisim(options), Map.of());
		List<String> problems = lava.validate(input);
		assertEquals(2, problems.size(), problems.toString());
		assertTrue(problems.get(0).contains("simulate { payloads }"), problems.get(0));
		assertTrue(problems.get(1).contains("clamping layer 'd2'"), problems.get(1));
	}

	@Test
	void bitsOutsideTwoToEightAreRefused() {
		WeightStore w = LavaDenseTest.weights();
		for (String bits : List.of("12", "1", "eight")) {
			String problem = only(lava.validate(Netx.input(Netx.network(LavaDenseTest.MLP), w, Netx.IF, Map.of("bits", bits))));
			assertTrue(problem.contains("option bits") && problem.contains("'" + bits + "'"), problem);
		}
		assertEquals(List.of(), lava.validate(Netx.input(Netx.network(LavaDenseTest.MLP), w, Netx.IF, Map.of("bits", "2"))));
	}

	@Test
	void weightsTooLargeForTheThresholdAtTwoBitsAreRefusedByLayer() {
		// threshold 0.5 with weights up to 0.6: one signed level of weight cannot be scaled below the threshold mantissa 1
		NeuronSpec low = new NeuronSpec(NeuronModels.IF, 0.5f, ResetMode.ZERO, 0f, 0, Float.NEGATIVE_INFINITY, 1f, 0f);
		List<String> problems = lava.validate(Netx.input(Netx.network(LavaDenseTest.MLP), LavaDenseTest.weights(), low, Map.of("bits", "2")));
		assertTrue(problems.stream().anyMatch(p -> p.contains("layer 'h1'") && p.contains("use more bits")), problems.toString());
	}

	@Test
	void cubaLifNeuronsAreRefused() {
		NeuronSpec cuba = new NeuronSpec(NeuronModels.of("CubaLIF"), 1f, ResetMode.ZERO, 0f, 0, Float.NEGATIVE_INFINITY, 0.9f, 0f);
		String problem = only(lava.validate(Netx.input(Netx.network(LavaDenseTest.MLP), LavaDenseTest.weights(), cuba, Map.of())));
		assertTrue(problem.contains("CubaLIF"), problem);
		NeuronSpec coba = new NeuronSpec(NeuronModels.of("CobaLIF"), 1f, ResetMode.ZERO, 0f, 0, Float.NEGATIVE_INFINITY, 0.9f, 0f, 0.5f, 0f, 1f,
				new Discretisation.Conductance(4f, -1f, 0.1f, 0.5f));
		problem = only(lava.validate(Netx.input(Netx.network(LavaDenseTest.MLP), LavaDenseTest.weights(), coba, Map.of())));
		assertTrue(problem.contains("CobaLIF") && problem.contains("no reversal potentials"), problem);
	}

	@Test
	void paddingNetxCannotExpressIsRefusedByName() {
		// 'same' with an even kernel pads only after the map, which a symmetric netx convolution cannot do
		String asymmetric = """
				network a {
				    input [1, 8, 8]
				    c1: conv2d(2, kernel: 2, padding: same) relu
				    flatten
				    d1: dense 3
				}
				""";
		String problem = only(lava.validate(Netx.input(Netx.network(asymmetric), convWeights(2, 1, 2, 128, 3), Netx.IF, Map.of())));
		assertTrue(problem.contains("layer 'c1'") && problem.contains("asymmetric"), problem);
		// average pooling whose border windows hold fewer inputs has no single kernel
		String paddedPool = """
				network b {
				    input [1, 8, 8]
				    c1: conv2d(2, kernel: 3) relu
				    p1: avgpool(3, stride: 1, padding: same)
				    flatten
				    d1: dense 3
				}
				""";
		problem = only(lava.validate(Netx.input(Netx.network(paddedPool), convWeights(2, 1, 3, 72, 3), Netx.IF, Map.of())));
		assertTrue(problem.contains("layer 'p1'") && problem.contains("valid padding"), problem);
	}
}
