package org.volr.diagram;

import java.util.List;

import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;

/**
 * The laid-out diagrams as a Sprotty model (SGraph of SNode, SEdge and SLabel) in JSON, for the web client. The
 * client draws what it is given: positions come from Java, so the Java tests remain the oracle for layout.
 *
 * <p>
 * Layout: the graph holds one {@code node:network} per network, stacked as in the SVG; its children are the
 * caption label, the layer nodes ({@code node:<kind>}, each with its text lines as {@code label:<role>}) and the
 * edges (with their shape as {@code label:flow}). Positions are relative to the parent, as in Sprotty and ELK.
 * Nodes with shape errors carry the CSS class {@code error} and the messages in {@code problem}.
 */
public final class SprottyJson {
	private SprottyJson() {
	}

	public static String write(NetworkDiagram diagram) {
		return write(List.of(diagram));
	}

	public static String write(List<NetworkDiagram> diagrams) {
		DiagramSheet sheet = new DiagramSheet(diagrams);
		Json json = new Json().beginObject().field("type", "graph").field("id", "volr-diagram");
		json.beginArray("children");
		for (DiagramSheet.Placed p : sheet.placed)
			network(json, p, sheet.width);
		return json.endArray().endObject().toString();
	}

	private static void network(Json json, DiagramSheet.Placed p, double width) {
		NetworkDiagram d = p.diagram();
		json.beginObject().field("type", "node:network").field("id", d.id());
		bounds(json, 0, p.top(), width, DiagramSheet.CAPTION_HEIGHT + d.graph().getHeight());
		json.beginArray("children");
		json.beginObject().field("type", "label:caption").field("id", d.id() + "/caption").field("text", d.title());
		bounds(json, 16, 3, TextMetrics.width(d.title()), TextMetrics.LINE_HEIGHT);
		json.endObject();
		for (ElkNode n : d.graph().getChildren())
			node(json, n);
		for (ElkEdge e : d.graph().getContainedEdges())
			edge(json, e);
		json.endArray().endObject();
	}

	private static void node(Json json, ElkNode n) {
		NodeKind kind = n.getProperty(DiagramProperties.KIND);
		String problem = n.getProperty(DiagramProperties.PROBLEM);
		json.beginObject().field("type", "node:" + kind.cssClass()).field("id", n.getIdentifier());
		// the network node's caption sits above the graph, so graph coordinates move down by the caption height
		bounds(json, n.getX(), n.getY() + DiagramSheet.CAPTION_HEIGHT, n.getWidth(), n.getHeight());
		json.beginArray("cssClasses").value(kind.cssClass());
		if (problem != null)
			json.value("error");
		json.endArray();
		if (problem != null)
			json.field("problem", problem);
		json.beginArray("children");
		for (ElkLabel l : n.getLabels())
			label(json, l, 0);
		json.endArray().endObject();
	}

	private static void edge(Json json, ElkEdge e) {
		json.beginObject().field("type", "edge").field("id", e.getIdentifier())
				.field("sourceId", ((ElkNode) e.getSources().get(0)).getIdentifier())
				.field("targetId", ((ElkNode) e.getTargets().get(0)).getIdentifier());
		// as sprotty-elk does: the whole route, start and end included
		json.beginArray("routingPoints");
		for (ElkEdgeSection s : e.getSections()) {
			point(json, s.getStartX(), s.getStartY());
			for (ElkBendPoint b : s.getBendPoints())
				point(json, b.getX(), b.getY());
			point(json, s.getEndX(), s.getEndY());
		}
		json.endArray();
		json.beginArray("children");
		for (ElkLabel l : e.getLabels())
			label(json, l, DiagramSheet.CAPTION_HEIGHT);
		json.endArray().endObject();
	}

	private static void point(Json json, double x, double y) {
		json.beginObject().field("x", x).field("y", y + DiagramSheet.CAPTION_HEIGHT).endObject();
	}

	private static void label(Json json, ElkLabel l, double dy) {
		json.beginObject().field("type", "label:" + l.getProperty(DiagramProperties.ROLE)).field("id", l.getIdentifier())
				.field("text", l.getText());
		bounds(json, l.getX(), l.getY() + dy, l.getWidth(), l.getHeight());
		json.endObject();
	}

	private static void bounds(Json json, double x, double y, double w, double h) {
		json.key("position").beginObject().field("x", x).field("y", y).endObject();
		json.key("size").beginObject().field("width", w).field("height", h).endObject();
	}
}
