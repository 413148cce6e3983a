package org.volr.lang.ide.services;

import java.util.Locale;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.volr.model.Layer;
import org.volr.model.NetRef;
import org.volr.model.Network;
import org.volr.model.NeuronModel;
import org.volr.model.Parameter;
import org.volr.model.VolrFile;
import org.volr.model.shapes.NetType;
import org.volr.model.shapes.ShapeInference;
import org.volr.lang.ide.contentassist.NeuronModelDocs;
import org.volr.net.neuron.NeuronModels;

/**
 * What the hover shows: a neuron model or parameter as its plug-in documents it, or the layer, reference or network
 * under the cursor with its inferred shape and parameter count, computed by the same {@link ShapeInference} that {@code volr info} prints.
 */
public final class LayerInfo {
	private LayerInfo() {
	}

	/** The description of the element at {@code offset}, or null when there is no layer, reference or network. */
	public static String at(ParsedText parsed, int offset) {
		VolrFile file = parsed.file();
		if (file == null || parsed.resource().getParseResult() == null)
			return null;
		ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(parsed.resource().getParseResult().getRootNode(), offset);
		if (leaf == null || leaf.isHidden())
			return null;
		EObject node = NodeModelUtils.findActualSemanticObjectFor(leaf);
		String neuron = neuronInfo(node);
		if (neuron != null)
			return neuron;
		while (node != null && !(node instanceof Layer || node instanceof NetRef || node instanceof Network))
			node = node.eContainer();
		if (node == null)
			return null;
		ShapeInference inference = ShapeInference.of(file);
		if (node instanceof Network network) {
			NetType type = network.getBody() == null ? null : inference.typeOf(network.getBody());
			long params = network.getBody() == null ? 0 : inference.totalParameters(network.getBody());
			return String.format(Locale.ROOT, "network %s\n%s\n%,d parameters", network.getName(), describe(type), params);
		}
		NetType type = inference.typeOf(node);
		long params = node instanceof Layer ? inference.parameters(node) : inference.totalParameters(node);
		String what = node instanceof NetRef ? text(node) + " (reference)" : text(node);
		return String.format(Locale.ROOT, "%s\n%s\n%,d parameters", what, describe(type), params);
	}

	/** A neuron clause's model or one of its parameters, as the model's plug-in documents it; null for anything else. */
	private static String neuronInfo(EObject node) {
		if (node instanceof Parameter p && p.eContainer() instanceof NeuronModel m)
			return NeuronModelDocs.parameter(m.getKind(), p.getName());
		if (node instanceof NeuronModel m && NeuronModels.of(m.getKind()) != null)
			return NeuronModelDocs.model(NeuronModels.of(m.getKind()));
		return null;
	}

	private static String describe(NetType type) {
		return type == null ? "shape unknown (no input size reaches it)" : "shape " + type.in() + " → " + type.out();
	}

	private static String text(EObject node) {
		ICompositeNode n = NodeModelUtils.getNode(node);
		return n == null ? node.eClass().getName() : NodeModelUtils.getTokenText(n);
	}
}
