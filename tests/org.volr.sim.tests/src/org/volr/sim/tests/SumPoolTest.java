package org.volr.sim.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.volr.core.data.ArrayDataset;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.sim.LoweringException;
import org.volr.sim.SimulationConfig;
import org.volr.sim.SimulationResult;
import org.volr.sim.Simulator;
import org.volr.sim.SpikingNetwork;
import org.volr.sim.plan.LayerPlan;

/** Sum pooling (NIR's SumPool2d): every input inside a window adds with weight 1, padding adds nothing. */
class SumPoolTest {
	private static WeightStore readout() {
		WeightStore w = new WeightStore();
		float[] ones = new float[16 * 2];
		java.util.Arrays.fill(ones, 1f / 64);
		w.put("o.weight", new int[] { 16, 2 }, ones);
		return w;
	}

	@Test
	void eachOutputIsTheSumOfTheInputsInItsWindow() throws LoweringException {
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network(
				"network s { input [1, 4, 4]  sumpool(3, stride: 1, padding: same)  flatten  o: dense 16 2 }"), readout());
		LayerPlan pool = net.layers().get(0);
		float[] x = new float[16], out = new float[16], expected = new float[16];
		for (int i = 0; i < 16; i++)
			x[i] = i + 1;
		for (int y = 0; y < 4; y++)
			for (int c = 0; c < 4; c++)
				for (int dy = -1; dy <= 1; dy++)
					for (int dx = -1; dx <= 1; dx++)
						if (y + dy >= 0 && y + dy < 4 && c + dx >= 0 && c + dx < 4)
							expected[y * 4 + c] += x[(y + dy) * 4 + c + dx];
		pool.forward(x, 0, out);
		assertArrayEquals(expected, out, 0f);
		assertEquals(1 + 2 + 5 + 6, out[0], 0f, "a corner's window holds four inputs, each with weight 1 (an average would divide by 4)");
	}

	@Test
	void aSpikeReachesEveryWindowThatHoldsItWithWeightOne() throws LoweringException {
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network(
				"network s { input [1, 4, 4]  sumpool(3, stride: 1, padding: same)  flatten  o: dense 16 2 }"), readout());
		float[] current = new float[16];
		int ops = net.layers().get(0).deliver(5, current); // row 1, column 1: inside the nine windows around it
		assertEquals(9, ops);
		for (int p = 0; p < 16; p++)
			assertEquals(Math.abs(p / 4 - 1) <= 1 && Math.abs(p % 4 - 1) <= 1 ? 1f : 0f, current[p], 0f, "output " + p);
		// and it simulates: twelve samples of constant input
		float[] data = new float[12 * 16];
		for (int i = 0; i < data.length; i++)
			data[i] = (i % 7) / 7f;
		SimulationResult r = Simulator.run(net, new ArrayDataset("x", new int[] { 1, 4, 4 }, 2, data, new int[12]),
				SimulationConfig.constant(20), Progress.NONE);
		assertEquals(12, r.predictions().length);
	}
}
