package org.volr.diagram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.elk.graph.ElkNode;
import org.eclipse.emf.ecore.resource.Resource;
import org.volr.model.Element;
import org.volr.model.Experiment;
import org.volr.model.Fork;
import org.volr.model.Layer;
import org.volr.model.Let;
import org.volr.net.neuron.NeuronModels;
import org.volr.model.NetExpr;
import org.volr.model.Network;
import org.volr.model.Sequence;
import org.volr.model.Shape;
import org.volr.model.VolrFile;
import org.volr.model.shapes.ShapeInference;
import org.volr.model.shapes.TensorShape;
import org.volr.net.WeightKeys;

/**
 * Turns a .volr file into diagrams: one graph per network (and one for a file's bare calculus expression), with
 * one node per layer, never one per neuron. The graphs carry sizes but no positions; {@link DiagramLayout} adds
 * those. Shape errors are marked on the nodes they concern ({@link ProblemOverlay}).
 */
public final class DiagramSynthesis {
	/** The neuron model the simulator uses when no experiment names one. */
	static final String DEFAULT_NEURON = NeuronModels.IF.name();

	private DiagramSynthesis() {
	}

	public static List<NetworkDiagram> synthesize(VolrFile file) {
		return synthesize(file, Map.of());
	}

	/**
	 * With the activity overlay: {@code activity} holds, per network name, the measured activity of its layers by
	 * layer name (see {@link ResultsOverlay}); those layers get one more line.
	 */
	public static List<NetworkDiagram> synthesize(VolrFile file, Map<String, Map<String, LayerActivity>> activity) {
		ShapeInference shapes = ShapeInference.of(file);
		List<NetworkDiagram> diagrams = new ArrayList<>();
		if (file.getMain() != null) {
			GraphBuilder builder = new GraphBuilder(shapes, DEFAULT_NEURON);
			ElkNode graph = builder.build(file.getMain(), file.getMain(), null);
			ProblemOverlay.apply(shapes.problems(), builder.nodes());
			diagrams.add(new NetworkDiagram(graph.getIdentifier(), fileName(file), graph));
		}
		for (Element element : file.getElements()) {
			if (!(element instanceof Network network))
				continue;
			GraphBuilder builder = new GraphBuilder(shapes, neuronOf(network, file));
			Map<String, LayerActivity> measured = activity.get(network.getName());
			if (measured != null)
				builder.showActivity(layerNames(network), measured);
			ElkNode graph = builder.build(network, network.getBody(), shapeOf(network.getInput()));
			ProblemOverlay.apply(shapes.problems(), builder.nodes());
			diagrams.add(new NetworkDiagram(graph.getIdentifier(), "network " + network.getName(), graph));
		}
		return diagrams;
	}

	/**
	 * Each layer's name as the weights and results use it ({@link WeightKeys}), counting layers as written (depth
	 * first, a fork's branches left to right, a let's body). The diagram walks the text's layers itself, since its
	 * nodes stand for positions in the file.
	 */
	static Map<Layer, String> layerNames(Network network) {
		Map<Layer, String> names = new java.util.IdentityHashMap<>();
		name(network.getBody(), names);
		return names;
	}

	private static void name(NetExpr e, Map<Layer, String> names) {
		if (e instanceof Sequence s)
			s.getSteps().forEach(step -> name(step, names));
		else if (e instanceof Fork f)
			f.getBranches().forEach(branch -> name(branch, names));
		else if (e instanceof Let let)
			name(let.getBody(), names);
		else if (e instanceof Layer layer)
			names.put(layer, WeightKeys.of(layer.getLabel(), names.size() + 1));
	}

	/** The neuron model of the first experiment that runs this network, so populations read "784 × LIF". */
	private static String neuronOf(Network network, VolrFile file) {
		for (Element e : file.getElements())
			if (e instanceof Experiment x && x.getNetwork() == network && x.getNeuron() != null)
				return x.getNeuron().getKind();
		return DEFAULT_NEURON;
	}

	private static TensorShape shapeOf(Shape shape) {
		if (shape == null || shape.getDims().isEmpty())
			return null;
		return TensorShape.of(shape.getDims().stream().mapToInt(Integer::intValue).toArray());
	}

	/** A bare expression has no name; its file's name stands in ("let-parallel"). */
	private static String fileName(VolrFile file) {
		Resource r = file.eResource();
		if (r == null || r.getURI() == null || r.getURI().lastSegment() == null)
			return "expression";
		return r.getURI().trimFileExtension().lastSegment();
	}
}
