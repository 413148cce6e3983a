package org.volr.diagram.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.volr.diagram.Diagrams;
import org.volr.diagram.NetworkDiagram;
import org.volr.model.Fork;
import org.volr.model.Layer;
import org.volr.model.Let;
import org.volr.model.NetExpr;
import org.volr.model.NetRef;
import org.volr.model.Network;
import org.volr.model.Sequence;
import org.volr.model.VolrFile;

/** Properties every laid-out example must have, whatever ELK version or tuning produced the coordinates. */
class LayoutInvariantsTest {
	static Stream<Path> examples() {
		return Examples.files();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void everyDepthIsLeftOfTheNext(Path file) {
		for (NetworkDiagram d : Diagrams.of(Examples.load(file))) {
			Map<ElkNode, Integer> depth = depths(d.graph());
			for (ElkNode a : d.graph().getChildren())
				for (ElkNode b : d.graph().getChildren())
					if (depth.get(a) < depth.get(b))
						assertTrue(a.getX() + a.getWidth() <= b.getX(), d.title() + ": " + a.getIdentifier() + " (depth "
								+ depth.get(a) + ") is not left of " + b.getIdentifier() + " (depth " + depth.get(b) + ")");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void noTwoNodesOverlap(Path file) {
		for (NetworkDiagram d : Diagrams.of(Examples.load(file))) {
			List<ElkNode> nodes = d.graph().getChildren();
			for (int i = 0; i < nodes.size(); i++)
				for (int j = i + 1; j < nodes.size(); j++) {
					ElkNode a = nodes.get(i), b = nodes.get(j);
					boolean apart = a.getX() + a.getWidth() <= b.getX() || b.getX() + b.getWidth() <= a.getX()
							|| a.getY() + a.getHeight() <= b.getY() || b.getY() + b.getHeight() <= a.getY();
					assertTrue(apart, d.title() + ": " + a.getIdentifier() + " overlaps " + b.getIdentifier());
				}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void parallelBranchesAreOnSeparateRows(Path file) {
		VolrFile model = Examples.load(file);
		for (NetworkDiagram d : Diagrams.of(model)) {
			Map<String, ElkNode> byId = byId(d.graph());
			for (EObject o : (Iterable<EObject>) () -> EcoreUtil.getAllContents(model, true)) {
				if (!(o instanceof Fork fork) || !byId.containsKey(id(fork)))
					continue; // a fork of another network, or inside a let binding (drawn as its references)
				List<double[]> rows = new ArrayList<>();
				for (NetExpr branch : fork.getBranches())
					rows.add(yRange(branch, byId));
				for (int i = 0; i < rows.size(); i++)
					for (int j = i + 1; j < rows.size(); j++) {
						double[] a = rows.get(i), b = rows.get(j);
						assertTrue(a[1] <= b[0] || b[1] <= a[0], d.title() + ": branches " + (i + 1) + " and " + (j + 1)
								+ " of " + id(fork) + " share rows");
					}
			}
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void oneNodePerLayerPlusInputOutputAndMerges(Path file) {
		VolrFile model = Examples.load(file);
		List<NetworkDiagram> diagrams = Diagrams.of(model);
		int i = 0;
		if (model.getMain() != null)
			assertEquals(drawn(model.getMain()) + 2, diagrams.get(i++).graph().getChildren().size());
		for (var e : model.getElements())
			if (e instanceof Network n)
				assertEquals(drawn(n.getBody()) + 2, diagrams.get(i++).graph().getChildren().size(), n.getName());
		assertEquals(i, diagrams.size());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("examples")
	void everyNodeButTheInputIsFedAndTheOutputEndsEverything(Path file) {
		for (NetworkDiagram d : Diagrams.of(Examples.load(file))) {
			for (ElkNode n : d.graph().getChildren()) {
				boolean input = n.getIdentifier().endsWith("/input"), output = n.getIdentifier().endsWith("/output");
				assertEquals(input, n.getIncomingEdges().isEmpty(), n.getIdentifier());
				assertEquals(output, n.getOutgoingEdges().isEmpty(), n.getIdentifier());
			}
			for (ElkEdge e : d.graph().getContainedEdges())
				assertFalse(e.getLabels().isEmpty() || e.getLabels().get(0).getText().isEmpty(), e.getIdentifier());
		}
	}

	/** Nodes the synthesis should draw: layers and references one each, a fork its branches plus a merge. */
	private static int drawn(NetExpr e) {
		if (e instanceof Layer || e instanceof NetRef)
			return 1;
		if (e instanceof Sequence s)
			return s.getSteps().stream().mapToInt(LayoutInvariantsTest::drawn).sum();
		if (e instanceof Fork f)
			return f.getBranches().stream().mapToInt(LayoutInvariantsTest::drawn).sum() + 1;
		if (e instanceof Let let)
			return drawn(let.getBody());
		return 0;
	}

	/** Longest path from the input, computed from the edges alone (not from the synthesis' own bookkeeping). */
	private static Map<ElkNode, Integer> depths(ElkNode graph) {
		Map<ElkNode, Integer> depth = new HashMap<>();
		for (ElkNode n : graph.getChildren())
			depth(n, depth);
		return depth;
	}

	private static int depth(ElkNode n, Map<ElkNode, Integer> memo) {
		Integer known = memo.get(n);
		if (known != null)
			return known;
		int d = 0;
		for (ElkEdge e : n.getIncomingEdges())
			if (e.getSources().get(0) != n) // a recurrent layer's edge onto itself arrives a step later: no depth
				d = Math.max(d, depth((ElkNode) e.getSources().get(0), memo) + 1);
		memo.put(n, d);
		return d;
	}

	private static double[] yRange(NetExpr branch, Map<String, ElkNode> byId) {
		double top = Double.MAX_VALUE, bottom = -Double.MAX_VALUE;
		List<EObject> elements = new ArrayList<>();
		elements.add(branch);
		branch.eAllContents().forEachRemaining(elements::add);
		for (EObject o : elements) {
			ElkNode n = byId.get(id(o));
			if (n != null) {
				top = Math.min(top, n.getY());
				bottom = Math.max(bottom, n.getY() + n.getHeight());
			}
		}
		return new double[] { top, bottom };
	}

	private static Map<String, ElkNode> byId(ElkNode graph) {
		Map<String, ElkNode> map = new HashMap<>();
		for (ElkNode n : graph.getChildren())
			map.put(n.getIdentifier(), n);
		return map;
	}

	private static String id(EObject o) {
		return EcoreUtil.getURI(o).fragment();
	}
}
