package org.volr.diagram;

import org.eclipse.elk.graph.ElkNode;

/**
 * The diagram of one network: {@code graph} is the ELK root whose children are the layer, input, output and merge
 * nodes. {@code id} is the URI fragment of the network (or of the file's bare expression); {@code title} is what
 * the caption shows, e.g. "network lenet5".
 */
public record NetworkDiagram(String id, String title, ElkNode graph) {
}
