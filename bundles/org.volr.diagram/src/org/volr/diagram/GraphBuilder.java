package org.volr.diagram;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.volr.model.Add;
import org.volr.model.BatchNorm;
import org.volr.model.Conv;
import org.volr.model.Dense;
import org.volr.model.Fork;
import org.volr.model.Layer;
import org.volr.model.Let;
import org.volr.model.NetExpr;
import org.volr.model.NetRef;
import org.volr.model.Network;
import org.volr.model.Sequence;
import org.volr.model.shapes.NetType;
import org.volr.model.shapes.ShapeInference;
import org.volr.model.shapes.TensorShape;
import org.volr.net.SpikingLayers;

/**
 * Builds the ELK graph of one network by walking its expression: a layer or reference becomes a node fed by the
 * node before it; a sequence chains its steps; the branches of a fork all start at the node before the fork and
 * end in one merge node. Node depth (steps from the input) becomes the layout partition.
 */
final class GraphBuilder {
	private static final double PAD_X = 12, PAD_Y = 6, MIN_WIDTH = 56;

	private final ShapeInference shapes;
	private final String neuron;
	private final ElkNode root = ElkGraphUtil.createGraph();
	/** Model element → the node drawn for it; a network maps to its input node, a fork to its merge node. */
	private final Map<EObject, ElkNode> nodes = new IdentityHashMap<>();
	private final Map<ElkNode, TensorShape> outputs = new IdentityHashMap<>();
	private final java.util.Set<String> edgeIds = new java.util.HashSet<>();

	GraphBuilder(ShapeInference shapes, String neuron) {
		this.shapes = shapes;
		this.neuron = neuron;
	}

	/** The graph of a network (or bare expression) {@code owner} with body {@code body}. */
	ElkNode build(EObject owner, NetExpr body, TensorShape declaredInput) {
		String ownerId = id(owner);
		root.setIdentifier(ownerId);
		NetType type = body == null ? null : shapes.typeOf(body);
		TensorShape in = declaredInput != null ? declaredInput : type == null ? null : type.in();
		ElkNode input = node(ownerId + "/input", NodeKind.INPUT, 0, in, List.of(line("title", "input " + LayerText.flow(in))));
		nodes.put(owner, input);
		ElkNode last = walk(body, input);
		TensorShape out = type == null ? null : type.out();
		ElkNode output = node(ownerId + "/output", NodeKind.OUTPUT, depth(last) + 1, out,
				List.of(line("title", "output " + LayerText.flow(out))));
		connect(last, output);
		return root;
	}

	private Map<Layer, String> layerNames = Map.of();
	private Map<String, LayerActivity> activity = Map.of();

	/** Layers found in {@code activity} (by the names in {@code names}) get a line with their measured activity. */
	void showActivity(Map<Layer, String> names, Map<String, LayerActivity> activity) {
		this.layerNames = names;
		this.activity = activity;
	}

	Map<EObject, ElkNode> nodes() {
		return nodes;
	}

	/** Draws {@code e} after {@code from}; returns the node its output leaves from. */
	private ElkNode walk(NetExpr e, ElkNode from) {
		if (e == null)
			return from;
		if (e instanceof Sequence seq) {
			ElkNode current = from;
			for (NetExpr step : seq.getSteps())
				current = walk(step, current);
			return current;
		}
		// a let binding draws nothing itself: its value appears where the body refers to it
		if (e instanceof Let let)
			return walk(let.getBody(), from);
		if (e instanceof Fork fork)
			return fork(fork, from);
		ElkNode n = e instanceof NetRef ref ? reference(ref, depth(from) + 1) : layer((Layer) e, depth(from) + 1);
		connect(from, n);
		return n;
	}

	private ElkNode fork(Fork fork, ElkNode from) {
		List<ElkNode> exits = new ArrayList<>();
		int deepest = depth(from);
		for (NetExpr branch : fork.getBranches()) {
			ElkNode exit = walk(branch, from);
			exits.add(exit);
			deepest = Math.max(deepest, depth(exit));
		}
		String symbol = fork instanceof Add ? "+" : "concat";
		ElkNode merge = node(id(fork), NodeKind.MERGE, deepest + 1, out(fork), List.of(line("kind", symbol)));
		nodes.put(fork, merge);
		for (ElkNode exit : exits)
			connect(exit, merge);
		return merge;
	}

	private ElkNode layer(Layer layer, int depth) {
		List<Line> lines = new ArrayList<>();
		if (layer.getLabel() != null && !layer.getLabel().isEmpty())
			lines.add(line("title", layer.getLabel()));
		lines.add(line("kind", LayerText.kind(layer)));
		TensorShape out = out(layer);
		lines.add(line("shape", LayerText.population(out, neuronOf(layer))));
		if (layer instanceof Dense || layer instanceof Conv || layer instanceof BatchNorm)
			lines.add(line("params", shapes.typeOf(layer) == null ? "? params" : LayerText.parameters(shapes.parameters(layer))));
		String name = layerNames.get(layer);
		LayerActivity measured = name == null ? null : activity.get(name);
		if (measured != null)
			lines.add(line("activity", measured.text()));
		ElkNode n = node(id(layer), NodeKind.of(layer), depth, out, lines);
		nodes.put(layer, n);
		if (layer instanceof Dense d && d.isRecurrent())
			loop(n);
		return n;
	}

	/** The neuron model of the layer's population (its own, else the experiment's), or null when it has none. */
	private String neuronOf(Layer layer) {
		if (!SpikingLayers.hasNeurons(layer))
			return null;
		return layer.getNeuron() != null && layer.getNeuron().getKind() != null ? layer.getNeuron().getKind() : neuron;
	}

	private ElkNode reference(NetRef ref, int depth) {
		EObject target = ref.getTarget();
		boolean resolved = target != null && !target.eIsProxy();
		String name = resolved && ((org.volr.model.Named) target).getName() != null ? ((org.volr.model.Named) target).getName() : "?";
		NetType type = shapes.typeOf(ref);
		List<Line> lines = new ArrayList<>();
		lines.add(line("title", name));
		lines.add(line("kind", target instanceof Network ? "network" : "let"));
		lines.add(line("shape", LayerText.population(type == null ? null : type.out(), neuron)));
		EObject body = target instanceof Let let ? let.getValue() : target instanceof Network net ? net.getBody() : null;
		if (body != null)
			lines.add(line("params", LayerText.parameters(shapes.totalParameters(body))));
		ElkNode n = node(id(ref), NodeKind.REFERENCE, depth, type == null ? null : type.out(), lines);
		nodes.put(ref, n);
		return n;
	}

	private TensorShape out(NetExpr e) {
		NetType t = shapes.typeOf(e);
		return t == null ? null : t.out();
	}

	private record Line(String role, String text) {
	}

	private static Line line(String role, String text) {
		return new Line(role, text);
	}

	/** A node sized to its lines, which are centred one below the other; ELK only moves the node. */
	private ElkNode node(String id, NodeKind kind, int depth, TensorShape out, List<Line> lines) {
		ElkNode n = ElkGraphUtil.createNode(root);
		n.setIdentifier(id);
		n.setProperty(DiagramProperties.KIND, kind);
		n.setProperty(DiagramProperties.DEPTH, depth);
		n.setProperty(CoreOptions.PARTITIONING_PARTITION, depth);
		double width = MIN_WIDTH;
		for (Line l : lines)
			width = Math.max(width, TextMetrics.width(l.text()) + 2 * PAD_X);
		width = Math.ceil(width);
		n.setDimensions(width, lines.size() * TextMetrics.LINE_HEIGHT + 2 * PAD_Y);
		for (int i = 0; i < lines.size(); i++) {
			Line l = lines.get(i);
			ElkLabel label = ElkGraphUtil.createLabel(l.text(), n);
			label.setIdentifier(id + "/line" + i);
			label.setProperty(DiagramProperties.ROLE, l.role());
			double w = TextMetrics.width(l.text());
			label.setDimensions(w, TextMetrics.LINE_HEIGHT);
			label.setLocation((width - w) / 2, PAD_Y + i * TextMetrics.LINE_HEIGHT);
		}
		outputs.put(n, out);
		return n;
	}

	/** An edge labelled with the tensor shape its source emits. */
	private void connect(ElkNode from, ElkNode to) {
		ElkEdge edge = ElkGraphUtil.createSimpleEdge(from, to);
		// two empty branches of one fork give two edges between the same nodes; ids must stay unique
		String id = from.getIdentifier() + "->" + to.getIdentifier();
		for (int i = 2; !edgeIds.add(id); i++)
			id = from.getIdentifier() + "->" + to.getIdentifier() + "#" + i;
		edge.setIdentifier(id);
		String text = LayerText.flow(outputs.get(from));
		ElkLabel label = ElkGraphUtil.createLabel(text, edge);
		label.setIdentifier(edge.getIdentifier() + "/shape");
		label.setProperty(DiagramProperties.ROLE, "flow");
		label.setDimensions(TextMetrics.width(text), TextMetrics.LINE_HEIGHT);
	}

	/**
	 * A recurrent layer's edge onto itself, drawn as a back edge from its output round to its input: its spikes reach
	 * it again one step later (SEMANTICS.md, "Recurrent layers"), which the label says.
	 */
	private void loop(ElkNode n) {
		ElkEdge edge = ElkGraphUtil.createSimpleEdge(n, n);
		edge.setIdentifier(n.getIdentifier() + "->" + n.getIdentifier() + "#recurrent");
		edgeIds.add(edge.getIdentifier());
		String text = "recurrent, 1 step";
		ElkLabel label = ElkGraphUtil.createLabel(text, edge);
		label.setIdentifier(edge.getIdentifier() + "/shape");
		label.setProperty(DiagramProperties.ROLE, "recurrent");
		label.setDimensions(TextMetrics.width(text), TextMetrics.LINE_HEIGHT);
	}

	private static int depth(ElkNode n) {
		return n.getProperty(DiagramProperties.DEPTH);
	}

	/** The element's URI fragment: stable while the text keeps its structure, and the same in every writer. */
	static String id(EObject o) {
		return EcoreUtil.getURI(o).fragment();
	}
}
