package org.volr.diagram.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.volr.diagram.edit.EditCommand;
import org.volr.diagram.edit.EditException;

/**
 * An edit posted by the page as a form ({@code op=add&node=...&kind=dense&p.units=64}): op is add, branch, delete,
 * set or neuron; add takes {@code before=true} to insert before the node; {@code p.NAME} are a new layer's
 * parameters; set takes name and value; neuron takes kind.
 */
final class EditRequest {
	private EditRequest() {
	}

	static EditCommand parse(String form) throws EditException {
		Map<String, String> fields = new LinkedHashMap<>();
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : form.split("&")) {
			if (pair.isEmpty())
				continue;
			int eq = pair.indexOf('=');
			String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
			String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
			if (key.startsWith("p."))
				parameters.put(key.substring(2), value);
			else
				fields.put(key, value);
		}
		String node = fields.getOrDefault("node", "");
		String op = fields.getOrDefault("op", "");
		return switch (op) {
		case "add" -> new EditCommand.AddLayer(node, Boolean.parseBoolean(fields.get("before")),
				new EditCommand.LayerSpec(required(fields, "kind"), parameters));
		case "branch" -> new EditCommand.InsertParallelBranch(node, new EditCommand.LayerSpec(required(fields, "kind"), parameters));
		case "delete" -> new EditCommand.Delete(node);
		case "set" -> new EditCommand.SetParameter(node, required(fields, "name"), fields.getOrDefault("value", ""));
		case "neuron" -> new EditCommand.SetNeuronModel(node, required(fields, "kind"));
		case "connect" -> new EditCommand.Connect(node, required(fields, "to"), !"concat".equals(fields.get("merge")));
		default -> throw new EditException("unknown edit '" + op + "' (known: add, branch, delete, set, neuron, connect)");
		};
	}

	private static String required(Map<String, String> fields, String name) throws EditException {
		String v = fields.get(name);
		if (v == null || v.isEmpty())
			throw new EditException("the edit needs '" + name + "'");
		return v;
	}
}
