package org.volr.sim.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.volr.core.data.ArrayDataset;
import org.volr.core.data.Batch;
import org.volr.core.data.BatchIterator;
import org.volr.core.data.DataFormatException;
import org.volr.core.data.Dataset;
import org.volr.core.data.SpikeTrains;
import org.volr.core.progress.Progress;
import org.volr.sim.LoweringException;
import org.volr.sim.SimulationConfig;
import org.volr.sim.SimulationResult;
import org.volr.sim.Simulator;
import org.volr.sim.SpikingNetwork;

/**
 * Spike trains given in the data (SEMANTICS.md, "Input encodings", spikes): input i spikes at step t iff the array
 * says 1 there, and only those spikes are delivered, into the feed-forward and the recurrent path. The trace is
 * worked out by hand on RecurrentTest's layer (W, W_rec in multiples of 1/4, so every sum is exact in float).
 */
class SpikeTrainInputTest {
	/** Two inputs over 8 steps (the run reads 6): [1,0] [1,1] [0,0] [1,0] [0,1] [1,1], then two steps the run does not read. */
	static final float[] TRAIN = { 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1 };

	static ArrayDataset stored(float[] values, int steps) {
		return new ArrayDataset("trains.npz", new int[] { steps, 2 }, 3, values, new int[] { 1 });
	}

	static Dataset trains(float[] values, int storedSteps, int steps) {
		return SpikeTrains.of(stored(values, storedSteps), steps, new int[] { 2 }, "trains.npz").trains();
	}

	/**
	 * IF neurons (threshold 1, reset by subtraction); W: input 0 adds [.5, 0, .25], input 1 [0, .5, 0]; W_rec: neuron
	 * 0's spike adds [0, .5, −.25] a step later, neuron 1's [0, 0, .5], neuron 2's nothing:
	 * <pre>
	 * t  input spikes  feed-forward      recurrent (spikes of t−1)  v after              spikes
	 * 0  {0}           [.5, 0, .25]      –                          [.5, 0, .25]         –
	 * 1  {0, 1}        [.5, .5, .25]     –                          [1→0, .5, .5]        0
	 * 2  –             0                 {0}: [0, .5, −.25]         [0, 1→0, .25]        1
	 * 3  {0}           [.5, 0, .25]      {1}: [0, 0, .5]            [.5, 0, 1→0]         2
	 * 4  {1}           [0, .5, 0]        {2}: nothing               [.5, .5, 0]          –
	 * 5  {0, 1}        [.5, .5, .25]     –                          [1→0, 1→0, .25]      0, 1
	 * </pre>
	 * Synaptic operations: 7 input spikes × 3 and the 3 spikes of steps 1..3 × 3 (step 5's would arrive at step 6).
	 */
	@Test
	void inputSpikesAtTheStepsTheArraySaysAndOnlyThoseAreDelivered() throws LoweringException {
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network("network n = r: dense 2 3 recurrent"), RecurrentTest.weights());
		SimulationResult r = Simulator.run(net, trains(TRAIN, 8, 6), SimulationConfig.constant(6).withSpikeTrains().withRecording(1),
				Progress.NONE);
		assertEquals(List.of("-", "0", "1", "2", "-", "0,1"), RecurrentTest.spikesPerStep(r, 0, 6));
		assertEquals(7 * 3 + 3 * 3, r.synapticOpsPerLayer()[0]);
		// the same spikes every run: nothing is drawn at random
		assertEquals(RecurrentTest.spikesPerStep(r, 0, 6), RecurrentTest.spikesPerStep(Simulator.run(net, trains(TRAIN, 8, 6),
				SimulationConfig.constant(6).withSpikeTrains().withRecording(1).withPoisson(0.5, 7).withSpikeTrains(), Progress.NONE), 0, 6));
	}

	/**
	 * Spike trains read from bytes reach the simulator as each step's spikes (Batch.ofSpikes) instead of values: the
	 * same trace as above, recurrent and with a delay, and after a warm-up on them.
	 */
	@Test
	void trainsGivenAsEachStepsSpikesRunAsTheirValues() throws LoweringException {
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network("network n = r: dense 2 3 recurrent"), RecurrentTest.weights());
		SimulationConfig c = SimulationConfig.constant(6).withSpikeTrains().withRecording(1);
		Dataset spikes = asSpikes(TRAIN, 8, 6);
		try (org.volr.sim.WarmUp warmUp = org.volr.sim.WarmUp.start(net, spikes, c)) {
			// the warm-up runs on the batch's spikes; the run after it starts from rest
		}
		SimulationResult r = Simulator.run(net, spikes, c, Progress.NONE);
		assertEquals(List.of("-", "0", "1", "2", "-", "0,1"), RecurrentTest.spikesPerStep(r, 0, 6));
		assertEquals(7 * 3 + 3 * 3, r.synapticOpsPerLayer()[0]);
		for (int d = 0; d <= 2; d++)
			assertEquals(RecurrentTest.spikesPerStep(Simulator.run(net, trains(TRAIN, 8, 6), c.withDelay(d), Progress.NONE), 0, 6),
					RecurrentTest.spikesPerStep(Simulator.run(net, spikes, c.withDelay(d), Progress.NONE), 0, 6), "delay " + d);
	}

	/** The run's first steps of {@code values} (two inputs a step) as one sample's spikes per step, in batches of one. */
	static Dataset asSpikes(float[] values, int storedSteps, int steps) {
		int[][] perStep = new int[steps][];
		for (int t = 0; t < steps; t++) {
			int from = 2 * t;
			perStep[t] = java.util.stream.IntStream.range(0, 2).filter(i -> values[from + i] == 1f).toArray();
		}
		Dataset stored = stored(values, storedSteps);
		return new Dataset() {
			@Override
			public String name() {
				return "trains.npz";
			}

			@Override
			public int[] sampleShape() {
				return new int[] { steps, 2 };
			}

			@Override
			public int numClasses() {
				return stored.numClasses();
			}

			@Override
			public int size() {
				return 1;
			}

			@Override
			public int[] labels() {
				return stored.labels();
			}

			@Override
			public BatchIterator batches(int batchSize) {
				java.util.Iterator<Batch> one = List.of(Batch.ofSpikes(new int[][][] { perStep }, stored.labels(), sampleShape())).iterator();
				return new BatchIterator() {
					@Override
					public boolean hasNext() {
						return one.hasNext();
					}

					@Override
					public Batch next() {
						return one.next();
					}

					@Override
					public void close() {
					}
				};
			}
		};
	}

	/** With delay 1 every spike of the input arrives a step later: the trace above shifted by one step. */
	@Test
	void aDelayHoldsTheInputSpikesBack() throws LoweringException {
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network("network n = r: dense 2 3"), RecurrentTest.weights());
		// feed-forward only: v0 gets .5 at 0, 1, 3, 5 → spikes at 1, 5; v1 .5 at 1, 4, 5 → spike at 4; v2 .25 at 0, 1, 3, 5 → 1 at 5
		SimulationConfig c = SimulationConfig.constant(6).withSpikeTrains().withRecording(1);
		assertEquals(List.of("-", "0", "-", "-", "1", "0,2"), RecurrentTest.spikesPerStep(Simulator.run(net, trains(TRAIN, 8, 6), c,
				Progress.NONE), 0, 6));
		assertEquals(List.of("-", "-", "0", "-", "-", "1"), RecurrentTest.spikesPerStep(Simulator.run(net, trains(TRAIN, 8, 6), c.withDelay(1),
				Progress.NONE), 0, 6));
	}

	/** What the ANN reads: each input's spikes per step over the run's steps (input 0: 4 of 6, input 1: 3 of 6). */
	@Test
	void theAnnReadsTheSpikesPerStep() {
		Dataset rates = SpikeTrains.of(stored(TRAIN, 8), 6, new int[] { 2 }, "trains.npz").rates();
		assertArrayEquals(new int[] { 2 }, rates.sampleShape());
		try (BatchIterator b = rates.batches(4)) {
			Batch batch = b.next();
			assertArrayEquals(new float[] { 4f / 6, 3f / 6 }, batch.features(), 1e-7f);
			assertArrayEquals(new int[] { 1 }, batch.labels());
		}
	}

	@Test
	void refusesTrainsThatDoNotFitTheRunOrAreNotSpikes() throws LoweringException {
		DataFormatException shortTrains = assertThrows(DataFormatException.class,
				() -> SpikeTrains.of(stored(TRAIN, 8), 10, new int[] { 2 }, "trains.npz"));
		assertEquals("trains.npz: the spike trains hold 8 steps, the run simulates 10: every sample must be [steps, 2] with steps ≥ 10"
				+ " (the run's duration); shorten the duration or give longer trains", shortTrains.getMessage());
		DataFormatException wrongInputs = assertThrows(DataFormatException.class,
				() -> SpikeTrains.of(stored(TRAIN, 8), 6, new int[] { 3 }, "trains.npz"));
		assertTrue(wrongInputs.getMessage().startsWith("trains.npz: input spikes need every sample as [steps, 3] with steps ≥ 6"),
				wrongInputs.getMessage());
		assertTrue(wrongInputs.getMessage().endsWith("the samples are [8, 2] and the network takes [3]"), wrongInputs.getMessage());

		// the simulator refuses a value that is not a spike as it reads it, naming the data, the sample, the step and the input
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network("network n = r: dense 2 3"), RecurrentTest.weights());
		float[] graded = TRAIN.clone();
		graded[2 * 3 + 1] = 0.5f; // step 3, input 1
		DataFormatException e = assertThrows(DataFormatException.class,
				() -> Simulator.run(net, trains(graded, 8, 6), SimulationConfig.constant(6).withSpikeTrains(), Progress.NONE));
		assertEquals("trains.npz: sample 0, step 3, input 1: 0.5 is not a spike (input spikes take 0 or 1 per input and step)", e.getMessage());
		// and so does what the ANN reads, for any value but 0 and 1 (NaN, the floats next to 1, −1)
		for (float v : new float[] { Float.NaN, Math.nextUp(1f), Math.nextDown(1f), -1f, Float.MIN_VALUE, Float.POSITIVE_INFINITY }) {
			float[] bad = TRAIN.clone();
			bad[5 * 2] = v; // step 5, input 0
			Dataset rates = SpikeTrains.of(stored(bad, 8), 6, new int[] { 2 }, "trains.npz").rates();
			DataFormatException r = assertThrows(DataFormatException.class, () -> {
				try (BatchIterator b = rates.batches(1)) {
					b.next();
				}
			});
			assertEquals("trains.npz: sample 0, step 5, input 0: " + v + " is not a spike (input spikes take 0 or 1 per input and step)",
					r.getMessage());
		}
		// a value past the run's steps is not read, so not refused
		float[] late = TRAIN.clone();
		late[7 * 2] = 2f;
		assertEquals(List.of("-", "0", "-", "-", "1", "0,2"), RecurrentTest.spikesPerStep(Simulator.run(net, trains(late, 8, 6),
				SimulationConfig.constant(6).withSpikeTrains().withRecording(1), Progress.NONE), 0, 6));
		assertEquals(4f / 6, SpikeTrains.of(stored(late, 8), 6, new int[] { 2 }, "trains.npz").rates().batches(1).next().features()[0], 1e-7f);

		// the simulator itself refuses samples that are not the run's steps × the network's inputs
		IllegalArgumentException wrongSteps = assertThrows(IllegalArgumentException.class,
				() -> Simulator.run(net, stored(TRAIN, 8), SimulationConfig.constant(6).withSpikeTrains(), Progress.NONE));
		assertEquals("trains.npz: spike trains of [8, 2] per sample, the run needs 6 steps × 2 inputs", wrongSteps.getMessage());
	}
}
