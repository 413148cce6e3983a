package org.volr.gen.nir;

import java.nio.file.Path;
import java.util.List;

import org.volr.convert.ImportException;
import org.volr.core.weights.FloatTensor;
import org.volr.core.weights.WeightStore;
import org.volr.model.Dense;
import org.volr.model.Layer;
import org.volr.net.WeightKeys;

/**
 * Makes one neuron of a graph's neuron nodes, once the chain is read ({@link NirReader}): the first node's is the
 * experiment's, the others' differences folded into their layers' weights where the spikes stay the same, else given
 * to their layers as neuron clauses of their own; each leaky node's input gain for the step folded into the weights
 * entering its layer. Every rewrite goes into the notes.
 */
final class NirNeuronUnifier {

	/** One neuron node's population, as read (the checks passed in {@link NirSupport}), with the layer it belongs to. */
	record Neurons(NirNeuronNode node, Layer layer) {
		String name() {
			return node.name();
		}
	}

	private final Path file;
	private final NirTime time;
	private final List<String> notes;

	NirNeuronUnifier(Path file, NirTime time, List<String> notes) {
		this.file = file;
		this.time = time;
		this.notes = notes;
	}

	/**
	 * One neuron for the network: the first node's, IF with r folded into its threshold; the others folded into weights
	 * where they differ in threshold only, else the neuron clause of their layer. A leaky node's input gain for the
	 * step (r·dt/tau or r·(1 − e^(−dt/tau)) for LIF and LI, r·w_in·dt/tau_mem for CubaLIF; {@link NirNeuronNode}) is
	 * folded into every weight entering its layer (its weights, bias and recurrent weights; per neuron for a dense layer
	 * whose time constants differ between neurons): the node's dynamics are linear in its input current, so its membrane
	 * trace stays the same (SEMANTICS.md, "Time in NIR graphs").
	 */
	NirNeuron unify(List<Neurons> neurons, WeightStore store) throws ImportException {
		if (neurons.isEmpty())
			throw new ImportException(file, "the graph has no neuron nodes");
		NirNeuronNode first = neurons.get(0).node();
		float threshold = threshold(neurons.get(0), store);
		if (first.type().equals("IF") && first.r() != 1f)
			notes.add("neuron node '" + first.name() + "' has r = " + first.r() + ": the common threshold is v_threshold / r = " + threshold);
		for (Neurons population : neurons) {
			NirNeuronNode n = population.node();
			String label = population.layer().getLabel();
			if (gainInThreshold(population, store))
				notes.add("neuron node '" + n.name() + "' (" + n.type() + "): its input gain " + n.gainFormula(time) + " = " + (float) n.gains()[0]
						+ " at dt = " + NeuronClause.number(time.dtMillis()) + " ms divides its threshold (its input node '" + label
						+ "' has no weights to carry it, and without v_leak and v_reset the spikes are the same)");
			else if (n.folds())
				foldGain(n, population.layer(), store);
			for (var p : n.perNeuron().entrySet()) {
				float[] values = p.getValue();
				store.put(WeightKeys.parameter(label, p.getKey()), new FloatTensor(new int[] { values.length }, values));
				notes.add("neuron node '" + n.name() + "': " + p.getKey() + " differs between neurons, given per neuron in "
						+ WeightKeys.parameter(label, p.getKey()));
			}
			float own = threshold(population, store);
			boolean foldable = n.vLeak() == 0f && n.vReset() == 0f && !n.variesPerNeuron() && store.contains(WeightKeys.weight(label));
			if (n.sameModel(first) && (own == threshold || foldable)) {
				if (own == threshold)
					continue;
				float factor = threshold / own;
				scale(store, label, new double[] { factor });
				notes.add("neuron node '" + n.name() + "': " + n.thresholdName() + " " + own + " folded into the weights of '" + label + "' (x"
						+ factor + ")");
				continue;
			}
			NirNeuron mine = neuron(n, own);
			population.layer().setNeuron(NeuronClause.model(mine));
			notes.add("neuron node '" + n.describe() + " differs from '" + first.describe() + ": layer '" + label + "' has a neuron of its"
					+ " own, " + NeuronClause.text(mine));
		}
		NirNeuron common = neuron(first, threshold);
		notes.add("neurons: " + first.type() + " with threshold " + threshold
				+ (first.type().equals("LIF") ? ", tau " + first.tau() + " s, v_leak " + first.vLeak() : "")
				+ (first.cuba() ? ", tau_mem " + first.tau() + " s, tau_syn " + first.tauSyn() + " s, v_leak " + first.vLeak() : "")
				+ "; in the experiment: " + NeuronClause.text(common));
		return common;
	}

	/**
	 * True if the input gain of a node after a layer without weights (pooling) goes into its threshold instead: v is
	 * linear in the input, so with v_leak and v_reset 0 dividing the threshold by the gain gives the same spikes (the
	 * membrane on another scale). LI has no threshold.
	 */
	private static boolean gainInThreshold(Neurons p, WeightStore store) {
		NirNeuronNode n = p.node();
		return n.folds() && !store.contains(WeightKeys.weight(p.layer().getLabel())) && !n.type().equals("LI") && n.vLeak() == 0f
				&& n.vReset() == 0f && n.uniformGain() && !n.variesPerNeuron();
	}

	/** A population's threshold on Volr's scale: IF's r folded in, or the gain of {@link #gainInThreshold}. */
	private static float threshold(Neurons p, WeightStore store) {
		float t = p.node().scaledThreshold();
		return gainInThreshold(p, store) ? (float) (t / p.node().gains()[0]) : t;
	}

	/**
	 * Multiplies the weights entering the layer of node n by its input gains: one factor for the layer, or one per
	 * neuron (a column of a dense layer's weights). A layer without weights (pooling) has nothing to carry a gain.
	 */
	private void foldGain(NirNeuronNode n, Layer layer, WeightStore store) throws ImportException {
		String label = layer.getLabel();
		String formula = n.gainFormula(time);
		if (!store.contains(WeightKeys.weight(label)))
			throw new ImportException(file, "neuron node '" + n.name() + "' (" + n.type() + ") has the input gain " + formula + " = "
					+ (float) n.gains()[0] + " at dt = " + NeuronClause.number(time.dtMillis()) + " ms, and its input node '" + label + "' has no"
					+ " weights to fold it into (Volr's " + n.type() + " passes each spike's weight to the membrane in full; with v_leak and"
					+ " v_reset 0 it would divide the threshold instead)");
		if (!n.uniformGain() && !(layer instanceof Dense))
			throw new ImportException(file, "neuron node '" + n.name() + "' (" + n.type() + ") has time constants that differ between its"
					+ " neurons, so its input gain " + formula + " does too; Volr folds such gains into a dense layer's weights only, and its"
					+ " input node '" + label + "' is not dense");
		scale(store, label, n.gains());
		notes.add("neuron node '" + n.name() + "' (" + n.type() + "): its input gain " + formula + " = "
				+ (n.uniformGain() ? String.valueOf((float) n.gains()[0]) : "one value per neuron") + " at dt = "
				+ NeuronClause.number(time.dtMillis()) + " ms is folded into the weights entering layer '" + label + "'");
	}

	/** Node n as Volr's neuron, with the given threshold (on Volr's scale: r folded in). */
	private static NirNeuron neuron(NirNeuronNode n, float threshold) {
		return switch (n.type()) {
		case "IF" -> NirNeuron.ifNeuron(threshold);
		case "LIF" -> NirNeuron.lif(n.tau(), threshold, n.vLeak());
		case "LI" -> NirNeuron.li(n.tau(), n.vLeak());
		default -> NirNeuron.cubaLif(n.tau(), n.tauSyn(), threshold, n.vLeak(), n.vReset());
		};
	}

	/**
	 * Multiplies every weight entering layer label (weights, bias, recurrent weights) by factors: one for all, or one
	 * per neuron of a dense layer (the last axis of its [in, out] weights and [from, to] recurrent weights, its bias).
	 */
	private static void scale(WeightStore store, String label, double[] factors) {
		for (String key : new String[] { WeightKeys.weight(label), WeightKeys.bias(label), WeightKeys.recurrent(label) })
			if (store.contains(key)) {
				FloatTensor t = store.get(key);
				float[] d = t.data().clone();
				for (int i = 0; i < d.length; i++)
					d[i] = (float) (d[i] * factors[factors.length == 1 ? 0 : i % factors.length]);
				store.put(key, new FloatTensor(t.shape(), d));
			}
	}
}
