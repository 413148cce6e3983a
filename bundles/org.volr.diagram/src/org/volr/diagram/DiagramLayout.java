package org.volr.diagram;

import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.OrderingStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkNode;

/**
 * Places the nodes of a synthesised graph with ELK's layered algorithm: data flows left to right (or top down, see
 * {@link LayoutDirection}), and each depth (steps from the input) is its own partition, so depth i is always
 * before depth i + 1 and the branches of a fork line up column by column (row by row top down). Layout is recomputed from scratch on every call; nothing is stored.
 */
public final class DiagramLayout {
	static {
		// Outside Eclipse nobody registers ELK's algorithms (that is org.eclipse.elk.core.service's job, which
		// needs the workbench), and ServiceLoader does not see across OSGi bundles; so register layered here.
		LayoutMetaDataService service = LayoutMetaDataService.getInstance();
		if (service.getAlgorithmData(LayeredOptions.ALGORITHM_ID) == null)
			service.registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
	}

	private DiagramLayout() {
	}

	public static void layout(NetworkDiagram diagram) {
		layout(diagram.graph());
	}

	public static void layout(NetworkDiagram diagram, LayoutDirection direction) {
		layout(diagram.graph(), direction);
	}

	public static void layout(ElkNode graph) {
		layout(graph, LayoutDirection.RIGHT);
	}

	public static void layout(ElkNode graph, LayoutDirection direction) {
		graph.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
		graph.setProperty(LayeredOptions.DIRECTION, direction.elk);
		graph.setProperty(LayeredOptions.PARTITIONING_ACTIVATE, true);
		// keep branches top to bottom in the order they are written rather than wherever crossing minimisation puts them
		graph.setProperty(LayeredOptions.CONSIDER_MODEL_ORDER_STRATEGY, OrderingStrategy.NODES_AND_EDGES);
		graph.setProperty(LayeredOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
		graph.setProperty(LayeredOptions.SPACING_NODE_NODE, 20.0);
		graph.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 30.0);
		graph.setProperty(LayeredOptions.SPACING_EDGE_LABEL, 4.0);
		graph.setProperty(LayeredOptions.PADDING, new ElkPadding(16));
		// ELK's default seed is fixed already; set it anyway because golden files depend on it
		graph.setProperty(LayeredOptions.RANDOM_SEED, 1);
		new RecursiveGraphLayoutEngine().layout(graph, new BasicProgressMonitor());
	}
}
