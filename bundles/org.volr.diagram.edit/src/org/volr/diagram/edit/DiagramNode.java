package org.volr.diagram.edit;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.volr.model.Fork;
import org.volr.model.Let;
import org.volr.model.NetExpr;
import org.volr.model.Network;
import org.volr.model.Sequence;
import org.volr.model.VolrFile;
import org.volr.model.VolrPackage;

/**
 * What a diagram node id stands for in the model. The diagram names a layer, reference or parallel block by its
 * URI fragment, and the two ends of a network by the network's fragment plus "/input" or "/output" (for a file's
 * bare expression, the expression's fragment).
 */
record DiagramNode(Role role, EObject element, EObject owner) {
	enum Role {
		INPUT, OUTPUT, ELEMENT, /** the network node itself (its caption) */ NETWORK
	}

	static DiagramNode resolve(Resource resource, String id) throws EditException {
		if (id == null || id.isEmpty())
			throw new EditException("no node selected");
		Role role = Role.ELEMENT;
		String fragment = id;
		if (id.endsWith("/input") || id.endsWith("/output")) {
			role = id.endsWith("/input") ? Role.INPUT : Role.OUTPUT;
			fragment = id.substring(0, id.lastIndexOf('/'));
		}
		EObject o;
		try {
			o = resource.getEObject(fragment);
		} catch (RuntimeException e) {
			o = null;
		}
		if (o == null)
			throw new EditException("no node '" + id + "' in the file (it may have changed; reload the diagram)");
		if (role != Role.ELEMENT)
			return new DiagramNode(role, o, o);
		if (o instanceof Network)
			return new DiagramNode(Role.NETWORK, o, o);
		if (!(o instanceof NetExpr) || o instanceof Sequence || o instanceof Let)
			throw new EditException("'" + id + "' is not a node of the diagram");
		return new DiagramNode(role, o, owner(o));
	}

	/** The network (or a file's bare expression) the element is drawn in. */
	static EObject owner(EObject o) {
		EObject last = o;
		for (EObject c = o; c != null; c = c.eContainer()) {
			if (c instanceof Network)
				return c;
			if (c instanceof VolrFile)
				return last;
			last = c;
		}
		return last;
	}

	/** The feature that holds the owner's body: a network's body, or the file's bare expression. */
	static EStructuralFeature bodyFeature(EObject owner) {
		return owner instanceof Network ? VolrPackage.Literals.NETWORK__BODY : VolrPackage.Literals.VOLR_FILE__MAIN;
	}

	/** The object that holds the owner's body (the network itself, or the file around a bare expression). */
	static EObject bodyHolder(EObject owner) {
		return owner instanceof Network ? owner : owner.eContainer();
	}

	String describe() {
		return switch (role) {
		case INPUT -> "the input";
		case NETWORK -> "the network";
		case OUTPUT -> "the output";
		case ELEMENT -> element instanceof org.volr.model.Layer l ? LayerParameters.keyword(l)
				: element instanceof Fork ? "the merge of a parallel block" : "the reference";
		};
	}
}
