package org.volr.gen.nir.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.core.weights.WeightStore;
import org.volr.gen.nir.NirNeuron;
import org.volr.gen.nir.NirWriter;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Network;
import org.volr.model.VolrFile;

import io.jhdf.HdfFile;

/**
 * A recurrent layer written to NIR as snnTorch's RLeaky and Norse write it: a Linear node {@code <label>.w_rec} with
 * W_rec transposed to [out, in], in a cycle with the layer's neuron node (SEMANTICS.md, "Recurrent layers").
 */
class RecurrentNirTest {
	@TempDir
	Path dir;

	static Network network(String text) {
		VolrFile file = VolrLanguage.create().parse(text);
		return (Network) file.getElements().get(0);
	}

	static WeightStore weights() {
		WeightStore w = new WeightStore();
		w.put("lif1.weight", new int[] { 2, 3 }, new float[] { 1, 2, 3, 4, 5, 6 });
		// [from, to]: row j is what neuron j's spike adds to each neuron
		w.put("lif1.weight_rec", new int[] { 3, 3 }, new float[] { 0, 0.5f, -0.25f, 0.125f, 0, 0.5f, 0.75f, 0, 0 });
		w.put("out.weight", new int[] { 3, 2 }, new float[] { 1, 0, 0, 1, 1, 1 });
		return w;
	}

	@Test
	void theRecurrentEdgeIsALinearNodeInACycleWithTheNeurons() throws Exception {
		Path file = dir.resolve("r.nir");
		NirWriter.write(network("network r { input [2]  lif1: dense 3 recurrent  out: dense 2 }"), weights(), NirNeuron.ifNeuron(1f), file);
		try (HdfFile hdf = new HdfFile(file)) {
			assertEquals("Linear", hdf.getDatasetByPath("node/nodes/lif1.w_rec/type").getData());
			float[][] rec = (float[][]) hdf.getDatasetByPath("node/nodes/lif1.w_rec/weight").getData();
			// NIR's [out, in]: rec[k][j] = W_rec[j, k]
			assertEquals(0.5f, rec[1][0]);
			assertEquals(-0.25f, rec[2][0]);
			assertEquals(0.125f, rec[0][1]);
			assertEquals(0.75f, rec[0][2]);
			assertEquals(0f, rec[2][2]);
			List<String> edges = new ArrayList<>();
			for (String[] e : (String[][]) hdf.getDatasetByPath("node/edges").getData())
				edges.add(e[0] + " -> " + e[1]);
			assertTrue(edges.containsAll(List.of("input -> lif1", "lif1 -> lif1.if", "lif1.if -> lif1.w_rec", "lif1.w_rec -> lif1.if",
					"lif1.if -> out", "out -> out.if", "out.if -> output")), edges.toString());
			assertEquals(7, edges.size(), edges.toString());
		}
	}

	@Test
	void aFeedForwardLayerHasNoRecurrentNode() throws Exception {
		Path file = dir.resolve("f.nir");
		NirWriter.write(network("network f { input [2]  lif1: dense 3  out: dense 2 }"), weights(), NirNeuron.ifNeuron(1f), file);
		try (HdfFile hdf = new HdfFile(file)) {
			assertThrows(Exception.class, () -> hdf.getDatasetByPath("node/nodes/lif1.w_rec/type"));
		}
	}

	@Test
	void recurrentWeightsOfAnotherLayoutAreRefusedByName() {
		WeightStore w = weights();
		w.put("lif1.weight_rec", new int[] { 3, 2 }, new float[6]);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NirWriter.write(
				network("network r { input [2]  lif1: dense 3 recurrent  out: dense 2 }"), w, NirNeuron.ifNeuron(1f), dir.resolve("x.nir")));
		assertTrue(e.getMessage().startsWith("recurrent layer 'lif1'") && e.getMessage().contains("[3, 3]"), e.getMessage());
	}
}
