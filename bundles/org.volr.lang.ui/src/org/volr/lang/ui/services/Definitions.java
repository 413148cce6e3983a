package org.volr.lang.ui.services;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.EObjectAtOffsetHelper;
import org.volr.lang.ide.services.ParsedText;
import org.volr.model.VolrPackage;

/** Go to definition: from a referenced name (a network, a let binding) to where it is declared. */
public final class Definitions {
	/** A text region: the reference under the cursor, or the declared name it leads to. */
	public record Region(int offset, int length) {
	}

	/** The reference at the offset and the name it points to. */
	public record Link(Region reference, Region target) {
	}

	private Definitions() {
	}

	/** The link at {@code offset}, or null when the offset is not on a resolved reference in this file. */
	public static Link at(ParsedText parsed, int offset) {
		if (parsed.resource().getParseResult() == null)
			return null;
		EObjectAtOffsetHelper helper = new EObjectAtOffsetHelper();
		INode referenceNode = helper.getCrossReferenceNode(parsed.resource(), new org.eclipse.xtext.util.TextRegion(offset, 0));
		if (referenceNode == null)
			return null;
		EObject target = helper.resolveCrossReferencedElementAt(parsed.resource(), offset);
		if (target == null || target.eIsProxy() || target.eResource() != parsed.resource())
			return null;
		List<INode> names = NodeModelUtils.findNodesForFeature(target, VolrPackage.Literals.NAMED__NAME);
		INode name = names.isEmpty() ? null : names.get(0);
		if (name == null) {
			ICompositeNode whole = NodeModelUtils.getNode(target);
			if (whole == null)
				return null;
			name = whole;
		}
		return new Link(new Region(referenceNode.getOffset(), referenceNode.getLength()), new Region(name.getOffset(), name.getLength()));
	}
}
