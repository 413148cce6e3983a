package org.volr.diagram.edit;

import java.util.Map;

/**
 * One edit made in the diagram. Nodes are named by the ids the diagram gives them: the URI fragment of a layer,
 * reference or parallel block (its merge node), or {@code <network id>/input} and {@code <network id>/output}.
 *
 * <p>
 * In Volr an edge is the order of composition ({@code ⦶}, a block's lines) or a branch of {@code ⊖}, so most edges
 * are made by adding a layer where it belongs or inserting a branch; {@link Connect} adds the one edge that skips
 * layers.
 */
public sealed interface EditCommand {
	/** The node the command acts on. */
	String nodeId();

	/** Adds a layer right after (or before) a node: into its sequence or block, or making a sequence with it. */
	record AddLayer(String nodeId, boolean before, LayerSpec layer) implements EditCommand {
	}

	/** Puts a new layer side by side with a node: the node becomes one branch of {@code ⊖}, the layer another. */
	record InsertParallelBranch(String nodeId, LayerSpec layer) implements EditCommand {
	}

	/** Removes a layer or reference; a sequence or parallel block left with one part becomes that part. */
	record Delete(String nodeId) implements EditCommand {
	}

	/**
	 * Connects a node to a later node of the same chain (a skip connection): the layers between them become one
	 * branch, the first node's output passed on unchanged ({@code identity}) the other, merged by {@code +} (add) or
	 * {@code |} (concatenate) before {@code toNodeId}. The node may be the input, the later one the output.
	 */
	record Connect(String nodeId, String toNodeId, boolean add) implements EditCommand {
	}

	/** Changes one parameter of a layer ("units", "kernel", "activation", "label", ...); "" clears an optional one. */
	record SetParameter(String nodeId, String name, String value) implements EditCommand {
	}

	/** Chooses the neuron model (a registered one: see NeuronModels) of the experiments that run the network the node belongs to. */
	record SetNeuronModel(String nodeId, String kind) implements EditCommand {
	}

	/** A layer to create: its keyword ("dense", "conv2d", "avgpool", ...) and parameters by name. */
	record LayerSpec(String kind, Map<String, String> parameters) {
		public LayerSpec {
			parameters = Map.copyOf(parameters);
		}
	}
}
