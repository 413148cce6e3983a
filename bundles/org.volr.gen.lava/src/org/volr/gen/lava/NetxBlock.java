package org.volr.gen.lava;

import java.util.Map;

/**
 * One entry {@code /layer/<i>} of a netx file: its type, its output shape (C, H, W order, as lava-dl writes it),
 * the type's fields in the order written, and for blocks with neurons the neuron group and how the layer was
 * quantised.
 *
 * @param layer        the Volr layer the block comes from, or null for blocks netx needs between layers
 * @param neuron       null for blocks without neurons (input, flatten)
 * @param quantisation null for blocks without synapses
 */
record NetxBlock(String type, String layer, long[] shape, Map<String, Object> fields, CubaNeuron neuron, Quantisation quantisation) {
	NetxBlock {
		fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
	}

	static NetxBlock shapeOnly(String type, long[] shape) {
		return new NetxBlock(type, null, shape, Map.of(), null, null);
	}
}
