package org.volr.diagram;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.elk.graph.ElkNode;
import org.eclipse.emf.ecore.resource.Resource;
import org.volr.model.Element;
import org.volr.model.Experiment;
import org.volr.model.NeuronKind;
import org.volr.model.Network;
import org.volr.model.Shape;
import org.volr.model.VolrFile;
import org.volr.model.shapes.ShapeInference;
import org.volr.model.shapes.TensorShape;

/**
 * Turns a .volr file into diagrams: one graph per network (and one for a file's bare calculus expression), with
 * one node per layer, never one per neuron. The graphs carry sizes but no positions; {@link DiagramLayout} adds
 * those. Shape errors are marked on the nodes they concern ({@link ProblemOverlay}).
 */
public final class DiagramSynthesis {
	/** The neuron model the simulator uses when no experiment names one. */
	static final String DEFAULT_NEURON = NeuronKind.IF.getLiteral();

	private DiagramSynthesis() {
	}

	public static List<NetworkDiagram> synthesize(VolrFile file) {
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
			ElkNode graph = builder.build(network, network.getBody(), shapeOf(network.getInput()));
			ProblemOverlay.apply(shapes.problems(), builder.nodes());
			diagrams.add(new NetworkDiagram(graph.getIdentifier(), "network " + network.getName(), graph));
		}
		return diagrams;
	}

	/** The neuron model of the first experiment that runs this network, so populations read "784 × LIF". */
	private static String neuronOf(Network network, VolrFile file) {
		for (Element e : file.getElements())
			if (e instanceof Experiment x && x.getNetwork() == network && x.getNeuron() != null)
				return x.getNeuron().getKind().getLiteral();
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
