package org.volr.sim;

import java.util.List;

import org.volr.sim.plan.LayerPlan;

/**
 * A first-order energy estimate from operation counts, with Horowitz's 45 nm figures (ISSCC 2014, "Computing's
 * energy problem"): a 32-bit float multiply-accumulate costs 4.6 pJ (3.7 multiply + 0.9 add), an accumulate 0.9 pJ.
 * The ANN does one MAC per synapse per sample; the SNN one accumulate per synaptic operation (spike × fan-out),
 * plus, under constant input, the first layer's W·x once per sample as MACs. Memory traffic is not counted, so
 * the figures compare arithmetic only, as the conversion literature does.
 */
public record EnergyEstimate(long annMacsPerSample, long firstLayerMacsPerSample, double synapticOpsPerSample) implements java.io.Serializable {
	public static final double PICOJOULE_PER_MAC = 4.6, PICOJOULE_PER_ACCUMULATE = 0.9;

	public static EnergyEstimate of(SpikingNetwork network, SimulationConfig config, double synapticOpsPerSample) {
		List<LayerPlan> layers = network.layers();
		long macs = 0, first = 0;
		for (int l = 0; l < layers.size(); l++) {
			long n = synapses(layers.get(l));
			macs += n;
			if (network.readsOnlyInput(l) && config.encoding() == Encoding.CONSTANT)
				first += n; // layers fed the constant input multiply-accumulate it once per sample
		}
		return new EnergyEstimate(macs, first, synapticOpsPerSample);
	}

	/** How many connections a layer has: the fan-out of every input summed (max pooling only routes: none). */
	static long synapses(LayerPlan plan) {
		if (!plan.hasNeurons())
			return 0;
		float[] scratch = new float[plan.outSize()];
		long n = 0;
		for (int i = 0; i < plan.inSize(); i++)
			n += plan.deliver(i, scratch);
		return n;
	}

	public double annMicrojoulePerSample() {
		return annMacsPerSample * PICOJOULE_PER_MAC * 1e-6;
	}

	public double snnMicrojoulePerSample() {
		return (firstLayerMacsPerSample * PICOJOULE_PER_MAC + synapticOpsPerSample * PICOJOULE_PER_ACCUMULATE) * 1e-6;
	}
}
