package org.volr.lang.ui.services;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.volr.model.Element;
import org.volr.model.Experiment;
import org.volr.model.Fork;
import org.volr.model.Layer;
import org.volr.model.Let;
import org.volr.model.NetExpr;
import org.volr.model.NetRef;
import org.volr.model.Network;
import org.volr.model.Sequence;
import org.volr.model.VolrFile;
import org.volr.model.shapes.NetType;
import org.volr.model.shapes.ShapeInference;

/**
 * One entry of the outline: experiments, networks (with their type) and their layers, in text order. Branches of a
 * parallel or additive composition and let bindings are nodes of their own, as {@code volr info} indents them.
 */
public record OutlineNode(String label, Kind kind, int offset, int length, List<OutlineNode> children) {
	public enum Kind {
		EXPERIMENT, NETWORK, LAYER, BRANCH, LET, REFERENCE
	}

	public static List<OutlineNode> of(ParsedText parsed) {
		List<OutlineNode> roots = new ArrayList<>();
		VolrFile file = parsed.file();
		if (file == null)
			return roots;
		ShapeInference inference = ShapeInference.of(file);
		if (file.getMain() != null) {
			OutlineNode main = node("main", Kind.NETWORK, file.getMain());
			addSteps(file.getMain(), inference, main.children());
			roots.add(main);
		}
		for (Element e : file.getElements()) {
			if (e instanceof Network network) {
				NetType type = network.getBody() == null ? null : inference.typeOf(network.getBody());
				OutlineNode n = node("network " + network.getName() + (type == null ? "" : " : " + type), Kind.NETWORK, network);
				if (network.getBody() != null)
					addSteps(network.getBody(), inference, n.children());
				roots.add(n);
			} else if (e instanceof Experiment experiment) {
				OutlineNode n = node("experiment " + experiment.getName(), Kind.EXPERIMENT, experiment);
				if (experiment.getNetwork() != null && !experiment.getNetwork().eIsProxy())
					n.children().add(node("network " + experiment.getNetwork().getName(), Kind.REFERENCE, experiment));
				roots.add(n);
			}
		}
		return roots;
	}

	private static void addSteps(EObject expr, ShapeInference inference, List<OutlineNode> into) {
		if (expr instanceof Sequence seq) {
			for (NetExpr step : seq.getSteps())
				addSteps(step, inference, into);
		} else if (expr instanceof Fork fork) {
			int i = 1;
			for (NetExpr branch : fork.getBranches()) {
				OutlineNode b = node((fork instanceof org.volr.model.Add ? "+ branch " : "| branch ") + i++, Kind.BRANCH, branch);
				addSteps(branch, inference, b.children());
				into.add(b);
			}
		} else if (expr instanceof Let let) {
			OutlineNode binding = node("let " + let.getName(), Kind.LET, let);
			if (let.getValue() != null)
				addSteps(let.getValue(), inference, binding.children());
			into.add(binding);
			if (let.getBody() != null)
				addSteps(let.getBody(), inference, into);
		} else if (expr instanceof NetRef ref) {
			into.add(node(text(ref) + shape(inference, ref), Kind.REFERENCE, ref));
		} else if (expr instanceof Layer layer) {
			into.add(node(text(layer) + shape(inference, layer), Kind.LAYER, layer));
		}
	}

	private static String shape(ShapeInference inference, EObject node) {
		NetType type = inference.typeOf(node);
		return type == null ? "" : " → " + type.out();
	}

	private static OutlineNode node(String label, Kind kind, EObject source) {
		ICompositeNode n = NodeModelUtils.getNode(source);
		int offset = n == null ? 0 : n.getOffset();
		int length = n == null ? 0 : n.getLength();
		return new OutlineNode(label, kind, offset, length, new ArrayList<>());
	}

	private static String text(EObject node) {
		ICompositeNode n = NodeModelUtils.getNode(node);
		return n == null ? node.eClass().getName() : NodeModelUtils.getTokenText(n);
	}
}
