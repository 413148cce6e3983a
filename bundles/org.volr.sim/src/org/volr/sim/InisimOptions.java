package org.volr.sim;

import java.util.List;
import java.util.Map;

import org.volr.sim.plan.LayerPlan;

/**
 * The SNN Toolbox's INIsim options that only Volr simulates (SEMANTICS.md, "Bias relaxation", "Spikes with
 * payloads", "Membrane clipping", "Clamp"): relaxing deep layers' biases early in the run, spikes that carry their
 * neuron's residual potential, clipping the membrane (of every layer, {@code clipAll}, or per layer label), and a
 * clamp step per layer label. Layers are named by their labels as in {@link LayerPlan#label()}.
 */
public record InisimOptions(boolean biasRelaxation, boolean payloads, Clip clipAll, Map<String, Clip> layerClips,
		Map<String, Integer> layerClamps) {

	/** Membrane potentials outside [low, high] are set to the nearer bound. */
	public record Clip(float low, float high) {
		public Clip {
			if (!(low < high))
				throw new IllegalArgumentException("a membrane clip needs low < high, got [" + low + ", " + high + "]");
		}
	}

	public static final InisimOptions NONE = new InisimOptions(false, false, null, Map.of(), Map.of());

	public InisimOptions {
		layerClips = Map.copyOf(layerClips);
		layerClamps = Map.copyOf(layerClamps);
		for (var e : layerClamps.entrySet())
			if (e.getValue() < 0)
				throw new IllegalArgumentException("the clamp of layer '" + e.getKey() + "' must not be negative, got " + e.getValue());
	}

	public InisimOptions withBiasRelaxation(boolean on) {
		return new InisimOptions(on, payloads, clipAll, layerClips, layerClamps);
	}

	public InisimOptions withPayloads(boolean on) {
		return new InisimOptions(biasRelaxation, on, clipAll, layerClips, layerClamps);
	}

	/** Clips every layer's membrane that has no clip of its own. */
	public InisimOptions withClip(float low, float high) {
		return new InisimOptions(biasRelaxation, payloads, new Clip(low, high), layerClips, layerClamps);
	}

	public InisimOptions withClip(String layer, float low, float high) {
		var clips = new java.util.HashMap<>(layerClips);
		clips.put(layer, new Clip(low, high));
		return new InisimOptions(biasRelaxation, payloads, clipAll, clips, layerClamps);
	}

	/** The layer ignores its input before step {@code step}, instead of what {@code clamp k} gives it. */
	public InisimOptions withClamp(String layer, int step) {
		var clamps = new java.util.HashMap<>(layerClamps);
		clamps.put(layer, step);
		return new InisimOptions(biasRelaxation, payloads, clipAll, layerClips, clamps);
	}

	/** Whether any option changes the neuron update (then the simulator leaves its fast path for plain IF neurons). */
	public boolean changesNeurons() {
		return biasRelaxation || payloads || clipAll != null || !layerClips.isEmpty();
	}

	/** The clip of the layer with that label: its own, else the one for all layers, else null. */
	public Clip clipOf(String label) {
		Clip own = layerClips.get(label);
		return own != null ? own : clipAll;
	}

	/**
	 * The labels this network does not have among its layers with neurons, so a misspelt label is an error, not an
	 * option silently ignored.
	 */
	public List<String> unknownLayers(List<LayerPlan> plans) {
		java.util.Set<String> known = new java.util.HashSet<>();
		for (LayerPlan p : plans)
			if (p.hasNeurons())
				known.add(p.label());
		java.util.TreeSet<String> unknown = new java.util.TreeSet<>();
		for (String l : layerClips.keySet())
			if (!known.contains(l))
				unknown.add(l);
		for (String l : layerClamps.keySet())
			if (!known.contains(l))
				unknown.add(l);
		return List.copyOf(unknown);
	}

	/**
	 * The bias factor of bias relaxation at step t of T for the layer at depth i (layers with neurons counted from
	 * 0): clip(1 − (1 − 2t/T)·i/50, 0, 1).
	 */
	public static float relaxation(int depth, int t, int steps) {
		double f = 1 - (1 - 2.0 * t / steps) * depth / 50.0;
		return (float) Math.max(0, Math.min(1, f));
	}
}
