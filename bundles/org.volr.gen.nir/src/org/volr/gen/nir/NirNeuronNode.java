package org.volr.gen.nir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.volr.gen.nir.NirGraph.NirArray;
import org.volr.gen.nir.NirGraph.Node;

/**
 * One IF, LIF or CubaLIF node as Volr reads it: one value per parameter (tau is LIF's tau or CubaLIF's tau_mem;
 * tauSyn and vReset are CubaLIF's only), checked against what Volr's neurons can be. Parsing lists every problem of
 * the node, so that a refusal names all of them at once.
 * <p>
 * {@code gain} is the factor by which the weights entering a CubaLIF node must be multiplied for Volr's neuron (whose
 * input gain is fixed: a spike of weight w brings v the charge w) to compute the node's membrane trace:
 * r·w_in/tau_mem; exactly 1 when r·w_in = tau_mem (within {@link #CUBA_TOLERANCE}) and for IF and LIF, whose r
 * folds into the threshold instead. An LI node (no threshold) has the gain r.
 */
record NirNeuronNode(String name, String type, float r, float threshold, float tau, float vLeak, float tauSyn, float vReset,
		boolean hasReset, double gain, Map<String, float[]> perNeuron) {
	/**
	 * The NIR fields that may differ between the neurons of a node, with the Volr parameters they give per neuron
	 * (SEMANTICS.md, "Per-neuron parameters"): time constants and the resting potential. Thresholds, resets and the
	 * input gain (r, w_in) decide how a layer fires or what its weights mean, and stay one value per node.
	 */
	private static final Map<String, List<String>> PER_NEURON = Map.of("tau", List.of("tau_m"), "tau_mem", List.of("tau_m"), "tau_syn",
			List.of("tau_syn_E", "tau_syn_I"), "v_leak", List.of("v_rest"));

	/** How far r·w_in may be from tau_mem (relative) for a CubaLIF node to be Volr's neuron as it is (gain 1). */
	static final double CUBA_TOLERANCE = 1e-6;

	/** True if the weights entering the node must be multiplied by {@link #gain()} (CubaLIF with r·w_in ≠ tau_mem, LI with r ≠ 1). */
	boolean folds() {
		return gain != 1.0;
	}

	boolean cuba() {
		return type.equals("CubaLIF");
	}

	/** The threshold on Volr's scale: IF/LIF fold r into it; CubaLIF's r is fixed by r·w_in = tau_mem. */
	float scaledThreshold() {
		return cuba() || r == 1f ? threshold : threshold / r;
	}

	String thresholdName() {
		return cuba() ? "threshold" : "threshold/r";
	}

	String describe() {
		return name + "' (" + type + ", " + (cuba() ? "tau_mem " + tau + ", tau_syn " + tauSyn + ", v_reset " + vReset : "tau " + tau)
				+ ", v_leak " + vLeak + ")";
	}

	/** True if n has the same dynamics as this node (thresholds may differ: they fold into weights). */
	boolean sameModel(NirNeuronNode n) {
		return n.type.equals(type) && n.tau == tau && n.vLeak == vLeak && n.tauSyn == tauSyn && n.vReset == vReset;
	}

	/** The node as Volr's neuron, or null with the reasons added to problems. */
	static NirNeuronNode of(Node g, List<String> problems) {
		String n = g.name(), type = g.type();
		int before = problems.size();
		boolean cuba = type.equals("CubaLIF"), li = type.equals("LI");
		Map<String, float[]> perNeuron = new LinkedHashMap<>();
		float r = constant(g, "r", problems);
		float th = li ? 0f : constant(g, "v_threshold", problems); // LI never fires
		float tau = type.equals("LIF") || li ? value(g, "tau", problems, perNeuron) : cuba ? value(g, "tau_mem", problems, perNeuron) : 0f;
		float leak = type.equals("IF") ? 0f : value(g, "v_leak", problems, perNeuron);
		float tauSyn = cuba ? value(g, "tau_syn", problems, perNeuron) : 0f;
		boolean hasReset = g.has("v_reset");
		float reset = hasReset ? constant(g, "v_reset", problems) : 0f;
		// NIR's default for a missing w_in is 1, as for files written before it was stored (NIR 0.x)
		float wIn = cuba && g.has("w_in") ? constant(g, "w_in", problems) : 1f;
		if (problems.size() > before)
			return null;
		if (!li && (!(th > 0) || !Float.isFinite(th)))
			problems.add("node '" + n + "' (" + type + ") has v_threshold = " + th + "; Volr needs a positive threshold");
		if (!Float.isFinite(leak) || !Float.isFinite(reset))
			problems.add("node '" + n + "' (" + type + ") has v_leak = " + leak + ", v_reset = " + reset + "; Volr needs finite potentials");
		if (li && !(tau > 0 && Float.isFinite(tau)))
			problems.add("node '" + n + "' (LI) has tau = " + tau + "; Volr needs a positive, finite time constant (seconds)");
		if (!cuba && !(r > 0))
			problems.add("node '" + n + "' (" + type + ") has r = " + r + "; Volr needs r > 0");
		if (cuba && (!(tau > 0 && Float.isFinite(tau)) || !(tauSyn > 0 && Float.isFinite(tauSyn))))
			problems.add("node '" + n + "' (CubaLIF) has tau_mem = " + tau + " and tau_syn = " + tauSyn
					+ "; Volr needs positive, finite time constants (seconds)");
		double gain = 1.0;
		if (cuba && problems.size() == before) {
			// the dynamics are linear in the input current, so NIR's input gain r·w_in/tau_mem folds into the weights
			// entering the layer (NirReader); only a gain that is no positive finite number cannot be folded
			double product = (double) r * wIn;
			if (!(product > 0) || !Double.isFinite(product / tau))
				problems.add("node '" + n + "' (CubaLIF) has r·w_in = " + r + "·" + wIn + " = " + (float) product + " and tau_mem = " + tau
						+ "; Volr folds the input gain r·w_in/tau_mem into the weights entering the layer, which needs a positive,"
						+ " finite gain");
			else if (Math.abs(product - tau) > CUBA_TOLERANCE * tau)
				gain = product / tau;
		}
		if (li && r > 0 && r != 1f)
			gain = r; // LI has no threshold to fold r into, and its membrane is linear in the input
		if (problems.size() > before)
			return null;
		return new NirNeuronNode(n, type, cuba ? tau : r, th, tau, leak, tauSyn, reset, hasReset, gain, Map.copyOf(perNeuron));
	}

	/**
	 * A parameter that may differ between neurons ({@link #PER_NEURON}): its first value, and when the array is not
	 * uniform, its values as Volr's parameters (times in ms) in perNeuron, which replace the clause's neuron by neuron.
	 */
	private static float value(Node g, String field, List<String> problems, Map<String, float[]> perNeuron) {
		NirArray a = g.field(field);
		float[] v = a == null ? new float[0] : a.floats();
		boolean uniform = true;
		for (float x : v)
			uniform &= Float.compare(x, v[0]) == 0;
		if (uniform)
			return constant(g, field, problems);
		for (float x : v)
			if (!Float.isFinite(x) || (!field.equals("v_leak") && !(x > 0))) {
				problems.add("node '" + g.name() + "' (" + g.type() + "): '" + field + "' has the value " + x + "; Volr needs "
						+ (field.equals("v_leak") ? "finite potentials" : "positive, finite time constants (seconds)"));
				return Float.NaN;
			}
		boolean time = !field.equals("v_leak");
		float[] volr = new float[v.length];
		for (int i = 0; i < v.length; i++)
			volr[i] = time ? (float) NeuronClause.millis(v[i]) : v[i];
		for (String parameter : PER_NEURON.get(field))
			perNeuron.put(parameter, volr);
		return v[0];
	}

	/** True if the node gives some parameter one value per neuron. */
	boolean variesPerNeuron() {
		return !perNeuron.isEmpty();
	}

	/** The one value of a parameter array; a missing, empty or non-uniform array is a problem (NaN returned). */
	private static float constant(Node g, String field, List<String> problems) {
		NirArray a = g.field(field);
		if (a == null) {
			problems.add("node '" + g.name() + "' has no '" + field + "' dataset");
			return Float.NaN;
		}
		float[] v = a.floats();
		if (v.length == 0) {
			problems.add("node '" + g.name() + "' (" + g.type() + "): '" + field + "' is empty");
			return Float.NaN;
		}
		for (float x : v)
			if (Float.compare(x, v[0]) != 0) {
				problems.add("node '" + g.name() + "' (" + g.type() + "): '" + field + "' differs between neurons (" + v[0] + " and " + x
						+ "); Volr's neurons share it (per neuron Volr takes time constants and v_leak only)");
				return Float.NaN;
			}
		return v[0];
	}
}
