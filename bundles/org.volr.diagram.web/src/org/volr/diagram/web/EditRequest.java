package org.volr.diagram.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.volr.diagram.edit.EditCommand;
import org.volr.diagram.edit.EditException;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * An edit posted by the page as a JSON object of strings ({@code {"op":"add","node":"...","kind":"dense","p.units":"64"}}):
 * op is add, branch, delete, set, neuron or connect; add takes {@code "before":"true"} to insert before the node;
 * {@code p.NAME} are a new layer's parameters; set takes name and value; neuron takes kind; connect takes to and
 * merge. JSON rather than a form because a page of another site cannot post JSON here without a CORS preflight,
 * which this server never grants.
 */
final class EditRequest {
	private EditRequest() {
	}

	static EditCommand parse(String json) throws EditException {
		Map<String, String> fields = new LinkedHashMap<>();
		Map<String, String> parameters = new LinkedHashMap<>();
		for (Map.Entry<String, JsonElement> member : object(json).entrySet()) {
			String key = member.getKey();
			JsonElement v = member.getValue();
			if (!v.isJsonPrimitive())
				throw new EditException("the edit's field '" + (key.length() > 40 ? key.substring(0, 40) + "…" : key) + "' must be a string, not " + (v.isJsonNull() ? "null" : "a list or an object"));
			String value = v.getAsString();
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

	private static JsonObject object(String json) throws EditException {
		try {
			JsonElement root = JsonParser.parseString(json);
			if (root.isJsonObject())
				return root.getAsJsonObject();
		} catch (JsonParseException e) {
			// the same answer as for JSON that is not an object
		}
		throw new EditException("the edit must be a JSON object of strings, such as {\"op\":\"delete\",\"node\":\"//@elements.0/@body/@steps.1\"}");
	}

	private static String required(Map<String, String> fields, String name) throws EditException {
		String v = fields.get(name);
		if (v == null || v.isEmpty())
			throw new EditException("the edit needs '" + name + "'");
		return v;
	}
}
