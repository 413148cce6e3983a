package org.volr.diagram.edit;

import java.util.List;

import org.eclipse.emf.common.util.EList;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.volr.model.Block;
import org.volr.model.Element;
import org.volr.model.Experiment;
import org.volr.model.Fork;
import org.volr.model.Layer;
import org.volr.model.NetExpr;
import org.volr.model.Network;
import org.volr.net.neuron.NeuronModels;
import org.volr.model.NeuronModel;
import org.volr.model.Parallel;
import org.volr.model.Sequence;
import org.volr.model.VolrFactory;
import org.volr.model.VolrFile;

/**
 * The model side of each {@link EditCommand}: plain EMF changes to a parsed file. Where a change would leave a
 * construct the grammar cannot write (a calculus sequence of one step, a parallel block of one branch), the part
 * that is left takes its place, so the text written afterwards always parses.
 */
final class ModelChanges {
	private static final VolrFactory F = VolrFactory.eINSTANCE;

	private ModelChanges() {
	}

	/** Changes the model of {@code resource}; returns the layer the command created, or null. */
	static Layer apply(Resource resource, EditCommand command) throws EditException {
		return apply(DiagramNode.resolve(resource, command.nodeId()), command);
	}

	static Layer apply(DiagramNode node, EditCommand command) throws EditException {
		switch (command) {
		case EditCommand.AddLayer add -> {
			Layer layer = LayerFactory.create(add.layer());
			addLayer(node, add.before(), layer);
			return layer;
		}
		case EditCommand.InsertParallelBranch branch -> {
			Layer layer = LayerFactory.create(branch.layer());
			insertBranch(node, layer);
			return layer;
		}
		case EditCommand.Delete d -> delete(node);
		case EditCommand.Connect c -> connect(node, DiagramNode.resolve(node.owner().eResource(), c.toNodeId()), c.add());
		case EditCommand.SetParameter set -> LayerParameters.set(layer(node), set.name(), set.value());
		case EditCommand.SetNeuronModel neuron -> setNeuron(node, neuron.kind());
		}
		return null;
	}

	private static void addLayer(DiagramNode node, boolean before, Layer layer) throws EditException {
		switch (node.role()) {
		case INPUT -> {
			if (before)
				throw new EditException("nothing can come before the input");
			insertAtBodyEnd(node.owner(), layer, true);
		}
		case OUTPUT -> {
			if (!before)
				throw new EditException("nothing can come after the output");
			insertAtBodyEnd(node.owner(), layer, false);
		}
		case NETWORK -> throw new EditException("select a layer, the input or the output to add a layer next to it");
		case ELEMENT -> {
			if (before && node.element() instanceof Fork)
				throw new EditException("a layer before the merge belongs in one of the branches: select a layer in a branch");
			insertBeside((NetExpr) node.element(), layer, before);
		}
		}
	}

	/** Inserts at the start ({@code first}) or end of a network's body. */
	private static void insertAtBodyEnd(EObject owner, NetExpr added, boolean first) {
		EObject holder = DiagramNode.bodyHolder(owner);
		NetExpr body = (NetExpr) holder.eGet(DiagramNode.bodyFeature(owner));
		if (body instanceof Sequence seq) {
			seq.getSteps().add(first ? 0 : seq.getSteps().size(), added);
			return;
		}
		if (body == null) {
			Block block = F.createBlock();
			block.getSteps().add(added);
			holder.eSet(DiagramNode.bodyFeature(owner), block);
			return;
		}
		insertBeside(body, added, first);
	}

	/** Puts {@code added} right before or after {@code anchor}: into the sequence around it, or a new one. */
	private static void insertBeside(NetExpr anchor, NetExpr added, boolean before) {
		if (anchor.eContainer() instanceof Sequence seq) {
			int i = seq.getSteps().indexOf(anchor);
			seq.getSteps().add(before ? i : i + 1, added);
			return;
		}
		// a branch, a network's only expression, a let's value or body: it becomes a two-step sequence
		Sequence seq = F.createSequence();
		EcoreUtil.replace(anchor, seq);
		seq.getSteps().add(anchor);
		seq.getSteps().add(before ? 0 : 1, added);
	}

	private static void insertBranch(DiagramNode node, Layer layer) throws EditException {
		if (node.role() != DiagramNode.Role.ELEMENT)
			throw new EditException("a parallel branch goes beside a layer, not beside " + node.describe());
		NetExpr anchor = (NetExpr) node.element();
		if (anchor instanceof Parallel fork) {
			fork.getBranches().add(layer);
			return;
		}
		if (anchor.eContainer() instanceof Parallel fork) {
			fork.getBranches().add(fork.getBranches().indexOf(anchor) + 1, layer);
			return;
		}
		Parallel fork = F.createParallel();
		EcoreUtil.replace(anchor, fork);
		fork.getBranches().add(anchor);
		fork.getBranches().add(layer);
	}

	/** The chain both ends of a connection lie in, and the steps strictly between them: [from, to). */
	record Span(Sequence chain, int from, int to) {
	}

	/** Where a connection from {@code start} to {@code end} skips; refused unless both lie on one chain with steps between. */
	static Span span(DiagramNode start, DiagramNode end) throws EditException {
		if (start.role() == DiagramNode.Role.OUTPUT || start.role() == DiagramNode.Role.NETWORK)
			throw new EditException("a connection starts at the input or a layer, not at " + start.describe());
		if (end.role() == DiagramNode.Role.INPUT || end.role() == DiagramNode.Role.NETWORK)
			throw new EditException("a connection ends at a layer or the output, not at " + end.describe());
		if (start.owner() != end.owner())
			throw new EditException("both ends of a connection must be in the same network");
		Sequence chain = null;
		int from = 0, to = -1;
		if (start.role() == DiagramNode.Role.INPUT) {
			Object body = DiagramNode.bodyHolder(start.owner()).eGet(DiagramNode.bodyFeature(start.owner()));
			if (body instanceof Sequence s)
				chain = s;
		} else if (start.element().eContainer() instanceof Sequence s) {
			chain = s;
			from = s.getSteps().indexOf(start.element()) + 1;
		}
		if (chain != null && end.role() == DiagramNode.Role.OUTPUT) {
			Object body = DiagramNode.bodyHolder(end.owner()).eGet(DiagramNode.bodyFeature(end.owner()));
			to = body == chain ? chain.getSteps().size() : -1;
		} else if (chain != null && end.element() != null && end.element().eContainer() == chain) {
			to = chain.getSteps().indexOf(end.element());
		}
		if (chain == null || to < 0)
			throw new EditException("connect two nodes of one chain: " + start.describe() + " and " + end.describe()
					+ " are not in the same sequence of layers");
		if (to <= from)
			throw new EditException("a connection skips layers: the second node must come after the first with at least one layer between them");
		return new Span(chain, from, to);
	}

	private static void connect(DiagramNode start, DiagramNode end, boolean add) throws EditException {
		Span span = span(start, end);
		EList<NetExpr> steps = span.chain().getSteps();
		List<NetExpr> skipped = List.copyOf(steps.subList(span.from(), span.to()));
		boolean block = span.chain() instanceof Block;
		NetExpr branch;
		if (skipped.size() == 1) {
			branch = skipped.get(0);
		} else {
			Sequence inner = block ? F.createBlock() : F.createSequence();
			inner.getSteps().addAll(skipped); // moves them out of the chain
			branch = inner;
		}
		Fork fork = add ? F.createAdd() : F.createParallel();
		steps.removeAll(skipped);
		fork.getBranches().add(branch);
		fork.getBranches().add(F.createIdentity());
		steps.add(span.from(), fork);
	}

	private static void delete(DiagramNode node) throws EditException {
		if (node.role() != DiagramNode.Role.ELEMENT)
			throw new EditException(node.describe() + " cannot be deleted");
		EObject element = node.element();
		if (element instanceof Fork)
			throw new EditException("delete the layers of a parallel block's branches one by one; its merge goes with the last but one");
		EObject container = element.eContainer();
		if (!(container instanceof Sequence) && !(container instanceof Fork))
			throw new EditException("the only layer of " + ownerName(node.owner()) + " cannot be deleted");
		EcoreUtil.remove(element);
		tidy(container);
	}

	/** Removes what a deletion left that the grammar cannot write or that means nothing any more. */
	private static void tidy(EObject container) {
		if (container instanceof Block block && block.getSteps().isEmpty() && block.eContainer() instanceof Fork fork) {
			EcoreUtil.remove(block);
			tidy(fork);
		} else if (container instanceof Sequence seq && !(seq instanceof Block) && seq.getSteps().size() == 1) {
			EcoreUtil.replace(seq, seq.getSteps().get(0));
		} else if (container instanceof Fork fork && fork.getBranches().size() == 1) {
			NetExpr remaining = fork.getBranches().get(0);
			// a block branch left alone in a block: its lines join the block around it
			if (remaining instanceof Block inner && fork.eContainer() instanceof Block outer) {
				EList<NetExpr> steps = outer.getSteps();
				int at = steps.indexOf(fork);
				steps.remove(at);
				steps.addAll(at, List.copyOf(inner.getSteps()));
			} else {
				EcoreUtil.replace(fork, remaining);
			}
		}
	}

	private static Layer layer(DiagramNode node) throws EditException {
		if (node.element() instanceof Layer layer && node.role() == DiagramNode.Role.ELEMENT)
			return layer;
		throw new EditException(node.describe() + " has no parameters to set");
	}

	/** The experiments that run the network the node is drawn in; refused when there are none. */
	static List<Experiment> experimentsOf(DiagramNode node) throws EditException {
		if (!(node.owner() instanceof Network network))
			throw new EditException("a bare expression has no experiment to choose its neuron model");
		VolrFile file = (VolrFile) network.eContainer();
		List<Experiment> found = new java.util.ArrayList<>();
		for (Element e : file.getElements())
			if (e instanceof Experiment x && x.getNetwork() == network)
				found.add(x);
		if (found.isEmpty())
			throw new EditException("no experiment in this file runs network " + network.getName()
					+ "; the neuron model is chosen by an experiment");
		return found;
	}

	private static void setNeuron(DiagramNode node, String kindText) throws EditException {
		String kind = kindText == null ? "" : kindText.strip();
		if (NeuronModels.of(kind) == null)
			throw new EditException("unknown neuron model '" + kindText + "' (known: " + String.join(", ", NeuronModels.names()) + ")");
		for (Experiment x : experimentsOf(node)) {
			{
				if (x.getNeuron() == null) {
					NeuronModel model = F.createNeuronModel();
					model.setKind(kind);
					x.setNeuron(model);
				} else {
					x.getNeuron().setKind(kind);
				}
			}
		}
	}

	private static String ownerName(EObject owner) {
		return owner instanceof Network n ? "network " + n.getName() : "the expression";
	}
}
