package org.volr.diagram.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.junit.jupiter.api.Test;
import org.volr.diagram.DiagramProperties;
import org.volr.diagram.Diagrams;
import org.volr.diagram.NetworkDiagram;
import org.volr.diagram.NodeKind;
import org.volr.diagram.SprottyJson;
import org.volr.diagram.SvgWriter;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.VolrFile;

/** What the nodes say, how errors show, and that the writers are deterministic. */
class DiagramContentTest {
	private static final String LENET = """
			network lenet5 {
			    input [1, 28, 28]
			    c1: conv2d(6, kernel: 5, padding: same) relu
			    s2: avgpool 2
			    flatten
			    out: dense 10 softmax
			}
			""";

	private static VolrFile parse(String text) {
		return VolrLanguage.create().parse(text);
	}

	private static List<String> lines(ElkNode n) {
		return n.getLabels().stream().map(ElkLabel::getText).toList();
	}

	private static ElkNode node(NetworkDiagram d, String firstLine) {
		return d.graph().getChildren().stream().filter(n -> lines(n).get(0).equals(firstLine)).findFirst()
				.orElseThrow(() -> new AssertionError("no node " + firstLine));
	}

	@Test
	void layerNodesShowLabelKindShapeAndParameters() {
		NetworkDiagram d = Diagrams.of(parse(LENET)).get(0);
		assertEquals("network lenet5", d.title());
		assertEquals(List.of("c1", "conv2d 6×5×5 relu", "[6, 28, 28] × IF", "156 params"), lines(node(d, "c1")));
		assertEquals(List.of("s2", "avgpool 2×2", "[6, 14, 14] × IF"), lines(node(d, "s2")));
		assertEquals(List.of("flatten", "1176"), lines(node(d, "flatten")));
		assertEquals(List.of("out", "dense 10 softmax", "10 × IF", "11,770 params"), lines(node(d, "out")));
		assertEquals(List.of("input [1, 28, 28]"), lines(node(d, "input [1, 28, 28]")));
		assertEquals(List.of("output 10"), lines(node(d, "output 10")));
		assertEquals(NodeKind.CONV, node(d, "c1").getProperty(DiagramProperties.KIND));
		assertEquals(NodeKind.POOLING, node(d, "s2").getProperty(DiagramProperties.KIND));
		assertEquals(NodeKind.SHAPE, node(d, "flatten").getProperty(DiagramProperties.KIND));
	}

	@Test
	void edgesCarryTheShapeTheirSourceEmits() {
		NetworkDiagram d = Diagrams.of(parse(LENET)).get(0);
		ElkNode c1 = node(d, "c1");
		assertEquals("[1, 28, 28]", c1.getIncomingEdges().get(0).getLabels().get(0).getText());
		assertEquals("[6, 28, 28]", c1.getOutgoingEdges().get(0).getLabels().get(0).getText());
	}

	@Test
	void idsAreUriFragments() {
		NetworkDiagram d = Diagrams.of(parse(LENET)).get(0);
		Set<String> ids = new HashSet<>();
		for (ElkNode n : d.graph().getChildren()) {
			assertTrue(n.getIdentifier().startsWith("//"), n.getIdentifier());
			assertTrue(ids.add(n.getIdentifier()), "duplicate id " + n.getIdentifier());
		}
	}

	@Test
	void theNeuronModelComesFromTheExperiment() {
		NetworkDiagram d = Diagrams.of(parse("""
				network n = dense 4 2
				experiment x { network n neuron LIF { v_thresh 1.0 } }
				""")).get(0);
		assertEquals(List.of("dense 4 2", "2 × LIF", "10 params"), lines(node(d, "dense 4 2")));
	}

	@Test
	void onlyLayersWithNeuronsShowThemEachWithItsOwnModel() {
		NetworkDiagram d = Diagrams.of(parse("""
				network n {
				    input [2, 8, 8]
				    m: maxpool 2
				    flatten
				    a: dense 4 relu neuron LIF { tau_m 20 ms }
				    dropout 0.5
				    b: dense 2
				}
				experiment x { network n neuron IF { v_thresh 1.0 } }
				""")).get(0);
		assertEquals(List.of("m", "maxpool 2×2", "[2, 4, 4]"), lines(node(d, "m")), "max pooling only routes spikes");
		assertEquals(List.of("flatten", "32"), lines(node(d, "flatten")));
		assertEquals("4 × LIF", lines(node(d, "a")).get(2), "a layer's own neuron model");
		assertEquals(List.of("dropout 0.5", "4"), lines(node(d, "dropout 0.5")));
		assertEquals("2 × IF", lines(node(d, "b")).get(2), "the experiment's neuron model");
	}

	@Test
	void referencesAndAddBlocksAreOneNodeEach() {
		VolrFile file = parse("""
				network block = dense 8 8 relu
				network res {
				    input [8]
				    { block } + { identity }
				    dense 2
				}
				""");
		NetworkDiagram res = Diagrams.of(file).get(1);
		assertEquals(List.of("block", "network", "8 × IF", "72 params"), lines(node(res, "block")));
		assertEquals(NodeKind.REFERENCE, node(res, "block").getProperty(DiagramProperties.KIND));
		assertEquals(NodeKind.MERGE, node(res, "+").getProperty(DiagramProperties.KIND));
		assertEquals(6, res.graph().getChildren().size()); // input, block, identity, +, dense, output
	}

	@Test
	void shapeErrorsMarkTheOffendingNode() {
		List<NetworkDiagram> diagrams = Diagrams.of(parse("""
				network bad {
				    input [1, 28, 28]
				    conv2d(4, kernel: 3) relu
				    dense 10
				}
				"""));
		ElkNode dense = node(diagrams.get(0), "dense 10");
		String problem = dense.getProperty(DiagramProperties.PROBLEM);
		assertNotNull(problem);
		assertTrue(problem.contains("insert 'flatten'"), problem);
		assertTrue(lines(dense).contains("? params"), "no parameter count without an input shape");
		assertNull(node(diagrams.get(0), "conv2d 4×3×3 relu").getProperty(DiagramProperties.PROBLEM));
		String svg = SvgWriter.write(diagrams);
		assertTrue(svg.contains("class=\"node dense error\""), svg);
		assertTrue(svg.contains("<title>" + problem + "</title>"), svg);
		assertTrue(SprottyJson.write(diagrams).contains("\"cssClasses\":[\"dense\",\"error\"]"));
	}

	@Test
	void outputIsDeterministic() {
		String svg = Diagrams.svg(parse(LENET)), json = Diagrams.sprottyJson(parse(LENET));
		assertEquals(svg, Diagrams.svg(parse(LENET)));
		assertEquals(json, Diagrams.sprottyJson(parse(LENET)));
		assertFalse(svg.contains("E-") || svg.contains("E+"), "no exponents in coordinates");
	}

	@Test
	void sprottyModelHasEveryNodeAndEdgeOnce() {
		List<NetworkDiagram> diagrams = Diagrams.of(parse(LENET));
		String json = SprottyJson.write(diagrams);
		assertTrue(json.startsWith("{\"type\":\"graph\",\"id\":\"volr-diagram\",\"children\":["), json);
		Set<String> ids = new HashSet<>();
		Matcher m = Pattern.compile("\"id\":\"([^\"]*)\"").matcher(json);
		while (m.find())
			assertTrue(ids.add(m.group(1)), "duplicate id " + m.group(1));
		for (ElkNode n : diagrams.get(0).graph().getChildren())
			assertTrue(ids.contains(n.getIdentifier()), n.getIdentifier());
		for (var e : diagrams.get(0).graph().getContainedEdges())
			assertTrue(ids.contains(e.getIdentifier()), e.getIdentifier());
		assertEquals(count(json, '{'), count(json, '}'));
		assertEquals(count(json, '['), count(json, ']'));
	}

	private static long count(String s, char c) {
		return s.chars().filter(x -> x == c).count();
	}
}
