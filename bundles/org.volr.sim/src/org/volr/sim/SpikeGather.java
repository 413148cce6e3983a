package org.volr.sim;

import java.util.Arrays;

/**
 * The spikes a layer receives in a step, from what it reads (see SpikingNetwork): one source at offset 0 is read in
 * place; several (parallel or added branches) are copied side by side, each index moved by its offset. Spikes of
 * neurons (and input spikes) arrive d steps late with a delay d; max pooling only routes them. When spikes carry
 * payloads, their payloads come in the same order (input spikes carry none).
 */
final class SpikeGather {
	private final LayerState[] layers;
	private final SpikingNetwork.Source[][] sources;
	private final boolean payloads;
	/** Layers reading several sources: their input spikes of the step side by side, and the payloads of those. */
	private final int[][] merged;
	private final float[][] mergedPayloads;
	private float[] noPayload;
	/** The result of the last {@link #gather}: the spikes, and their payloads (null without payloads). */
	int[] events;
	float[] eventPayloads;

	SpikeGather(SpikingNetwork network, LayerState[] layers, boolean payloads) {
		this.layers = layers;
		this.payloads = payloads;
		int n = layers.length;
		sources = new SpikingNetwork.Source[n][];
		merged = new int[n][];
		mergedPayloads = new float[n][];
		for (int l = 0; l < n; l++) {
			sources[l] = network.sources(l);
			if (sources[l].length > 1 || sources[l][0].offset() != 0) {
				merged[l] = new int[Math.max(16, layers[l].plan.inSize())];
				if (payloads)
					mergedPayloads[l] = new float[merged[l].length];
			}
		}
		noPayload = new float[Math.max(16, network.inputSize())];
	}

	/** Layer l's input spikes of the step into {@link #events} (and {@link #eventPayloads}); returns how many. */
	int gather(int l, int[] inEvents, int inCount, int due) {
		SpikingNetwork.Source[] from = sources[l];
		if (from.length == 1 && from[0].offset() == 0) {
			int s = from[0].layer();
			if (payloads)
				eventPayloads = payloadsOf(s, inCount, due);
			if (s == SpikingNetwork.INPUT) {
				events = inEvents;
				return inCount;
			}
			events = layers[s].output(due);
			return layers[s].outputCount(due);
		}
		int[] out = merged[l];
		int n = 0;
		for (SpikingNetwork.Source src : from) {
			int s = src.layer(), k;
			int[] e;
			if (s == SpikingNetwork.INPUT) {
				e = inEvents;
				k = inCount;
			} else {
				e = layers[s].output(due);
				k = layers[s].outputCount(due);
			}
			if (n + k > out.length) {
				out = merged[l] = Arrays.copyOf(out, Math.max(2 * out.length, n + k));
				if (payloads)
					mergedPayloads[l] = Arrays.copyOf(mergedPayloads[l], out.length);
			}
			if (payloads)
				System.arraycopy(payloadsOf(s, inCount, due), 0, mergedPayloads[l], n, k);
			for (int i = 0; i < k; i++)
				out[n++] = e[i] + src.offset();
		}
		events = out;
		if (payloads)
			eventPayloads = mergedPayloads[l];
		return n;
	}

	/** The payloads of source s's spikes as they are read: none for input spikes. */
	private float[] payloadsOf(int s, int inCount, int due) {
		if (s == SpikingNetwork.INPUT) {
			if (inCount > noPayload.length)
				noPayload = new float[inCount];
			return noPayload;
		}
		return layers[s].outputPayloads(due);
	}
}
