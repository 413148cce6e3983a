package org.volr.gen.nir;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.volr.model.NeuronModel;
import org.volr.model.Parameter;
import org.volr.model.Quantity;
import org.volr.model.VolrFactory;

/**
 * An imported NIR neuron as the {@code neuron} clause of a Volr experiment, in Volr's units (ms; potentials as
 * plain numbers, as NIR stores no units):
 * <ul>
 * <li>IF → {@code neuron IF { v_thresh θ }}</li>
 * <li>LIF → {@code neuron LIF { tau_m τ ms, v_thresh θ, v_rest v_leak }}</li>
 * <li>CubaLIF → {@code neuron CubaLIF { tau_m τ_mem ms, tau_syn_E τ_syn ms, tau_syn_I τ_syn ms, v_thresh θ,
 * v_rest v_leak }} (Volr's CubaLIF has one synaptic time constant, so both are τ_syn).</li>
 * <li>LI → {@code neuron LI { tau_m τ ms, v_rest v_leak }}</li>
 * </ul>
 * NIR's seconds become milliseconds through the float's shortest decimal, so 0.02 s reads as 20 ms and not as
 * 19.9999995 ms. NIR's v_reset is not part of the clause: the reset is set by the experiment's conversion block.
 */
public final class NeuronClause {
	private static final VolrFactory F = VolrFactory.eINSTANCE;

	private record Param(String name, double value, String unit) {
	}

	private NeuronClause() {
	}

	/** The clause as a metamodel element, for {@code Experiment.setNeuron}. */
	public static NeuronModel model(NirNeuron n) {
		NeuronModel m = F.createNeuronModel();
		m.setKind(n.kind().nirType());
		for (Param p : params(n)) {
			Parameter par = F.createParameter();
			par.setName(p.name());
			Quantity q = F.createQuantity();
			q.setValue(p.value());
			q.setUnit(p.unit());
			par.setValue(q);
			m.getParams().add(par);
		}
		return m;
	}

	/** The clause as Volr text, e.g. {@code neuron CubaLIF { tau_m 20 ms, tau_syn_E 5 ms, ... }}. */
	public static String text(NirNeuron n) {
		List<String> parts = new ArrayList<>();
		for (Param p : params(n))
			parts.add(p.name() + " " + number(p.value()) + (p.unit() == null ? "" : " " + p.unit()));
		return "neuron " + n.kind().nirType() + " { " + String.join(", ", parts) + " }";
	}

	private static List<Param> params(NirNeuron n) {
		List<Param> p = new ArrayList<>();
		if (n.kind() != NirNeuron.Kind.IF)
			p.add(new Param("tau_m", millis(n.tau()), "ms"));
		if (n.kind() == NirNeuron.Kind.CUBA_LIF) {
			p.add(new Param("tau_syn_E", millis(n.tauSyn()), "ms"));
			p.add(new Param("tau_syn_I", millis(n.tauSyn()), "ms"));
		}
		if (n.kind() != NirNeuron.Kind.LI) // it never fires
			p.add(new Param("v_thresh", decimal(n.threshold()).doubleValue(), null));
		if (n.kind() != NirNeuron.Kind.IF)
			p.add(new Param("v_rest", decimal(n.vLeak()).doubleValue(), null));
		return p;
	}

	/** NIR's seconds in ms, from the float's shortest decimal. */
	static double millis(float seconds) {
		return decimal(seconds).movePointRight(3).doubleValue();
	}

	private static BigDecimal decimal(float v) {
		return new BigDecimal(Float.toString(v));
	}

	/** A number as Volr's grammar reads it: plain digits, no exponent, no trailing ".0". */
	static String number(double v) {
		return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
	}
}
