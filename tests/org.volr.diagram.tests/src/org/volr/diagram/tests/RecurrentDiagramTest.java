package org.volr.diagram.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.junit.jupiter.api.Test;
import org.volr.diagram.DiagramLayout;
import org.volr.diagram.Diagrams;
import org.volr.diagram.NetworkDiagram;
import org.volr.diagram.SprottyJson;
import org.volr.diagram.SvgWriter;
import org.volr.lang.api.VolrLanguage;

/** A recurrent layer is drawn with a back edge onto itself, labelled with its delay; the layout routes it. */
class RecurrentDiagramTest {
	private static final String NETWORK = """
			network r {
			    input [2]
			    lif1: dense 38 recurrent
			    out: dense 2
			}
			""";

	private static ElkNode node(NetworkDiagram d, String title) {
		return d.graph().getChildren().stream().filter(n -> n.getLabels().get(0).getText().equals(title)).findFirst()
				.orElseThrow(() -> new AssertionError("no node " + title));
	}

	@Test
	void aRecurrentLayerHasALoopLabelledWithItsDelay() {
		NetworkDiagram d = Diagrams.of(VolrLanguage.create().parse(NETWORK)).get(0);
		ElkNode lif1 = node(d, "lif1");
		assertEquals("dense 38 recurrent", lif1.getLabels().get(1).getText());
		List<ElkEdge> loops = d.graph().getContainedEdges().stream()
				.filter(e -> e.getSources().get(0) == lif1 && e.getTargets().get(0) == lif1).toList();
		assertEquals(1, loops.size(), "one back edge onto itself");
		assertEquals("recurrent, 1 step", loops.get(0).getLabels().get(0).getText());
		assertTrue(node(d, "out").getOutgoingEdges().stream().noneMatch(e -> e.getTargets().get(0) == node(d, "out")),
				"a feed-forward layer has none");
	}

	@Test
	void theLoopIsRoutedAndWrittenByEveryWriter() {
		NetworkDiagram d = Diagrams.of(VolrLanguage.create().parse(NETWORK)).get(0);
		DiagramLayout.layout(d);
		ElkNode lif1 = node(d, "lif1");
		ElkEdge loop = d.graph().getContainedEdges().stream().filter(e -> e.getSources().get(0) == lif1 && e.getTargets().get(0) == lif1)
				.findFirst().orElseThrow();
		assertFalse(loop.getSections().isEmpty(), "ELK routed the loop");
		ElkEdgeSection s = loop.getSections().get(0);
		assertTrue(s.getBendPoints().size() >= 2, "it goes round the node, not through it: " + s.getBendPoints());
		ElkLabel label = loop.getLabels().get(0);
		assertTrue(label.getWidth() > 0);
		String svg = SvgWriter.write(List.of(d));
		assertTrue(svg.contains("recurrent, 1 step"), "the SVG draws the label");
		assertTrue(svg.contains("#recurrent\""), "and the edge (its id ends in #recurrent)");
		assertTrue(SprottyJson.write(List.of(d)).contains("#recurrent\""), "the web client gets it too");
	}
}
