package org.volr.gen.lava.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.volr.core.weights.WeightStore;
import org.volr.gen.GenerationInput;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;

/**
 * A generated dense network against a file lava-dl exported (testdata/lava/network.net, two dense CUBA blocks):
 * the same groups, the same dataset names in every block and neuron group, and the same kinds of data (strings,
 * 64-bit integers, 32-bit floats, with the same ranks).
 */
class LavaLayoutTest {
	@Test
	void denseBlocksHaveTheFieldsAndDatatypesOfALavaDlExport() throws Exception {
		Path reference = Netx.testdata("network.net");
		assertTrue(Files.isRegularFile(reference), "the lava-dl export is missing: " + reference.toAbsolutePath());
		Random r = new Random(11);
		WeightStore w = new WeightStore();
		w.put("h1.weight", new int[] { 6, 5 }, Netx.uniform(r, 30, -0.5f, 0.5f));
		w.put("d2.weight", new int[] { 5, 3 }, Netx.uniform(r, 15, -0.5f, 0.5f));
		GenerationInput input = Netx.input(Netx.network(LavaDenseTest.MLP), w, Netx.IF, Map.of());
		Path ours = Netx.generate(input, "layout").files().get(0);
		try (HdfFile lava = new HdfFile(reference); HdfFile volr = new HdfFile(ours)) {
			assertTrue(Netx.names(volr).containsAll(Netx.names(lava)), "top level: " + Netx.names(volr) + " vs " + Netx.names(lava));
			Group lavaLayers = (Group) lava.getChild("layer"), volrLayers = (Group) volr.getChild("layer");
			assertEquals(Netx.names(lavaLayers), Netx.names(volrLayers), "both have blocks 0 and 1");
			for (String block : Netx.names(lavaLayers)) {
				Group l = (Group) lavaLayers.getChild(block), v = (Group) volrLayers.getChild(block);
				assertEquals(Netx.structure(l), Netx.structure(v), "block " + block);
				assertEquals(Netx.structure((Group) l.getChild("neuron")), Netx.structure((Group) v.getChild("neuron")),
						"neuron group of block " + block);
			}
			// what the comparison rests on: the reference is read as the layout the brief describes
			assertEquals("int8 rank 0", Netx.kind(lava.getDatasetByPath("layer/0/neuron/gradedSpike")));
			assertEquals("float32 rank 2", Netx.kind(lava.getDatasetByPath("layer/0/weight")));
			assertEquals(414, Netx.scalar(lava, "layer/0/neuron/vDecay"));
		}
	}
}
