package org.volr.gen.nir;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;
import org.volr.net.NetLayer;
import org.volr.net.WeightKeys;
import org.volr.net.neuron.NeuronModels;

/**
 * The fields of the neuron node behind a layer, exactly those of NIR's dataclass (v_reset only for CubaLIF, where
 * Volr's reset potential is part of the neuron), each an array of the layer's output shape: the neuron's one value
 * for all, or the layer's per-neuron values where the weights give them ({@code <key>.tau_m} etc., SEMANTICS.md
 * "Per-neuron parameters"), with r per neuron for the run's step. {@link NirWriter} names the node and wires it.
 */
final class NirNeuronFields {
	private final WeightStore weights;
	/** The run's step, for the r of neurons with time constants of their own; null when not known. */
	private final NirTime time;

	NirNeuronFields(WeightStore weights, NirTime time) {
		this.weights = weights;
		this.time = time;
	}

	/**
	 * @param described the layer as refusals name it ("layer 'fc1'")
	 * @param dims the layer's output shape
	 */
	Map<String, Object> of(NetLayer layer, String described, NirNeuron neuron, int[] dims) {
		int count = size(dims);
		Map<String, float[]> own = perNeuron(layer, described, neuron, count);
		Map<String, Object> n = new LinkedHashMap<>();
		switch (neuron.kind()) {
		case IF -> {
			n.put("r", FloatTensor.nested(filled(count, neuron.r()), dims));
			n.put("v_threshold", FloatTensor.nested(filled(count, neuron.threshold()), dims));
		}
		case LIF -> {
			n.put("tau", values(own, "tau", neuron.tau(), count, dims));
			n.put("r", rValues(own, "tau", neuron, count, dims, described));
			n.put("v_leak", values(own, "v_leak", neuron.vLeak(), count, dims));
			n.put("v_threshold", FloatTensor.nested(filled(count, neuron.threshold()), dims));
		}
		case CUBA_LIF -> { // w_in = 1, r for the run's step (NirTarget.neuron)
			n.put("tau_syn", values(own, "tau_syn", neuron.tauSyn(), count, dims));
			n.put("tau_mem", values(own, "tau_mem", neuron.tau(), count, dims));
			n.put("r", rValues(own, "tau_mem", neuron, count, dims, described));
			n.put("v_leak", values(own, "v_leak", neuron.vLeak(), count, dims));
			n.put("v_threshold", FloatTensor.nested(filled(count, neuron.threshold()), dims));
			n.put("v_reset", FloatTensor.nested(filled(count, neuron.vReset()), dims));
			n.put("w_in", FloatTensor.nested(filled(count, 1f), dims));
		}
		case LI -> { // NIR's LI (tau, r, v_leak): Volr's LIF node without the threshold
			n.put("tau", values(own, "tau", neuron.tau(), count, dims));
			n.put("r", rValues(own, "tau", neuron, count, dims, described));
			n.put("v_leak", values(own, "v_leak", neuron.vLeak(), count, dims));
		}
		default -> throw new IllegalStateException(neuron.kind().toString());
		}
		return n;
	}

	/** A field of a neuron node: the layer's per-neuron values if the weights give them, else its one value for all. */
	private static Object values(Map<String, float[]> own, String field, float value, int count, int[] dims) {
		return FloatTensor.nested(own.containsKey(field) ? own.get(field) : filled(count, value), dims);
	}

	/**
	 * A leaky node's r: the neuron's one r, or, when the weights give its time constant (tauField) per neuron, the r
	 * that makes each neuron's input gain 1 at the run's step, so the reader folds no gain into the weights.
	 */
	private Object rValues(Map<String, float[]> own, String tauField, NirNeuron neuron, int count, int[] dims, String described) {
		float[] taus = own.get(tauField);
		if (taus == null)
			return FloatTensor.nested(filled(count, neuron.r()), dims);
		if (time == null)
			throw new IllegalArgumentException(described + " has time constants per neuron, whose r depends on the run's time step,"
					+ " which was not given");
		float[] r = new float[count];
		for (int i = 0; i < count; i++)
			r[i] = time.unitGainR(neuron.kind(), taus[i]);
		return FloatTensor.nested(r, dims);
	}

	/**
	 * The layer's per-neuron parameters ({@code <key>.tau_m} etc. in the weights, SEMANTICS.md "Per-neuron
	 * parameters") as the per-neuron arrays of its NIR neuron node, by NIR field: tau_m → LIF's and LI's tau,
	 * CubaLIF's tau_mem (seconds); v_rest → v_leak; tau_syn_E and tau_syn_I → CubaLIF's one tau_syn (both given, equal).
	 * The inverse of what {@link NirNeuronNode} reads per neuron. Any other parameter per neuron is refused by name.
	 */
	private Map<String, float[]> perNeuron(NetLayer layer, String described, NirNeuron neuron, int count) {
		Map<String, float[]> fields = new LinkedHashMap<>();
		Map<String, float[]> given = new LinkedHashMap<>();
		for (String p : new java.util.TreeSet<>(NeuronModels.parameterNames())) {
			String key = WeightKeys.parameter(layer.key(), p);
			if (!weights.contains(key))
				continue;
			float[] v = weights.get(key).data();
			if (v.length != count)
				throw new IllegalArgumentException("'" + key + "' has " + v.length + " values; " + described + " has " + count + " neurons");
			String field = nirField(neuron.kind(), p);
			if (field == null)
				throw new IllegalArgumentException("'" + key + "' gives " + described + " a " + p + " per neuron, which NIR's "
						+ neuron.kind().nirType() + " node has no per-neuron field for; give the layer one value in its neuron clause for NIR");
			boolean time = p.startsWith("tau");
			float[] nir = new float[count];
			for (int i = 0; i < count; i++) {
				if (!Float.isFinite(v[i]) || time && !(v[i] > 0))
					throw new IllegalArgumentException("'" + key + "' has the value " + v[i] + " for neuron " + i + " of " + described
							+ "; NIR needs " + (time ? "positive, finite time constants" : "finite potentials"));
				nir[i] = time ? seconds(v[i]) : v[i];
			}
			given.put(p, nir);
			float[] before = fields.put(field, nir);
			if (before != null && !Arrays.equals(before, nir))
				throw new IllegalArgumentException("'" + key + "' differs from '" + WeightKeys.parameter(layer.key(), "tau_syn_E") + "' in "
						+ described + "; NIR's CubaLIF has one tau_syn per neuron");
		}
		if (given.containsKey("tau_syn_E") != given.containsKey("tau_syn_I"))
			throw new IllegalArgumentException(described + " has " + (given.containsKey("tau_syn_E") ? "tau_syn_E" : "tau_syn_I")
					+ " per neuron but not the other; NIR's CubaLIF has one tau_syn per neuron, so give both (equal) per neuron");
		return fields;
	}

	/** The NIR field of a neuron node that holds Volr's parameter p per neuron, or null if the node has none. */
	private static String nirField(NirNeuron.Kind kind, String p) {
		return switch (p) {
		case "tau_m" -> switch (kind) {
			case LIF, LI -> "tau";
			case CUBA_LIF -> "tau_mem";
			case IF -> null;
			};
		case "v_rest" -> kind == NirNeuron.Kind.IF ? null : "v_leak";
		case "tau_syn_E", "tau_syn_I" -> kind == NirNeuron.Kind.CUBA_LIF ? "tau_syn" : null;
		default -> null;
		};
	}

	/**
	 * Milliseconds as NIR's seconds: the float near ms/1000 that the reader turns back into exactly these milliseconds
	 * ({@link NeuronClause#millis}, through the shortest decimal), so a value that went out comes back bit for bit.
	 * Not every float of milliseconds is some float of seconds read back (the two grids of floats differ by the
	 * factor 1000); for such a value the nearest, ms/1000 through its shortest decimal, which reads back within
	 * one unit in the last place.
	 */
	static float seconds(float millis) {
		float nearest = new java.math.BigDecimal(Float.toString(millis)).movePointLeft(3).floatValue();
		float down = nearest, up = nearest;
		for (int step = 0; step <= 4; step++) {
			if ((float) NeuronClause.millis(down) == millis)
				return down;
			if ((float) NeuronClause.millis(up) == millis)
				return up;
			down = Math.nextDown(down);
			up = Math.nextUp(up);
		}
		return nearest;
	}

	private static float[] filled(int n, float v) {
		float[] a = new float[n];
		Arrays.fill(a, v);
		return a;
	}

	private static int size(int[] shape) {
		int n = 1;
		for (int d : shape)
			n *= d;
		return n;
	}
}
