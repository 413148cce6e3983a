package org.volr.gen.nir;

import java.util.List;

import org.volr.gen.nir.NirGraph.NirArray;
import org.volr.gen.nir.NirGraph.Node;

/**
 * One IF, LIF or CubaLIF node as Volr reads it: one value per parameter (tau is LIF's tau or CubaLIF's tau_mem;
 * tauSyn and vReset are CubaLIF's only), checked against what Volr's neurons can be. Parsing lists every problem of
 * the node, so that a refusal names all of them at once.
 */
record NirNeuronNode(String name, String type, float r, float threshold, float tau, float vLeak, float tauSyn, float vReset,
		boolean hasReset) {
	/** How far r·w_in may be from tau_mem (relative) for a CubaLIF node to be Volr's neuron. */
	static final double CUBA_TOLERANCE = 1e-6;

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
		boolean cuba = type.equals("CubaLIF");
		float r = constant(g, "r", problems);
		float th = constant(g, "v_threshold", problems);
		float tau = type.equals("LIF") ? constant(g, "tau", problems) : cuba ? constant(g, "tau_mem", problems) : 0f;
		float leak = type.equals("IF") ? 0f : constant(g, "v_leak", problems);
		float tauSyn = cuba ? constant(g, "tau_syn", problems) : 0f;
		boolean hasReset = g.has("v_reset");
		float reset = hasReset ? constant(g, "v_reset", problems) : 0f;
		// NIR's default for a missing w_in is 1, as for files written before it was stored (NIR 0.x)
		float wIn = cuba && g.has("w_in") ? constant(g, "w_in", problems) : 1f;
		if (problems.size() > before)
			return null;
		if (!(th > 0) || !Float.isFinite(th))
			problems.add("node '" + n + "' (" + type + ") has v_threshold = " + th + "; Volr needs a positive threshold");
		if (!Float.isFinite(leak) || !Float.isFinite(reset))
			problems.add("node '" + n + "' (" + type + ") has v_leak = " + leak + ", v_reset = " + reset + "; Volr needs finite potentials");
		if (!cuba && !(r > 0))
			problems.add("node '" + n + "' (" + type + ") has r = " + r + "; Volr needs r > 0");
		if (cuba && (!(tau > 0 && Float.isFinite(tau)) || !(tauSyn > 0 && Float.isFinite(tauSyn))))
			problems.add("node '" + n + "' (CubaLIF) has tau_mem = " + tau + " and tau_syn = " + tauSyn
					+ "; Volr needs positive, finite time constants (seconds)");
		else if (cuba) {
			double gain = (double) r * wIn;
			if (!(Math.abs(gain - tau) <= CUBA_TOLERANCE * tau))
				problems.add("node '" + n + "' (CubaLIF) has r·w_in = " + r + "·" + wIn + " = " + (float) gain + " but tau_mem = " + tau
						+ "; Volr's CubaLIF passes each spike's weight to the membrane in full, which needs r·w_in = tau_mem (Volr"
						+ " writes r = tau_mem, w_in = 1). To import it, multiply the weight and bias of the node feeding it by"
						+ " r·w_in/tau_mem (" + (float) (gain / tau) + ") and set r = tau_mem, w_in = 1 in the file");
		}
		if (problems.size() > before)
			return null;
		return new NirNeuronNode(n, type, cuba ? tau : r, th, tau, leak, tauSyn, reset, hasReset);
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
						+ "); Volr's neurons share their parameters");
				return Float.NaN;
			}
		return v[0];
	}
}
