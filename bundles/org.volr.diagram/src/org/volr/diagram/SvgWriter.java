package org.volr.diagram;

import java.util.List;

import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;

/**
 * Writes laid-out diagrams as one standalone SVG: rounded boxes coloured by {@link Palette}, edges as polylines
 * with arrowheads and the tensor shape they carry, problem messages as tooltips. Output is byte-for-byte
 * deterministic (sorted attributes, fixed number format) so it can be compared with golden files.
 */
public final class SvgWriter {
	private static final double BASELINE = 12; // from the top of a 16 px text line to its baseline
	private static final double CORNER = 6;

	private SvgWriter() {
	}

	public static String write(NetworkDiagram diagram) {
		return write(List.of(diagram));
	}

	public static String write(List<NetworkDiagram> diagrams) {
		DiagramSheet sheet = new DiagramSheet(diagrams);
		Xml svg = new Xml("svg").attr("xmlns", "http://www.w3.org/2000/svg").attr("width", sheet.width)
				.attr("height", sheet.height).attr("viewBox", "0 0 " + Numbers.format(sheet.width) + " " + Numbers.format(sheet.height))
				.attr("font-family", "DejaVu Sans Mono, monospace").attr("font-size", TextMetrics.FONT_SIZE);
		arrowMarker(svg.add("defs"));
		svg.add("rect").attr("width", "100%").attr("height", "100%").attr("fill", Palette.BACKGROUND);
		for (DiagramSheet.Placed p : sheet.placed)
			network(svg, p);
		StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
		svg.write(out, 0);
		return out.toString();
	}

	private static void arrowMarker(Xml defs) {
		defs.add("marker").attr("id", "arrow").attr("markerWidth", 8).attr("markerHeight", 8).attr("refX", 8)
				.attr("refY", 4).attr("orient", "auto").attr("markerUnits", "userSpaceOnUse")
				.add("path").attr("d", "M0,0 L8,4 L0,8 z").attr("fill", Palette.EDGE);
	}

	private static void network(Xml svg, DiagramSheet.Placed p) {
		NetworkDiagram d = p.diagram();
		Xml group = svg.add("g").attr("class", "network").attr("id", d.id())
				.attr("transform", "translate(0," + Numbers.format(p.top()) + ")");
		group.add("text").attr("class", "caption").attr("x", 16).attr("y", 16).attr("font-weight", "bold")
				.attr("fill", Palette.CAPTION).text(d.title());
		Xml graph = group.add("g").attr("transform", "translate(0," + Numbers.format(DiagramSheet.CAPTION_HEIGHT) + ")");
		// edges first, so that boxes cover the ends of their lines
		for (ElkEdge e : d.graph().getContainedEdges())
			edge(graph, e);
		for (ElkNode n : d.graph().getChildren())
			node(graph, n);
	}

	private static void edge(Xml parent, ElkEdge edge) {
		Xml g = parent.add("g").attr("class", "edge").attr("id", edge.getIdentifier());
		for (ElkEdgeSection s : edge.getSections()) {
			StringBuilder points = new StringBuilder();
			points.append(Numbers.format(s.getStartX())).append(',').append(Numbers.format(s.getStartY()));
			for (ElkBendPoint b : s.getBendPoints())
				points.append(' ').append(Numbers.format(b.getX())).append(',').append(Numbers.format(b.getY()));
			points.append(' ').append(Numbers.format(s.getEndX())).append(',').append(Numbers.format(s.getEndY()));
			g.add("polyline").attr("points", points.toString()).attr("fill", "none").attr("stroke", Palette.EDGE)
					.attr("stroke-width", 1.5).attr("marker-end", "url(#arrow)");
		}
		for (ElkLabel l : edge.getLabels())
			g.add("text").attr("class", "flow").attr("x", l.getX() + l.getWidth() / 2).attr("y", l.getY() + BASELINE)
					.attr("text-anchor", "middle").attr("font-size", 11).attr("fill", Palette.EDGE_LABEL).text(l.getText());
	}

	private static void node(Xml parent, ElkNode n) {
		NodeKind kind = n.getProperty(DiagramProperties.KIND);
		String problem = n.getProperty(DiagramProperties.PROBLEM);
		Xml g = parent.add("g").attr("class", "node " + kind.cssClass() + (problem != null ? " error" : ""))
				.attr("id", n.getIdentifier());
		if (problem != null)
			g.add("title").text(problem);
		g.add("rect").attr("x", n.getX()).attr("y", n.getY()).attr("width", n.getWidth()).attr("height", n.getHeight())
				.attr("rx", CORNER).attr("ry", CORNER)
				.attr("fill", problem != null ? Palette.ERROR_FILL : Palette.fill(kind))
				.attr("stroke", problem != null ? Palette.ERROR_STROKE : Palette.stroke(kind))
				.attr("stroke-width", problem != null ? 2.5 : 1.2);
		for (ElkLabel l : n.getLabels()) {
			String role = l.getProperty(DiagramProperties.ROLE);
			Xml t = g.add("text").attr("class", role).attr("x", n.getX() + l.getX() + l.getWidth() / 2)
					.attr("y", n.getY() + l.getY() + BASELINE).attr("text-anchor", "middle").attr("fill", Palette.TEXT);
			if (role.equals("title"))
				t.attr("font-weight", "bold");
			if (role.equals("params"))
				t.attr("fill-opacity", 0.7);
			if (role.equals("activity"))
				t.attr("fill", Palette.ACTIVITY).attr("font-style", "italic");
			t.text(l.getText());
		}
	}
}
