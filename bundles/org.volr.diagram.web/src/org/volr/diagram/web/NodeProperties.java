package org.volr.diagram.web;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.volr.diagram.Json;
import org.volr.diagram.edit.LayerParameters;
import org.volr.model.Element;
import org.volr.model.Experiment;
import org.volr.model.Layer;
import org.volr.model.Network;
import org.volr.net.neuron.NeuronModels;
import org.volr.model.VolrFile;

/**
 * What the property panel shows for each node, by the node's id: a layer's keyword and parameters, and for a
 * network the neuron model its experiments use (null when no experiment runs it).
 */
final class NodeProperties {
	private NodeProperties() {
	}

	static String json(VolrFile file) {
		Json json = new Json().beginObject();
		file.eAllContents().forEachRemaining(o -> {
			if (o instanceof Layer layer)
				layer(json, layer);
			else if (o instanceof Network network)
				network(json, network, file);
		});
		return json.endObject().toString();
	}

	private static void layer(Json json, Layer layer) {
		json.key(id(layer)).beginObject().field("kind", LayerParameters.keyword(layer)).field("network", id(owner(layer)));
		region(json, layer);
		json.beginArray("parameters");
		for (LayerParameters.Parameter p : LayerParameters.of(layer)) {
			json.beginObject().field("name", p.name()).field("type", p.type().name().toLowerCase(java.util.Locale.ROOT))
					.field("value", p.value());
			json.beginArray("choices");
			p.choices().forEach(json::value);
			json.endArray().endObject();
		}
		json.endArray().endObject();
	}

	private static void network(Json json, Network network, VolrFile file) {
		String neuron = null;
		for (Element e : file.getElements())
			if (e instanceof Experiment x && x.getNetwork() == network) {
				neuron = x.getNeuron() == null ? NeuronModels.IF.name() : x.getNeuron().getKind();
				break;
			}
		json.key(id(network)).beginObject().field("kind", "network").field("name", network.getName());
		region(json, network);
		if (neuron != null)
			json.field("neuron", neuron);
		json.beginArray("neurons");
		for (String name : NeuronModels.names())
			json.value(name);
		json.endArray().endObject();
	}

	/**
	 * Where the element is written: offset and length of its own tokens, without the comments around it. An editor
	 * hosting the page selects this text when the node is selected, and finds the node for a text selection.
	 */
	private static void region(Json json, EObject element) {
		ICompositeNode node = NodeModelUtils.findActualNodeFor(element);
		if (node == null)
			return;
		int start = -1, end = -1;
		for (ILeafNode leaf : node.getLeafNodes()) {
			if (leaf.isHidden() || leaf.getLength() == 0)
				continue;
			if (start < 0)
				start = leaf.getOffset();
			end = leaf.getEndOffset();
		}
		if (start >= 0)
			json.field("offset", start).field("length", end - start);
	}

	private static EObject owner(EObject o) {
		for (EObject c = o; c != null; c = c.eContainer())
			if (c instanceof Network)
				return c;
		return EcoreUtil.getRootContainer(o) instanceof VolrFile f && f.getMain() != null ? f.getMain() : o;
	}

	private static String id(EObject o) {
		return EcoreUtil.getURI(o).fragment();
	}
}
