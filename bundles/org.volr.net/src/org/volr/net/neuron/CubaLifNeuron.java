package org.volr.net.neuron;

import java.util.List;
import java.util.Map;

/**
 * The leaky neuron with a current-based exponential synapse, integrated exactly: τs·di/dt = −i,
 * τm·dv/dt = −(v − v_rest) + τm·i.
 */
final class CubaLifNeuron implements NeuronModel {
	@Override
	public String name() {
		return "CubaLIF";
	}

	@Override
	public Map<String, ParameterSpec> parameters() {
		return Common.synaptic();
	}

	@Override
	public List<ParameterProblem> problems(Map<String, Double> values) {
		return Common.oneSynapticTimeConstant(name(), values);
	}

	@Override
	public Discretisation discretise(Map<String, Double> v, double dtMillis) {
		double tauSyn = v.get("tau_syn_E"), tauM = v.get("tau_m");
		double p11 = Math.exp(-dtMillis / tauSyn), p22 = Math.exp(-dtMillis / tauM);
		// charge q waiting in the synapse reaches v as q·τm/(τm−τs)·(P22 − P11) within a step; the limit τm → τs is (dt/τs)·P11
		double gain = Math.abs(tauM - tauSyn) < 1e-9 * tauM ? dtMillis / tauSyn * p11 : tauM / (tauM - tauSyn) * (p22 - p11);
		double currentGain = tauM / dtMillis * (1 - p22);
		return new Discretisation(Common.threshold(v), Common.resetTo(v), Common.refractory(v, dtMillis), (float) v.get("v_min").doubleValue(),
				(float) p22, v.get("v_rest").floatValue(), (float) p11, (float) gain, (float) currentGain, null);
	}

	@Override
	public boolean hasSynapticCurrent() {
		return true;
	}

	@Override
	public Population population(Discretisation d, int size) {
		return new CubaPopulation(d, size);
	}
}
