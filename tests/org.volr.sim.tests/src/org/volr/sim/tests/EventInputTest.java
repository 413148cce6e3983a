package org.volr.sim.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.core.data.DataFormatException;
import org.volr.core.events.EventDataset;
import org.volr.core.progress.Progress;
import org.volr.core.weights.WeightStore;
import org.volr.sim.LoweringException;
import org.volr.sim.SimulationConfig;
import org.volr.sim.SimulationResult;
import org.volr.sim.Simulator;
import org.volr.sim.SpikingNetwork;

/** Event-camera recordings drive a network directly, one binned step at a time. */
class EventInputTest {
	@TempDir
	Path tmp;

	/** 200 events of one polarity, 5 per millisecond, spread over the sensor. */
	static byte[] recording(int polarity) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = 0; i < 200; i++) {
			int micros = i * 200, x = (i * 7) % 34, y = (i * 13) % 34;
			out.writeBytes(new byte[] { (byte) x, (byte) y, (byte) ((polarity << 7) | ((micros >> 16) & 0x7F)), (byte) (micros >> 8),
					(byte) micros });
		}
		return out.toByteArray();
	}

	private EventDataset twoClasses() throws IOException {
		for (int label = 0; label < 2; label++) {
			Files.createDirectories(tmp.resolve("dvs/" + label));
			Files.write(tmp.resolve("dvs/" + label + "/a.bin"), recording(label == 0 ? 1 : 0)); // class 0: on events
		}
		return EventDataset.open(tmp.resolve("dvs"), 0);
	}

	/** On-events excite output 0, off-events output 1: the classes must come out right. */
	@Test
	void polarityDecidesTheClass() throws Exception {
		int pixels = 34 * 34;
		float[] w = new float[2 * pixels * 2]; // [in, out], inputs are [polarity, y, x]
		for (int i = 0; i < pixels; i++) {
			w[(pixels + i) * 2] = 0.5f; // on → 0
			w[i * 2 + 1] = 0.5f; // off → 1
		}
		WeightStore store = new WeightStore();
		store.put("d.weight", new int[] { 2 * pixels, 2 }, w);
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network("network dvs { input [2, 34, 34]  flatten  d: dense 2 relu }"), store);
		SimulationResult r = Simulator.runEvents(net, twoClasses(), SimulationConfig.constant(40).withEvents(1000), Progress.NONE);
		assertEquals(2, r.samples());
		assertEquals(1.0, r.finalAccuracy());
		// 5 events per 1 ms step at weight 0.5: 2.5 per step → one spike per step (at most one per step) for 40 steps
		assertEquals(40, r.outputSpikes(0, 0));
		assertEquals(0, r.outputSpikes(0, 1));
		assertTrue(r.synapticOps() > 0);
	}

	@Test
	void aSensorOfTheWrongSizeIsRefused() throws Exception {
		WeightStore store = new WeightStore();
		store.put("d.weight", new int[] { 8, 2 }, new float[16]);
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network("network tiny { input [2, 2, 2]  flatten  d: dense 2 relu }"), store);
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
				() -> Simulator.runEvents(net, twoClasses(), SimulationConfig.constant(5).withEvents(1000), Progress.NONE));
		assertTrue(e.getMessage().contains("34 × 34 pixels"), e.getMessage());
	}

	@Test
	void aTruncatedRecordingIsAClearError() throws IOException, LoweringException {
		Files.createDirectories(tmp.resolve("bad/0"));
		byte[] rec = recording(1);
		Files.write(tmp.resolve("bad/0/cut.bin"), java.util.Arrays.copyOf(rec, rec.length - 2));
		WeightStore store = new WeightStore();
		store.put("d.weight", new int[] { 2 * 34 * 34, 2 }, new float[2 * 34 * 34 * 2]);
		SpikingNetwork net = SpikingNetwork.lower(SimulatorTest.network("network dvs { input [2, 34, 34]  flatten  d: dense 2 relu }"), store);
		DataFormatException e = assertThrows(DataFormatException.class, () -> Simulator.runEvents(net,
				EventDataset.open(tmp.resolve("bad"), 0), SimulationConfig.constant(5).withEvents(1000), Progress.NONE));
		assertTrue(e.getMessage().startsWith("cut.bin: "), e.getMessage());
	}
}
