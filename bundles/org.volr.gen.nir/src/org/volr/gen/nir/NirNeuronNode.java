package org.volr.gen.nir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.volr.gen.nir.NirGraph.NirArray;
import org.volr.gen.nir.NirGraph.Node;

/**
 * One IF, LIF, CubaLIF or LI node as Volr reads it for a time step ({@link NirTime}): one value per parameter (tau
 * is LIF's and LI's tau or CubaLIF's tau_mem; tauSyn and vReset are CubaLIF's only), checked against what Volr's
 * neurons can be. Parsing lists every problem of the node, so that a refusal names all of them at once.
 * <p>
 * {@code gains} are the factors by which the weights entering the node must be multiplied for Volr's neuron (whose
 * input is a jump: a spike of weight w adds w to v, or to CubaLIF's synaptic charge) to compute the node's membrane
 * trace when a spike is the value 1 during its step (SEMANTICS.md, "Time in NIR graphs"): r·dt/τ (Euler) or
 * r·(1 − e^(−dt/τ)) (exact) for LIF and LI, r·w_in·dt/τ_mem for CubaLIF; one value for the node, or one per neuron when
 * its time constants differ. An IF node has no time constant: its r folds into the threshold, as every tool steps it
 * (v ← v + r·I per step). A gain within {@link #TOLERANCE} of 1 is 1.
 */
record NirNeuronNode(String name, String type, float r, float threshold, float tau, float vLeak, float tauSyn, float vReset,
		boolean hasReset, double[] gains, Map<String, float[]> perNeuron) {
	/**
	 * The NIR fields that may differ between the neurons of a node, with the Volr parameters they give per neuron
	 * (SEMANTICS.md, "Per-neuron parameters"): time constants and the resting potential. Thresholds, resets and w_in
	 * decide how a layer fires or what its weights mean, and stay one value per node; a leaky node's r may differ
	 * between neurons, as it only enters the neuron's input gain.
	 */
	private static final Map<String, List<String>> PER_NEURON = Map.of("tau", List.of("tau_m"), "tau_mem", List.of("tau_m"), "tau_syn",
			List.of("tau_syn_E", "tau_syn_I"), "v_leak", List.of("v_rest"));

	/**
	 * How far a gain may be from 1 (relative) for the node to be Volr's neuron as it is: what Volr writes (r chosen for
	 * gain 1 at the run's dt) reads back with gain 1 although r is a float.
	 */
	static final double TOLERANCE = 1e-6;

	/** True if the weights entering the node must be multiplied by its {@link #gains()}. */
	boolean folds() {
		for (double g : gains)
			if (g != 1.0)
				return true;
		return false;
	}

	/** True if every neuron of the node has the same gain. */
	boolean uniformGain() {
		for (double g : gains)
			if (g != gains[0])
				return false;
		return true;
	}

	/** The input gain's formula, for notes and messages. */
	String gainFormula(NirTime time) {
		return switch (type) {
		case "CubaLIF" -> "r·w_in·dt/tau_mem";
		case "IF" -> "r";
		default -> time.euler() ? "r·dt/tau" : "r·(1 − exp(−dt/tau))";
		};
	}

	boolean cuba() {
		return type.equals("CubaLIF");
	}

	/** The threshold on Volr's scale: IF folds r into it; the other nodes' gains fold into the weights. */
	float scaledThreshold() {
		return !type.equals("IF") || r == 1f ? threshold : threshold / r;
	}

	String thresholdName() {
		return type.equals("IF") ? "threshold/r" : "threshold";
	}

	String describe() {
		return name + "' (" + type + ", " + (cuba() ? "tau_mem " + tau + ", tau_syn " + tauSyn + ", v_reset " + vReset : "tau " + tau)
				+ ", v_leak " + vLeak + ")";
	}

	/** True if n has the same dynamics as this node (thresholds may differ: they fold into weights). */
	boolean sameModel(NirNeuronNode n) {
		return n.type.equals(type) && n.tau == tau && n.vLeak == vLeak && n.tauSyn == tauSyn && n.vReset == vReset;
	}

	/** The node as Volr's neuron for the time step time, or null with the reasons added to problems. */
	static NirNeuronNode of(Node g, NirTime time, List<String> problems) {
		String n = g.name(), type = g.type();
		int before = problems.size();
		boolean cuba = type.equals("CubaLIF"), li = type.equals("LI");
		Map<String, float[]> perNeuron = new LinkedHashMap<>();
		// a leaky node's r may differ between neurons (NIR writers give each neuron the r for its own time constant): it
		// only enters the input gain, one per neuron; IF's r divides the threshold, one per node
		float[] rs = !type.equals("IF") && g.field("r") != null ? g.field("r").floats() : null;
		boolean rPerNeuron = rs != null && rs.length > 1 && !uniform(rs);
		float r = rPerNeuron ? rs[0] : constant(g, "r", problems);
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
		if ((li || type.equals("LIF")) && !(tau > 0 && Float.isFinite(tau)))
			problems.add("node '" + n + "' (" + type + ") has tau = " + tau + "; Volr needs a positive, finite time constant (seconds)");
		if (type.equals("IF") && !(r > 0))
			problems.add("node '" + n + "' (" + type + ") has r = " + r + "; Volr needs r > 0");
		if (cuba && (!(tau > 0 && Float.isFinite(tau)) || !(tauSyn > 0 && Float.isFinite(tauSyn))))
			problems.add("node '" + n + "' (CubaLIF) has tau_mem = " + tau + " and tau_syn = " + tauSyn
					+ "; Volr needs positive, finite time constants (seconds)");
		if (problems.size() == before && !type.equals("IF"))
			stepBelowTimeConstants(g, time, problems);
		double[] gains = { 1.0 };
		if (problems.size() == before && !type.equals("IF")) {
			// the dynamics are linear in the input current, so the node's input gain folds into the weights entering the
			// layer (NirReader); only a gain that is no positive finite number cannot be folded
			float[] taus = g.field(cuba ? "tau_mem" : "tau").floats();
			if (rPerNeuron && rs.length != taus.length && taus.length != 1) {
				problems.add("node '" + n + "' (" + type + ") has " + rs.length + " values of r and " + taus.length + " of "
						+ (cuba ? "tau_mem" : "tau") + "; NIR's parameter arrays of one node have one shape");
				return null;
			}
			int count = rPerNeuron ? rs.length : taus.length;
			gains = new double[count];
			for (int i = 0; i < count; i++) {
				double ri = rPerNeuron ? rs[i] : r, tauI = taus[taus.length == 1 ? 0 : i];
				double k = cuba ? ri * wIn * time.dtSeconds() / tauI : ri * time.leakyStep(tauI);
				gains[i] = Math.abs(k - 1) <= TOLERANCE ? 1.0 : k;
			}
			double first = gains[0];
			for (int i = 0; i < gains.length && problems.size() == before; i++)
				if (!(gains[i] > 0) || !Double.isFinite(gains[i]))
					problems.add("node '" + n + "' (" + type + ") has " + (cuba ? "r·w_in = " + (rPerNeuron ? rs[i] : r) + "·" + wIn : "r = " + (rPerNeuron ? rs[i] : r))
							+ " and " + (cuba ? "tau_mem" : "tau") + " = " + taus[taus.length == 1 ? 0 : i] + " s, an input gain of " + gains[i] + " at dt = " + time.dtSeconds()
							+ " s; Volr folds the input gain into the weights entering the layer, which needs a positive, finite gain");
			boolean uniform = true;
			for (double k : gains)
				uniform &= k == first;
			if (uniform)
				gains = new double[] { first };
		}
		if (problems.size() > before)
			return null;
		return new NirNeuronNode(n, type, r, th, tau, leak, tauSyn, reset, hasReset, gains, Map.copyOf(perNeuron));
	}

	/**
	 * Under forward Euler a decay 1 − dt/τ is a decay only when dt is below τ (the simulator's rule, SEMANTICS.md
	 * "Discretisation"): every time constant of the node, of every neuron, must be above the step.
	 */
	private static void stepBelowTimeConstants(Node g, NirTime time, List<String> problems) {
		if (!time.euler())
			return;
		List<String> fields = g.type().equals("CubaLIF") ? List.of("tau_mem", "tau_syn") : List.of("tau");
		for (String field : fields) {
			float smallest = Float.POSITIVE_INFINITY;
			for (float x : g.field(field).floats())
				smallest = Math.min(smallest, x);
			if (!(smallest > time.dtSeconds()))
				problems.add("node '" + g.name() + "' (" + g.type() + ") has " + field + " = " + smallest + " s, not above the time step dt = "
						+ (float) time.dtSeconds() + " s: forward Euler's decay 1 − dt/" + field + " needs dt below every time constant;"
						+ " import with a smaller --dt or with --discretisation exact");
		}
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

	private static boolean uniform(float[] v) {
		for (float x : v)
			if (Float.compare(x, v[0]) != 0)
				return false;
		return true;
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
