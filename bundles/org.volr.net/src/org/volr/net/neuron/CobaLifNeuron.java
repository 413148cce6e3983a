package org.volr.net.neuron;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The leaky neuron with conductance-based exponential synapses: a spike opens a conductance whose current pulls the
 * membrane towards a reversal potential (SEMANTICS.md, "Conductance-based synapses").
 */
final class CobaLifNeuron implements NeuronModel {
	@Override
	public String name() {
		return "CobaLIF";
	}

	@Override
	public Map<String, ParameterSpec> parameters() {
		Map<String, ParameterSpec> m = Common.synaptic();
		// in units of the threshold above rest: PyNN's defaults (rest −65, threshold −50, E 0 and −70 mV) are 4.33 and −0.33
		m.put("e_rev_E", ParameterSpec.voltage(4.0, "excitatory reversal potential"));
		m.put("e_rev_I", ParameterSpec.voltage(-1.0, "inhibitory reversal potential"));
		return m;
	}

	@Override
	public List<ParameterProblem> problems(Map<String, Double> v) {
		List<ParameterProblem> out = new ArrayList<>(Common.oneSynapticTimeConstant(name(), v));
		double rest = v.get("v_rest"), threshold = v.get("v_thresh");
		if (!(v.get("e_rev_E") > threshold && v.get("e_rev_E") > rest))
			out.add(new ParameterProblem("e_rev_E", "e_rev_E must lie above v_thresh and v_rest, or excitation could never fire the neuron"));
		if (!(v.get("e_rev_I") < rest))
			out.add(new ParameterProblem("e_rev_I", "e_rev_I must lie below v_rest, or inhibition would excite"));
		return out;
	}

	@Override
	public Discretisation discretise(Map<String, Double> v, double dtMillis) {
		double tauSyn = v.get("tau_syn_E"), tauM = v.get("tau_m");
		double p11 = Math.exp(-dtMillis / tauSyn), p22 = Math.exp(-dtMillis / tauM);
		float rest = v.get("v_rest").floatValue();
		double eE = v.get("e_rev_E"), eI = v.get("e_rev_I");
		var g = new Discretisation.Conductance((float) eE, (float) eI, (float) ((1 - p11) / (eE - rest)), (float) ((1 - p11) / (rest - eI)));
		// the membrane takes the conductances' current in a forward step (gain 0: no synaptic charge q), a constant drive c as c
		return new Discretisation(Common.threshold(v), Common.resetTo(v), Common.refractory(v, dtMillis), (float) v.get("v_min").doubleValue(),
				(float) p22, rest, (float) p11, 0f, 1f, g);
	}

	@Override
	public boolean hasSynapticCurrent() {
		return false;
	}

	@Override
	public boolean isConductanceBased() {
		return true;
	}

	@Override
	public TargetMapping<NirNode> nir(Map<String, Double> values, Discretisation d, double dtMillis) {
		return new TargetMapping.Refused<>("CobaLIF neurons: NIR has no conductance-based neuron (its nodes are IF, LIF, CubaLIF);"
				+ " use CubaLIF for this target");
	}

	/** PyNN's IF_cond_exp with Volr's reversal potentials and conductance per unit weight. */
	@Override
	public TargetMapping<PynnCell> pynn(Map<String, Double> values, Discretisation d, double dtMillis) {
		return new TargetMapping.Mapped<>(new PynnCell("IF_cond_exp", d.restPotential(), d.resetPotential(), d.threshold(),
				Mappings.pynnTauM(d, dtMillis, true), d.refractorySteps(), Mappings.steppingTau(d.synapseDecay(), dtMillis), d.conductance(),
				List.of("CobaLIF: IF_cond_exp; NEURON integrates it with Volr's implicit step, Brian2 with forward Euler (close, not identical)")));
	}

	@Override
	public TargetMapping<Discretisation> brian2(Map<String, Double> values, Discretisation d, double dtMillis) {
		return new TargetMapping.Mapped<>(d);
	}

	@Override
	public TargetMapping<LoihiNeuron> lava(Map<String, Double> values, Discretisation d, double dtMillis) {
		return new TargetMapping.Refused<>("CobaLIF neurons: Loihi 2's neurons have current-based synapses only, no reversal potentials;"
				+ " use IF or LIF");
	}

	public Population population(Discretisation d, int size) {
		return new CobaPopulation(d, size);
	}
}
