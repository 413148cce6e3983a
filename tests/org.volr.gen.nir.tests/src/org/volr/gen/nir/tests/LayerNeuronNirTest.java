package org.volr.gen.nir.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.gen.GenerationInput;
import org.volr.gen.ScriptLimits;
import org.volr.gen.nir.NirTarget;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Network;
import org.volr.model.Readout;
import org.volr.model.ResetMode;
import org.volr.pipeline.GenerationSettings;
import org.volr.sim.NeuronSpec;
import org.volr.sim.SimulationConfig;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

/**
 * A neuron per layer on the targets: NIR writes each layer's own neuron node (an LI output as NIR's LI node), the
 * targets that give every layer the experiment's neuron and count spikes refuse a layer's own neuron and a membrane
 * readout by name.
 */
class LayerNeuronNirTest {
	private static Network mlp() {
		return (Network) VolrLanguage.create().parse("network mlp { input [4]  h1: dense 3 relu neuron LIF { tau_m 10 ms }"
				+ "  out: dense 2 linear neuron LI { tau_m 5 ms, v_rest 0.1 } }").getElements().get(0);
	}

	private static GenerationInput input(SimulationConfig config) {
		return new GenerationInput("mlp.volr", "run", mlp(), CubaLifNirTest.mlpWeights(), GenerationSettings.of(config, 1.0), Map.of(), null);
	}

	private static SimulationConfig ifZero() {
		return SimulationConfig.constant(10).withNeuron(NeuronSpec.defaultIF().withReset(ResetMode.ZERO));
	}

	@Test
	void nirWritesEachLayersOwnNeuronAndAnLiOutputAsNirsLiNode(@TempDir Path dir) throws Exception {
		GenerationInput input = input(ifZero().withReadout(Readout.MEMBRANE_MAX));
		NirTarget target = new NirTarget();
		assertEquals(List.of(), target.validate(input), "NIR has no readout: a membrane readout is not its concern");
		Path file = target.generate(input, dir).files().get(0);
		NirTest.checkLayout(file);
		try (HdfFile hdf = new HdfFile(file)) {
			assertEquals(new TreeSet<>(List.of("input", "h1", "h1.lif", "out", "out.li", "output")), names((Group) hdf.getByPath("node/nodes")));
			Group lif = (Group) hdf.getByPath("node/nodes/h1.lif");
			assertEquals(0.01f, ((float[]) ((Dataset) lif.getChild("tau")).getDataFlat())[0], "h1's own LIF, 10 ms in seconds");
			Group li = (Group) hdf.getByPath("node/nodes/out.li");
			assertEquals("LI", ((Dataset) li.getChild("type")).getData());
			assertEquals(Set.of("type", "tau", "r", "v_leak"), names(li), "exactly the fields of NIR's LI dataclass");
			for (String field : List.of("tau", "r", "v_leak")) {
				float[] values = (float[]) ((Dataset) li.getChild(field)).getDataFlat();
				assertEquals(2, values.length);
				float expected = switch (field) {
				case "tau" -> 0.005f;
				case "r" -> (float) (1 / -Math.expm1(-0.001 / 0.005f)); // input gain r·(1 − e^(−dt/tau)) = 1 at dt 1 ms, exact
				default -> 0.1f;
				};
				for (float v : values)
					assertEquals(expected, v, field);
			}
		}
	}

	@Test
	void targetsWithOneNeuronForEveryLayerRefuseALayersOwnAndAMembraneReadoutByName() {
		List<String> problems = ScriptLimits.oneNeuronSpikeReadout(input(ifZero().withReadout(Readout.MEMBRANE_LAST)), "PyNN");
		assertEquals(3, problems.size(), problems.toString());
		assertTrue(problems.get(0).startsWith("layer 'h1' has a neuron of its own (LIF); PyNN is written with the experiment's neuron"), problems.get(0));
		assertTrue(problems.get(1).startsWith("layer 'out' has a neuron of its own (LI)"), problems.get(1));
		assertTrue(problems.get(2).startsWith("the readout membrane_last (simulate { readout membrane_last }) is simulated by Volr only"),
				problems.get(2));
	}

	private static Set<String> names(Group g) {
		Set<String> s = new TreeSet<>();
		for (Node n : g)
			s.add(n.getName());
		return s;
	}
}
