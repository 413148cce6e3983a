package org.volr.model.resolve;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.volr.model.Fork;
import org.volr.model.Layer;
import org.volr.model.Let;
import org.volr.model.NetExpr;
import org.volr.model.NetRef;
import org.volr.model.Network;
import org.volr.model.Sequence;
import org.volr.model.VolrFactory;

/**
 * A network with its references written out, as the Volr calculus defines them: {@code let x = e in b} is b with
 * every reference to x replaced by its own copy of e, and a reference to another network is a copy of that
 * network's body. What trains, converts, simulates and generates code reads this network, so that the thesis'
 * programs ({@code let l1 = dense 2 4 in ... (l1 ⊖ l2) ⦶ o}) run like the block form.
 *
 * Each copy is a layer of its own, with weights of its own (no sharing). Unlabelled layers are named by position
 * as everywhere ("layer3"); a labelled layer copied more than once keeps its label the first time and gets
 * "_2", "_3", ... after, so no two layers share weights by accident.
 */
public final class NetworkInliner {
	private final Map<String, Integer> labels = new HashMap<>();

	private NetworkInliner() {
	}

	/** The network itself when nothing in it refers elsewhere; else a detached copy with every reference written out. */
	public static Network inline(Network network) {
		if (network == null || network.getBody() == null || !refersElsewhere(network.getBody()))
			return network;
		Network copy = VolrFactory.eINSTANCE.createNetwork();
		copy.setName(network.getName());
		if (network.getInput() != null)
			copy.setInput(EcoreUtil.copy(network.getInput()));
		copy.setBody(new NetworkInliner().expand(network.getBody(), 0));
		return copy;
	}

	private static boolean refersElsewhere(NetExpr body) {
		if (body instanceof Let || body instanceof NetRef)
			return true;
		for (var it = body.eAllContents(); it.hasNext();) {
			EObject e = it.next();
			if (e instanceof Let || e instanceof NetRef)
				return true;
		}
		return false;
	}

	/** Depth guards against a recursive reference, which the checker refuses before anything runs. */
	private NetExpr expand(NetExpr e, int depth) {
		if (depth > 1000)
			throw new IllegalArgumentException("references nest deeper than 1000 levels (a recursive network?)");
		if (e instanceof Let let)
			return expand(let.getBody(), depth + 1);
		if (e instanceof NetRef ref) {
			EObject target = ref.getTarget();
			if (target instanceof Let let)
				return expand(let.getValue(), depth + 1);
			if (target instanceof Network n)
				return expand(n.getBody(), depth + 1);
			throw new IllegalArgumentException("'" + (target == null ? "?" : EcoreUtil.getURI(target)) + "' is not a network");
		}
		if (e instanceof Sequence s) {
			Sequence copy = (Sequence) EcoreUtil.create(s.eClass());
			for (NetExpr step : s.getSteps())
				copy.getSteps().add(expand(step, depth + 1));
			return copy;
		}
		if (e instanceof Fork f) {
			Fork copy = (Fork) EcoreUtil.create(f.eClass());
			for (NetExpr branch : f.getBranches())
				copy.getBranches().add(expand(branch, depth + 1));
			return copy;
		}
		if (e instanceof Layer layer) {
			Layer copy = EcoreUtil.copy(layer);
			if (copy.getLabel() != null) {
				int seen = labels.merge(copy.getLabel(), 1, Integer::sum);
				if (seen > 1)
					copy.setLabel(copy.getLabel() + "_" + seen);
			}
			return copy;
		}
		throw new IllegalArgumentException(e.eClass().getName() + " cannot be inlined");
	}
}
