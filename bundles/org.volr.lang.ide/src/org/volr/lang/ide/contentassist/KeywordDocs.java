package org.volr.lang.ide.contentassist;

import java.util.Map;

/**
 * The one-line description completion shows beside a keyword (the editor's popup, an LSP client's detail), so
 * that a proposal says what it makes: the layer kinds, the calculus' operators, the activations, the clauses.
 */
final class KeywordDocs {
	private static final Map<String, String> DOCS = Map.ofEntries(
			// layers
			Map.entry("dense", "layer: dense [inputs] units [activation]"), Map.entry("conv2d", "layer: conv2d(filters, kernel: k, ...)"),
			Map.entry("conv1d", "layer: conv1d(filters, kernel: k, ...)"), Map.entry("depthwise_conv2d", "layer: depthwise_conv2d(kernel: k, multiplier: m)"),
			Map.entry("maxpool", "layer: max pooling, maxpool size"), Map.entry("avgpool", "layer: average pooling, avgpool size"),
			Map.entry("sumpool", "layer: sum pooling, sumpool size"), Map.entry("maxpool1d", "layer: 1-d max pooling"),
			Map.entry("avgpool1d", "layer: 1-d average pooling"), Map.entry("globalavgpool", "layer: mean of each channel"),
			Map.entry("globalmaxpool", "layer: maximum of each channel"), Map.entry("flatten", "layer: to one dimension (no neurons)"),
			Map.entry("reshape", "layer: reshape [d1, d2, ...]"), Map.entry("batchnorm", "layer: batch normalisation (folded into the layer before)"),
			Map.entry("dropout", "layer: dropout rate (training only)"), Map.entry("activation", "layer: an activation alone, e.g. activation relu"),
			Map.entry("identity", "layer: passes its input on"), Map.entry("recurrent", "the layer also reads its own spikes of the step before"),
			Map.entry("neuron", "this layer's neuron model: neuron LIF { ... }"),
			// the calculus
			Map.entry(">>", "sequence: the left network feeds the right one"), Map.entry("⦶", "sequence: the left network feeds the right one"),
			Map.entry("|", "parallel: both networks, outputs side by side"), Map.entry("⊖", "parallel: both networks, outputs side by side"),
			Map.entry("+", "sum: both branches, outputs added"), Map.entry("let", "let name = network in ...: a local name"),
			// activations
			Map.entry("relu", "activation: max(0, x)"), Map.entry("linear", "activation: none (x)"), Map.entry("softmax", "activation: softmax (output layer)"),
			Map.entry("sigmoid", "activation: 1 / (1 + e^-x)"), Map.entry("tanh", "activation: tanh x"), Map.entry("clip", "activation: clipped relu"),
			Map.entry("qcfs", "activation: quantised clip-floor-shift, for few steps"),
			// top level and clauses
			Map.entry("network", "network name = expression, or network name { input [...] layers }"),
			Map.entry("experiment", "experiment name { network, data, train, simulate, ... }"), Map.entry("input", "the input's shape: input [d1, ...]"),
			Map.entry("data", "the data set: data npz \"file\", idx, images, ..."), Map.entry("weights", "trained weights to convert: weights npz \"file\""),
			Map.entry("train", "train { epochs, batch, optimizer, seed }"), Map.entry("simulate", "simulate { duration T steps, input, batch, ... }"),
			Map.entry("convert", "convert { normalize, ... }: ANN to SNN"), Map.entry("targets", "targets pynn, brian2, nir, lava, ...: generated on save"),
			Map.entry("sweep", "sweep { percentile 99, 99.9; steps 25, 50 }: the grid volr sweep runs"),
			Map.entry("spiking", "train the network as an SNN (surrogate gradients through time)"),
			Map.entry("surrogate", "the threshold's surrogate derivative: fast_sigmoid k or arctan k"),
			Map.entry("loss", "spiking training's loss: counts, membrane or rate_mse"),
			Map.entry("schedule", "the learning rate over the epochs: constant or cosine (annealed to zero)"));

	private KeywordDocs() {
	}

	/** What the keyword makes or means; "keyword" for the punctuation and the rarer words. */
	static String of(String keyword) {
		return DOCS.getOrDefault(keyword, "keyword");
	}

	/** Whether the keyword is an operator or punctuation rather than a word. */
	static boolean isOperator(String keyword) {
		return keyword.chars().noneMatch(Character::isLetterOrDigit);
	}
}
