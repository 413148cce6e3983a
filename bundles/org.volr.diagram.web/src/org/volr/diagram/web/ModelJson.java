package org.volr.diagram.web;

import java.nio.file.Path;
import java.util.List;

import org.volr.diagram.Json;
import org.volr.diagram.LayoutDirection;
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
		for (String kind : LayerFactory.kinds())
			json.value(kind);
		json.endArray();
		if (graph != null)
			json.raw("graph", graph);
		json.raw("nodes", nodes);
		if (created != null)
			json.field("created", created);
		return json.endObject().toString();
	}
}
