package org.volr.diagram;

import org.eclipse.elk.graph.properties.IProperty;
import org.eclipse.elk.graph.properties.Property;

/** What the synthesis attaches to ELK graph elements besides geometry, read back by the writers and tests. */
public final class DiagramProperties {
	/** The category of a node. */
	public static final IProperty<NodeKind> KIND = new Property<>("org.volr.diagram.kind", NodeKind.SHAPE);
	/** How many steps a node is from the input node: input 0, its successors 1, ... (the layout partition). */
	public static final IProperty<Integer> DEPTH = new Property<>("org.volr.diagram.depth", 0);
	/** The role of a text line inside a node: "title", "kind", "shape" or "params"; styles the text. */
	public static final IProperty<String> ROLE = new Property<>("org.volr.diagram.role", "kind");
	/** Shape errors found on the node's model element, one per line; null when it has none. */
	public static final IProperty<String> PROBLEM = new Property<>("org.volr.diagram.problem", null);

	private DiagramProperties() {
	}
}
