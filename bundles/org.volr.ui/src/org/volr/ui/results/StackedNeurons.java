package org.volr.ui.results;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The neurons of all layers laid end to end along one axis of a raster, in the network's order: neuron k of a layer
 * sits at its layer's base + k. Layers without neurons take no place. Drawing and hover read positions from here.
 */
final class StackedNeurons {
	/** A neuron at a place on the axis. */
	record Neuron(ResultsData.Layer layer, int index) {
	}

	private final List<ResultsData.Layer> layers;
	private final Map<String, Long> base = new HashMap<>();
	private final long total;

	StackedNeurons(List<ResultsData.Layer> layers) {
		this.layers = layers.stream().filter(l -> l.neurons() > 0).toList();
		long next = 0;
		for (ResultsData.Layer l : this.layers) {
			base.put(l.label(), next);
			next += l.neurons();
		}
		total = next;
	}

	/** Where the layer's first neuron sits, or null for a layer without neurons (or unknown). */
	Long base(String layer) {
		return base.get(layer);
	}

	/** The layers that take places, in order. */
	List<ResultsData.Layer> layers() {
		return layers;
	}

	long total() {
		return total;
	}

	/** The neuron at this place, or null outside every layer. */
	Neuron at(long place) {
		for (ResultsData.Layer l : layers) {
			long b = base.get(l.label());
			if (place >= b && place < b + l.neurons())
				return new Neuron(l, (int) (place - b));
		}
		return null;
	}
}
