package org.volr.diagram.web;

import java.nio.file.Path;
import java.util.List;

import org.volr.diagram.Json;
import org.volr.diagram.LayoutDirection;
import org.volr.diagram.NodeKind;
import org.volr.diagram.edit.EditCommand;
import org.volr.diagram.edit.EditException;
import org.volr.diagram.edit.LayerFactory;
import org.volr.lang.api.Diagnostic;

/** The JSON document the page loads: the diagram, what the property panel shows, and the file's problems. */
final class ModelJson {
	private ModelJson() {
	}

	/** What the page shows besides the graph: the file's version and problems, the layout, what undo can do. */
	record State(long version, Path file, boolean stale, List<Diagnostic> problems, LayoutDirection direction,
			boolean canUndo, boolean canRedo) {
	}

	/** Each kind the palette adds, in palette order, with its group. */
	private static final java.util.Map<String, String> PALETTE = new java.util.LinkedHashMap<>();
	static {
		for (String kind : LayerFactory.kinds())
			PALETTE.put(kind, group(kind));
	}

	/** The node kind a new layer of this keyword is drawn as, which colours its palette button like the node. */
	private static String group(String kind) {
		try {
			return NodeKind.of(LayerFactory.create(new EditCommand.LayerSpec(kind, java.util.Map.of()))).cssClass();
		} catch (EditException e) {
			throw new IllegalStateException("the palette's own kind '" + kind + "' cannot be created: " + e.getMessage(), e);
		}
	}

	static String write(State state, String graph, String nodes, String created) {
		Json json = new Json().beginObject().field("version", state.version())
				.field("file", state.file().getFileName().toString()).field("stale", state.stale())
				.field("direction", state.direction().id()).field("canUndo", state.canUndo())
				.field("canRedo", state.canRedo());
		json.beginArray("problems");
		for (Diagnostic d : state.problems())
			json.beginObject().field("line", d.line()).field("column", d.column())
					.field("severity", d.severity().name().toLowerCase(java.util.Locale.ROOT)).field("message", d.message())
					.endObject();
		json.endArray();
		json.beginArray("palette");
		for (java.util.Map.Entry<String, String> kind : PALETTE.entrySet())
			json.beginObject().field("kind", kind.getKey()).field("group", kind.getValue()).endObject();
		json.endArray();
		if (graph != null)
			json.raw("graph", graph);
		json.raw("nodes", nodes);
		if (created != null)
			json.field("created", created);
		return json.endObject().toString();
	}
}
