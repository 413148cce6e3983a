package org.volr.model.resolve;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.volr.model.Activation;
import org.volr.model.BatchNorm;
import org.volr.model.Conv;
import org.volr.model.Dense;
import org.volr.model.Fork;
import org.volr.model.GlobalPool;
import org.volr.model.Layer;
import org.volr.model.Let;
import org.volr.model.NetExpr;
import org.volr.model.NetRef;
import org.volr.model.Network;
import org.volr.model.Pool;
import org.volr.model.Sequence;

/**
 * What makes a network impossible to run as spiking neurons, decided from its structure alone (no weights): a
 * hidden layer whose activation rates cannot carry (linear, softmax), a batch norm not folded into its neighbour, an
 * output that is not one layer of neurons. The validator reports these at the layer before anything runs; the
 * simulator's lowering refuses the same network with the same message, so a network that passes `volr check`
 * does not fail for these reasons after minutes of training.
 *
 * References and {@code let} bindings are followed as the inlined network would be laid out, and problems are
 * reported at the layer as written.
 */
public final class SpikingRules {
	/** One refusal: the element to report it at and what to change. */
	public record Refusal(EObject source, String message) {
	}

	private final List<Refusal> refusals = new ArrayList<>();
	/** Dense and convolution layers in the order the simulator lays them out; the last one is read out. */
	private final List<Layer> neuronLayers = new ArrayList<>();
	/** The last layer that becomes a population (neurons or pooling); null before the first. */
	private Layer lastPopulation;
	private final List<EObject> active = new ArrayList<>();

	private SpikingRules() {
	}

	public static List<Refusal> check(Network network) {
		SpikingRules rules = new SpikingRules();
		if (network.getBody() == null)
			return List.of();
		rules.walk(network.getBody());
		rules.finish(network);
		return List.copyOf(rules.refusals);
	}

	private void walk(NetExpr e) {
		if (e instanceof Sequence s) {
			for (NetExpr step : s.getSteps())
				walk(step);
		} else if (e instanceof Fork f) {
			for (NetExpr branch : f.getBranches())
				walk(branch);
		} else if (e instanceof Let let) {
			walk(let.getBody());
		} else if (e instanceof NetRef ref) {
			NetExpr body = referenced(ref);
			if (body != null && !active.contains(body)) { // recursion is the shape checker's to report
				active.add(body);
				walk(body);
				active.remove(active.size() - 1);
			}
		} else if (e instanceof Layer layer) {
			layer(layer);
		}
	}

	private static NetExpr referenced(NetRef ref) {
		EObject target = ref.getTarget();
		if (target == null || target.eIsProxy())
			return null;
		if (target instanceof Let let)
			return let.getValue();
		if (target instanceof Network n)
			return n.getBody();
		return null;
	}

	private void layer(Layer layer) {
		if (layer instanceof Dense || layer instanceof Conv) {
			neuronLayers.add(layer);
			lastPopulation = layer;
		} else if (layer instanceof Pool || layer instanceof GlobalPool) {
			lastPopulation = layer;
		} else if (layer instanceof BatchNorm) {
			refusals.add(new Refusal(layer, "a batchnorm layer cannot be simulated as spiking neurons; fold it into the"
					+ " layer before it (volr import folds the batch norms of imported models) or remove it"));
		}
		// sigmoid and tanh cannot spike wherever they are: the validator refuses them on every layer, used or not
	}

	private void finish(Network network) {
		Layer output = neuronLayers.isEmpty() ? null : neuronLayers.get(neuronLayers.size() - 1);
		for (Layer hidden : neuronLayers) {
			Activation a = hidden.getActivation();
			if (hidden != output && (a == Activation.LINEAR || a == Activation.SOFTMAX))
				refusals.add(new Refusal(hidden, "hidden layer " + describe(hidden) + " has activation " + a.getLiteral()
						+ "; spiking neurons compute relu (negative values cannot be represented by rates): use relu, or"
						+ " make it the output layer"));
		}
		if (lastPopulation == null || !(lastPopulation instanceof Dense || lastPopulation instanceof Conv))
			refusals.add(new Refusal(network, "network '" + network.getName() + "' must end in a dense or convolution layer,"
					+ " whose neurons are read out"));
		else if (endsInBranches(network.getBody()))
			refusals.add(new Refusal(network, "network '" + network.getName() + "' ends in parallel branches; end it with"
					+ " one dense or convolution layer, whose neurons are read out"));
	}

	/** Whether the network's output comes from branches side by side rather than from one layer. */
	private boolean endsInBranches(NetExpr e) {
		if (e instanceof Sequence s) {
			for (int i = s.getSteps().size() - 1; i >= 0; i--) {
				NetExpr step = s.getSteps().get(i);
				if (!passesThrough(step))
					return endsInBranches(step);
			}
			return false;
		}
		if (e instanceof Let let)
			return endsInBranches(let.getBody());
		if (e instanceof NetRef ref) {
			NetExpr body = referenced(ref);
			return body != null && !active.contains(body) && endsInBranchesOf(body);
		}
		return e instanceof Fork;
	}

	private boolean endsInBranchesOf(NetExpr body) {
		active.add(body);
		try {
			return endsInBranches(body);
		} finally {
			active.remove(active.size() - 1);
		}
	}

	/** Layers that hand on what they receive: flatten, reshape, dropout, identity and activation layers. */
	private static boolean passesThrough(NetExpr e) {
		return e instanceof Layer && !(e instanceof Dense || e instanceof Conv || e instanceof Pool || e instanceof GlobalPool
				|| e instanceof BatchNorm);
	}

	private static String describe(Layer layer) {
		return layer.getLabel() != null ? "'" + layer.getLabel() + "'" : "(" + layer.eClass().getName().toLowerCase() + ")";
	}
}
