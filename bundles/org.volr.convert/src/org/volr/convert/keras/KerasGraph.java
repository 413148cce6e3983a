package org.volr.convert.keras;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.volr.convert.ImportException;
import org.volr.convert.keras.KerasImporter.KerasLayerConfig;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Nests the layer graph of a functional Keras model into what a .volr network can say: a chain of layers and
 * blocks, where a block forks the current tensor into branches that one Concatenate ({@code |}) or Add ({@code +})
 * merges again. A branch is itself such a chain (so blocks nest, also a block whose branches read the outer
 * block's input, as in x + conv(a | b)), or nothing at all when the tensor goes straight to the merge (a skip
 * connection, written {@code identity}). Any other graph (several inputs or outputs, a tensor
 * used again after its block is merged, a shared layer) is refused naming the layer where the shape breaks.
 */
final class KerasGraph {
	/** One element of a chain. */
	sealed interface Part permits LayerPart, ForkPart {
	}

	record LayerPart(KerasLayerConfig layer) implements Part {
	}

	/** Branches in the order the merge lists its inputs (the order of the concatenated channels); empty = identity. */
	record ForkPart(KerasLayerConfig merge, List<List<Part>> branches) implements Part {
	}

	/** Where a walk along a chain stopped: at a merge (null at the model's output), coming from layer {@code last}. */
	private record Reached(String merge, String last) {
	}

	private static final Set<String> MERGES = Set.of("Concatenate", "Add");
	private static final Map<String, String> REFUSED_MERGES = Map.of("Average", "averaging", "Subtract", "subtraction",
			"Multiply", "multiplication", "Maximum", "an element-wise maximum", "Minimum", "an element-wise minimum", "Dot",
			"a dot product");

	private final Path file;
	private final Map<String, KerasLayerConfig> byName = new LinkedHashMap<>();
	private final Map<String, List<String>> inputs = new HashMap<>();
	private final Map<String, List<String>> consumers = new HashMap<>();
	private final Set<String> visited = new HashSet<>();

	private KerasGraph(Path file) {
		this.file = file;
	}

	/** A Sequential model is one chain in the order of its layers. */
	static List<Part> chain(List<KerasLayerConfig> layers) {
		List<Part> parts = new ArrayList<>();
		for (KerasLayerConfig k : layers)
			parts.add(new LayerPart(k));
		return parts;
	}

	/**
	 * @param json the {@code layers} array of a functional model's config, in the order of {@code layers}
	 * @param modelConfig the model's {@code config} (for {@code input_layers} and {@code output_layers})
	 */
	static List<Part> nest(Path file, JsonArray json, List<KerasLayerConfig> layers, JsonObject modelConfig) throws ImportException {
		return new KerasGraph(file).parse(json, layers, modelConfig);
	}

	private List<Part> parse(JsonArray json, List<KerasLayerConfig> layers, JsonObject modelConfig) throws ImportException {
		for (KerasLayerConfig k : layers) {
			if (byName.put(k.name(), k) != null)
				throw new ImportException(file, describe(k) + ": two layers have this name");
			consumers.put(k.name(), new ArrayList<>());
		}
		for (int i = 0; i < layers.size(); i++) {
			KerasLayerConfig k = layers.get(i);
			JsonObject l = json.get(i).getAsJsonObject();
			JsonArray nodes = l.has("inbound_nodes") && l.get("inbound_nodes").isJsonArray() ? l.getAsJsonArray("inbound_nodes")
					: new JsonArray();
			if (nodes.size() > 1)
				throw new ImportException(file, describe(k) + " is called " + nodes.size() + " times (a shared layer);"
						+ " every layer must be used once, so copy it per use");
			List<String> sources = new ArrayList<>();
			if (nodes.size() == 1)
				collectSources(nodes.get(0), sources);
			for (String s : sources) {
				if (!byName.containsKey(s))
					throw new ImportException(file, describe(k) + " reads the output of '" + s + "', which is not a layer of the model");
				List<String> c = consumers.get(s);
				if (!c.contains(k.name()))
					c.add(k.name());
			}
			inputs.put(k.name(), sources);
			checkMerge(k, sources.size());
		}
		String input = single(modelConfig, "input_layers", "input", layers);
		String output = single(modelConfig, "output_layers", "output", layers);
		visited.add(input);
		List<Part> top = new ArrayList<>();
		Reached end = walk(input, top);
		if (end.merge() != null)
			throw new ImportException(file, describe(byName.get(end.merge())) + " merges '" + end.last() + "' with tensors"
					+ " that do not fork from it; only blocks whose branches fork from one tensor and meet at one merge are imported");
		if (!end.last().equals(output))
			throw new ImportException(file, "the chain ends at " + describe(byName.get(end.last())) + ", but the model's output is "
					+ describe(byName.get(output)));
		for (KerasLayerConfig k : layers)
			if (!visited.contains(k.name()))
				throw new ImportException(file, describe(k) + " is not on the path from the input '" + input + "' to the output '"
						+ output + "'; only single-input, single-output models are imported");
		return top;
	}

	/** How a merge layer Volr cannot write combines its inputs ("multiplication"), or null for other classes. */
	static String refusedMerge(String className) {
		return REFUSED_MERGES.get(className);
	}

	private void checkMerge(KerasLayerConfig k, int sources) throws ImportException {
		String refused = REFUSED_MERGES.get(k.className());
		if (refused != null)
			throw new ImportException(file, describe(k) + " merges its inputs by " + refused + "; only Concatenate (written |)"
					+ " and Add (written +) merges are supported");
		if (sources > 1 && !MERGES.contains(k.className()))
			throw new ImportException(file, describe(k) + " takes " + sources + " inputs; only Concatenate and Add merge"
					+ " several tensors");
	}

	/**
	 * Keras 2 writes an inbound node as a list of [layer name, node index, tensor index, kwargs]; Keras 3 as
	 * {"args": [...], "kwargs": {...}} holding tensors with a keras_history [layer name, node index, tensor index].
	 */
	private static void collectSources(JsonElement node, List<String> out) {
		if (node.isJsonArray()) {
			JsonArray a = node.getAsJsonArray();
			boolean keras2Entry = a.size() >= 3 && a.get(0).isJsonPrimitive() && a.get(0).getAsJsonPrimitive().isString()
					&& a.get(1).isJsonPrimitive() && a.get(1).getAsJsonPrimitive().isNumber();
			if (keras2Entry) {
				out.add(a.get(0).getAsString());
				return;
			}
			for (JsonElement e : a)
				collectSources(e, out);
		} else if (node.isJsonObject()) {
			JsonObject o = node.getAsJsonObject();
			if (o.has("keras_history") && o.get("keras_history").isJsonArray()) {
				out.add(o.getAsJsonArray("keras_history").get(0).getAsString());
				return;
			}
			for (var entry : o.entrySet())
				collectSources(entry.getValue(), out);
		}
	}

	/** The one input (or output) layer; Keras writes [[name, 0, 0], ...], Keras 3 also [name, 0, 0] for one. */
	private String single(JsonObject modelConfig, String key, String what, List<KerasLayerConfig> layers) throws ImportException {
		List<String> names = new ArrayList<>();
		JsonElement e = modelConfig == null ? null : modelConfig.get(key);
		if (e != null && e.isJsonArray()) {
			JsonArray a = e.getAsJsonArray();
			if (!a.isEmpty() && a.get(0).isJsonPrimitive())
				names.add(a.get(0).getAsString());
			else
				for (JsonElement x : a)
					if (x.isJsonArray() && !x.getAsJsonArray().isEmpty())
						names.add(x.getAsJsonArray().get(0).getAsString());
		} else {
			for (KerasLayerConfig k : layers)
				if (what.equals("input") ? inputs.get(k.name()).isEmpty() : consumers.get(k.name()).isEmpty())
					names.add(k.name());
		}
		if (names.size() != 1)
			throw new ImportException(file, "the model has " + names.size() + " " + what + "s " + names + "; only models with"
					+ " one " + what + " are imported");
		if (!byName.containsKey(names.get(0)))
			throw new ImportException(file, "the model's " + what + " '" + names.get(0) + "' is not one of its layers");
		return names.get(0);
	}

	/** Follows the tensor of layer {@code from} onward, appending layers and blocks, until a merge or the output. */
	private Reached walk(String from, List<Part> out) throws ImportException {
		String cur = from;
		while (true) {
			List<String> next = consumers.get(cur);
			if (next.isEmpty())
				return new Reached(null, cur);
			if (next.size() == 1) {
				String n = next.get(0);
				if (isMerge(n))
					return new Reached(n, cur);
				enter(n, cur);
				out.add(new LayerPart(byName.get(n)));
				cur = n;
				continue;
			}
			cur = fork(cur, next, out);
		}
	}

	/** A branch of a block being nested: its parts so far, the layer it ends at and the merge that layer feeds. */
	private record Branch(List<Part> parts, String last, String merge) {
	}

	/** The block that starts where the output of {@code from} goes to several layers; returns its merge. */
	private String fork(String from, List<String> next, List<Part> out) throws ImportException {
		List<Branch> open = new ArrayList<>();
		Set<String> merges = new LinkedHashSet<>(); // the merges reached, directly (a skip connection) or by a branch
		for (String s : next) {
			if (isMerge(s)) {
				merges.add(s);
				continue;
			}
			enter(s, from);
			List<Part> parts = new ArrayList<>();
			parts.add(new LayerPart(byName.get(s)));
			open.add(follow(from, s, parts, walk(s, parts)));
			merges.add(open.get(open.size() - 1).merge());
		}
		// A merge fed only by this block's branches (or its input) closes an inner block, which then goes on as one
		// branch: x + conv(a | b) in Inception-ResNet. Repeat until every branch meets at one merge.
		while (merges.size() > 1) {
			String inner = null;
			for (String m : merges)
				if (closes(m, from, open)) {
					inner = m;
					break;
				}
			if (inner == null)
				throw new ImportException(file, "the output of " + describe(byName.get(from)) + " forks into branches merged by"
						+ " different layers " + merges + "; only blocks whose branches all meet at one merge are imported"
						+ " (is a tensor used again after its block is merged?)");
			List<Part> parts = new ArrayList<>();
			parts.add(block(inner, from, open));
			merges.remove(inner);
			open.add(follow(from, inner, parts, walk(inner, parts)));
			merges.add(open.get(open.size() - 1).merge());
		}
		String merge = merges.iterator().next();
		out.add(block(merge, from, open));
		if (!open.isEmpty())
			throw new ImportException(file, describe(byName.get(merge)) + " does not merge the branch that ends at '"
					+ open.get(0).last() + "'");
		return merge;
	}

	private Branch follow(String from, String start, List<Part> parts, Reached r) throws ImportException {
		if (r.merge() == null)
			throw new ImportException(file, "the output of " + describe(byName.get(from)) + " forks, and the branch through '"
					+ start + "' ends at '" + r.last() + "' without being merged: only models with one output are imported");
		return new Branch(parts, r.last(), r.merge());
	}

	/** Whether every input of {@code merge} is {@code from} itself or the end of an open branch that feeds it. */
	private boolean closes(String merge, String from, List<Branch> open) {
		for (String src : inputs.get(merge))
			if (!src.equals(from) && open.stream().noneMatch(b -> b.last().equals(src) && b.merge().equals(merge)))
				return false;
		return true;
	}

	/** The block {@code merge} closes, its branches in the merge's input order (taken out of {@code open}). */
	private ForkPart block(String merge, String from, List<Branch> open) throws ImportException {
		KerasLayerConfig m = byName.get(merge);
		List<List<Part>> branches = new ArrayList<>();
		for (String src : inputs.get(merge)) {
			if (src.equals(from)) {
				branches.add(List.of());
				continue;
			}
			Branch branch = open.stream().filter(b -> b.last().equals(src) && b.merge().equals(merge)).findFirst().orElse(null);
			if (branch == null)
				throw new ImportException(file, describe(m) + " merges the output of '" + src + "', which is not a branch of the"
						+ " block that forks after '" + from + "'; only blocks whose branches fork from one tensor and meet at"
						+ " one merge are imported");
			open.remove(branch);
			branches.add(branch.parts());
		}
		visited.add(merge);
		return new ForkPart(m, branches);
	}

	private void enter(String layer, String from) throws ImportException {
		if (!visited.add(layer))
			throw new ImportException(file, describe(byName.get(layer)) + " is reached twice from '" + from + "'");
	}

	private boolean isMerge(String layer) {
		return inputs.get(layer).size() > 1;
	}

	private static String describe(KerasLayerConfig k) {
		return "layer " + k.position() + " '" + k.name() + "' (" + k.className() + ")";
	}
}
