package org.volr.lang.ide.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.INode;
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
import org.volr.model.VolrPackage;
import org.volr.model.shapes.NetType;
import org.volr.model.shapes.ShapeInference;
import org.volr.model.shapes.TensorShape;

/**
 * One entry of the outline: experiments, networks (with their type) and their layers, in text order. Branches of a
 * parallel or additive composition and let bindings are nodes of their own, as {@code volr info} indents them.
 * <p>
 * Two renderings of the same tree: {@link #label} is the Eclipse Outline's one line; {@link #name} and
 * {@link #detail} are what a language client shows side by side (document symbols: "fc1" and "dense 500 relu · [500]"),
 * with {@link #nameOffset} the region a client selects (the declared name, or the whole element when it has none).
 */
public record OutlineNode(String label, String name, String detail, Kind kind, int offset, int length, int nameOffset, int nameLength,
		List<OutlineNode> children) {
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
			OutlineNode main = node("main", "main", type(inference.typeOf(file.getMain()), inference.totalParameters(file.getMain())), Kind.NETWORK,
					file.getMain(), null);
			addSteps(file.getMain(), inference, main.children());
			roots.add(main);
		}
		for (Element e : file.getElements()) {
			if (e instanceof Network network) {
				NetType type = network.getBody() == null ? null : inference.typeOf(network.getBody());
				long parameters = network.getBody() == null ? 0 : inference.totalParameters(network.getBody());
				OutlineNode n = node("network " + network.getName() + (type == null ? "" : " : " + type), network.getName(), type(type, parameters),
						Kind.NETWORK, network, VolrPackage.Literals.NAMED__NAME);
				if (network.getBody() != null)
					addSteps(network.getBody(), inference, n.children());
				roots.add(n);
			} else if (e instanceof Experiment experiment) {
				boolean linked = experiment.getNetwork() != null && !experiment.getNetwork().eIsProxy();
				OutlineNode n = node("experiment " + experiment.getName(), experiment.getName(),
						linked ? "experiment on " + experiment.getNetwork().getName() : "experiment", Kind.EXPERIMENT, experiment,
						VolrPackage.Literals.NAMED__NAME);
				if (linked)
					n.children().add(node("network " + experiment.getNetwork().getName(), experiment.getNetwork().getName(), "network", Kind.REFERENCE,
							experiment, VolrPackage.Literals.EXPERIMENT__NETWORK));
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
				String name = (fork instanceof org.volr.model.Add ? "+ branch " : "| branch ") + i++;
				OutlineNode b = node(name, name, type(inference.typeOf(branch), inference.totalParameters(branch)), Kind.BRANCH, branch, null);
				addSteps(branch, inference, b.children());
				into.add(b);
			}
		} else if (expr instanceof Let let) {
			OutlineNode binding = node("let " + let.getName(), let.getName(), "let", Kind.LET, let, VolrPackage.Literals.NAMED__NAME);
			if (let.getValue() != null)
				addSteps(let.getValue(), inference, binding.children());
			into.add(binding);
			if (let.getBody() != null)
				addSteps(let.getBody(), inference, into);
		} else if (expr instanceof NetRef ref) {
			into.add(node(text(ref) + shape(inference, ref), text(ref), output(inference, ref), Kind.REFERENCE, ref, null));
		} else if (expr instanceof Layer layer) {
			String written = text(layer);
			if (layer.getLabel() == null) {
				into.add(node(written + shape(inference, layer), written, output(inference, layer), Kind.LAYER, layer, null));
			} else {
				String kindAndOptions = written.substring(written.indexOf(':') + 1).trim();
				String detail = kindAndOptions + (inference.typeOf(layer) == null ? "" : " · " + output(inference, layer));
				into.add(node(written + shape(inference, layer), layer.getLabel(), detail, Kind.LAYER, layer, VolrPackage.Literals.LAYER__LABEL));
			}
		}
	}

	private static String shape(ShapeInference inference, EObject node) {
		NetType type = inference.typeOf(node);
		return type == null ? "" : " → " + type.out();
	}

	/** The output shape in brackets, "[500]", or "" when no input size reaches the node. */
	private static String output(ShapeInference inference, EObject node) {
		NetType type = inference.typeOf(node);
		return type == null ? "" : bracketed(type.out());
	}

	/** "[784] → [10] · 535,818 parameters", or "" for a network whose shape is unknown. */
	private static String type(NetType type, long parameters) {
		if (type == null)
			return "";
		return bracketed(type.in()) + " → " + bracketed(type.out()) + String.format(Locale.ROOT, " · %,d parameters", parameters);
	}

	/** Every shape in brackets: {@link TensorShape#toString} writes a vector as a bare number, the thesis' size. */
	private static String bracketed(TensorShape shape) {
		return java.util.Arrays.stream(shape.dims()).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
	}

	/** A node over {@code source}; its name region is the text of {@code nameFeature}, or the whole element. */
	private static OutlineNode node(String label, String name, String detail, Kind kind, EObject source, EStructuralFeature nameFeature) {
		ICompositeNode n = NodeModelUtils.getNode(source);
		int offset = n == null ? 0 : n.getOffset();
		int length = n == null ? 0 : n.getLength();
		List<INode> names = nameFeature == null ? List.of() : NodeModelUtils.findNodesForFeature(source, nameFeature);
		INode nameNode = names.isEmpty() ? n : names.get(0);
		int nameOffset = nameNode == null ? offset : nameNode.getOffset();
		int nameLength = nameNode == null ? length : nameNode.getLength();
		return new OutlineNode(label, name, detail, kind, offset, length, nameOffset, nameLength, new ArrayList<>());
	}

	private static String text(EObject node) {
		ICompositeNode n = NodeModelUtils.getNode(node);
		return n == null ? node.eClass().getName() : NodeModelUtils.getTokenText(n);
	}
}
