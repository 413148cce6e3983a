package org.volr.sim.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.volr.core.data.ArrayDataset;
import org.volr.core.data.BatchIterator;
import org.volr.core.data.Dataset;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.sim.LoweringException;
import org.volr.sim.SimulationConfig;
import org.volr.sim.SimulationResult;
import org.volr.sim.Simulator;
import org.volr.sim.SpikingNetwork;
import org.volr.sim.WarmUp;

/** The warm-up before a simulation: it changes no result, stops when closed, and steps aside from input it cannot read. */
class WarmUpTest {

	@Test
	void aSimulationAfterAWarmUpGivesWhatItGivesWithout() throws Exception {
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network(SimulatorTest.CNN), SimulatorTest.cnnWeights(11));
		Random r = new Random(5);
		int samples = 40;
		int[] labels = new int[samples];
		for (int s = 0; s < samples; s++)
			labels[s] = r.nextInt(5);
		ArrayDataset data = new ArrayDataset("random", new int[] { 2, 8, 8 }, 5, SimulatorTest.uniform(r, samples * 128, 0f, 1f), labels);
		for (SimulationConfig config : new SimulationConfig[] { SimulationConfig.constant(100).withRecording(10),
				SimulationConfig.constant(100).withPoisson(0.5, 3).withRecording(10) }) {
			SimulationResult cold = Simulator.run(net, data, config, Progress.NONE);
			int simulated;
			try (WarmUp warmUp = WarmUp.start(net, data, config)) {
				long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
				while (warmUp.simulated() < 50 && System.nanoTime() < giveUp)
					Thread.sleep(5);
				simulated = warmUp.simulated();
			}
			assertTrue(simulated >= 50, "the warm-up must have simulated its samples over and over: " + simulated);
			SimulationResult warm = Simulator.run(net, data, config, Progress.NONE);
			assertEquals(samples, warm.samples());
			assertArrayEquals(cold.spikesPerLayer(), warm.spikesPerLayer());
			assertEquals(cold.synapticOps(), warm.synapticOps());
			assertArrayEquals(cold.accuracyPerStep(), warm.accuracyPerStep());
			assertEquals(cold.meanFirstOutputSpike(), warm.meanFirstOutputSpike());
			assertArrayEquals(cold.spikeRaster(), warm.spikeRaster());
			for (int s = 0; s < samples; s++) {
				assertEquals(cold.predicted(s), warm.predicted(s));
				for (int o = 0; o < 5; o++)
					assertEquals(cold.outputSpikes(s, o), warm.outputSpikes(s, o));
			}
			for (int s = 0; s < 10; s++)
				for (int l = 0; l < net.layers().size(); l++)
					assertArrayEquals(cold.neuronSpikes(s, l), warm.neuronSpikes(s, l));
		}
	}

	/** One sample of a million steps would take minutes: closing must end it at its next step. */
	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS)
	void closingEndsTheSampleBeingSimulated() throws Exception {
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network("network big { input [20]  a: dense 2000 relu  o: dense 2000 relu }"),
				wide());
		ArrayDataset data = new ArrayDataset("x", new int[] { 20 }, 2000, SimulatorTest.uniform(new Random(1), 20, 0.5f, 1f), new int[1]);
		WarmUp warmUp = WarmUp.start(net, data, SimulationConfig.constant(1_000_000));
		Thread.sleep(300);
		warmUp.close();
		assertEquals(0, warmUp.simulated(), "an abandoned sample is not counted");
		warmUp.close(); // closing twice is harmless
	}

	@Test
	void aDatasetThatCannotBeReadOrIsEmptyLeavesNothingToWarmUp() throws LoweringException {
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network(SimulatorTest.CNN), SimulatorTest.cnnWeights(2));
		Dataset broken = new Dataset() {
			public String name() {
				return "broken";
			}

			public int[] sampleShape() {
				return new int[] { 2, 8, 8 };
			}

			public int numClasses() {
				return 5;
			}

			public int size() {
				return 1;
			}

			public int[] labels() {
				return new int[1];
			}

			public BatchIterator batches(int batchSize) {
				throw new IllegalStateException("the file went away");
			}
		};
		Dataset empty = new ArrayDataset("x", new int[] { 2, 8, 8 }, 5, new float[0], new int[0]);
		for (Dataset data : new Dataset[] { broken, empty })
			try (WarmUp warmUp = WarmUp.start(net, data, SimulationConfig.constant(50))) {
				assertEquals(0, warmUp.simulated());
			}
	}

	private static WeightStore wide() {
		Random r = new Random(8);
		WeightStore w = new WeightStore();
		w.put("a.weight", new int[] { 20, 2000 }, SimulatorTest.uniform(r, 40_000, 0f, 0.05f));
		w.put("o.weight", new int[] { 2000, 2000 }, SimulatorTest.uniform(r, 4_000_000, -0.002f, 0.004f));
		return w;
	}
}
