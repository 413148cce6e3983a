package org.volr.core.events;

import org.volr.core.data.ArrayDataset;
import org.volr.core.data.DataFormatException;
import org.volr.core.data.Dataset;

/**
 * Event recordings as the ANN sees them: for every input (channels-first [2, height, width]), the spikes it receives
 * per step on average over the simulated steps, binned exactly as the simulator bins them ({@link EventBinning}).
 * A constant input of that value drives an IF neuron as the events do on average, so the ANN's accuracy, the
 * normalisation and training all read what the spiking network is given.
 */
public final class EventFrames {
	private EventFrames() {
	}

	public static Dataset of(EventDataset data, double microsPerStep, int steps) {
		int n = data.size();
		int width = -1, height = -1;
		float[] features = null;
		int[] labels = new int[n];
		for (int s = 0; s < n; s++) {
			EventStream events = data.recording(s);
			if (features == null) {
				width = events.width();
				height = events.height();
				features = new float[Math.multiplyExact(n, 2 * width * height)];
			} else if (events.width() != width || events.height() != height) {
				throw new DataFormatException(data.name(), "recording " + s + " is " + events.width() + " × " + events.height()
						+ " pixels, the first one " + width + " × " + height + ": one dataset holds one sensor size");
			}
			int offset = s * 2 * width * height;
			for (int[] spikes : EventBinning.spikesPerStep(events, microsPerStep, steps))
				for (int input : spikes)
					features[offset + input] += 1f / steps;
			labels[s] = data.label(s);
		}
		return new ArrayDataset(data.name(), new int[] { 2, height, width }, data.numClasses(), features, labels);
	}
}
