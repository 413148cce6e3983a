package org.volr.diagram.web;

import org.volr.diagram.LayoutDirection;
import org.volr.diagram.edit.EditException;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/** The page asking for another layout: {@code {"direction":"right"}} or {@code {"direction":"down"}}. */
final class LayoutRequest {
	private LayoutRequest() {
	}

	static LayoutDirection parse(String json) throws EditException {
		JsonElement direction = null;
		try {
			JsonElement root = JsonParser.parseString(json);
			if (root.isJsonObject())
				direction = root.getAsJsonObject().get("direction");
		} catch (JsonParseException e) {
			// answered below like a request without a direction
		}
		if (direction == null || !direction.isJsonPrimitive())
			throw new EditException("a layout request is a JSON object such as {\"direction\":\"down\"} (right or down)");
		try {
			return LayoutDirection.of(direction.getAsString());
		} catch (IllegalArgumentException e) {
			throw new EditException(e.getMessage());
		}
	}
}
