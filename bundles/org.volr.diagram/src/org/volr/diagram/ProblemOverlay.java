package org.volr.diagram;

import java.util.List;
import java.util.Map;

import org.eclipse.elk.graph.ElkNode;
import org.eclipse.emf.ecore.EObject;
import org.volr.model.Let;
import org.volr.model.NetRef;
import org.volr.model.VolrPackage;
import org.volr.model.shapes.ShapeProblem;

/**
 * Marks the nodes whose model elements have shape errors, with the messages the editor shows, so a reader sees
 * in the diagram where a network does not fit together.
 */
final class ProblemOverlay {
	private ProblemOverlay() {
	}

	static void apply(List<ShapeProblem> problems, Map<EObject, ElkNode> nodes) {
		for (ShapeProblem p : problems) {
			if (p.severity() != ShapeProblem.Severity.ERROR)
				continue;
			for (ElkNode n : nodesFor(p.source(), nodes))
				add(n, p.message());
		}
	}

	/**
	 * The node drawn for the element, or for the nearest enclosing element that has one (a sequence has no node of
	 * its own). Inside a let binding's value, which is drawn only as its references, the references show it.
	 */
	private static List<ElkNode> nodesFor(EObject source, Map<EObject, ElkNode> nodes) {
		for (EObject o = source; o != null; o = o.eContainer()) {
			ElkNode n = nodes.get(o);
			if (n != null)
				return List.of(n);
			if (o.eContainer() instanceof Let let && o.eContainingFeature() == VolrPackage.Literals.LET__VALUE)
				return nodes.entrySet().stream()
						.filter(e -> e.getKey() instanceof NetRef ref && ref.getTarget() == let)
						.map(Map.Entry::getValue).toList();
		}
		return List.of();
	}

	private static void add(ElkNode node, String message) {
		String before = node.getProperty(DiagramProperties.PROBLEM);
		if (before == null)
			node.setProperty(DiagramProperties.PROBLEM, message);
		else if (!before.lines().anyMatch(message::equals))
			node.setProperty(DiagramProperties.PROBLEM, before + "\n" + message);
	}
}
