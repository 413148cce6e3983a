package org.volr.ann;

import java.util.IdentityHashMap;
import java.util.Map;

import org.volr.model.Fork;
import org.volr.model.Layer;
import org.volr.model.Let;
import org.volr.model.NetExpr;
import org.volr.model.NetRef;
import org.volr.model.Network;
import org.volr.model.Sequence;

/**
 * The weight-store name of every layer of a network: its label, or "layer{n}" with n counting the layers from 1 in
 * the order they are written (depth first, branches of a fork left to right). This is the rule of
 * {@code SpikingNetwork.key}, so weights trained or converted here are found by the simulator.
 */
public final class LayerNames {
	private LayerNames() {
	}

	/** Layer → name, in writing order (the map iterates in no particular order; use {@link #inOrder}). */
	public static Map<Layer, String> of(Network network) {
		Map<Layer, String> names = new IdentityHashMap<>();
		for (Layer layer : inOrder(network))
			names.put(layer, name(layer, names.size() + 1));
		return names;
	}

	/** The layers of a network in writing order. */
	public static java.util.List<Layer> inOrder(Network network) {
		java.util.List<Layer> layers = new java.util.ArrayList<>();
		collect(network.getBody(), layers);
		return layers;
	}

	/** The name of a layer at a 1-based position. */
	public static String name(Layer layer, int position) {
		return layer.getLabel() != null ? layer.getLabel() : "layer" + position;
	}

	private static void collect(NetExpr e, java.util.List<Layer> out) {
		if (e instanceof Sequence s) {
			for (NetExpr step : s.getSteps())
				collect(step, out);
		} else if (e instanceof Fork f) {
			for (NetExpr branch : f.getBranches())
				collect(branch, out);
		} else if (e instanceof Let let) {
			collect(let.getBody(), out);
		} else if (e instanceof NetRef ref) {
			// a referenced network may be used at several sizes, so its layers have no single shape or weight set
			throw new AnnException("'" + (ref.getTarget() == null ? "?" : ref.getTarget().getName())
					+ "' is a reference to another network; write the network out (inline it) to evaluate or train it");
		} else if (e instanceof Layer l) {
			out.add(l);
		}
	}
}
