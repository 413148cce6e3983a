package org.volr.diagram.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.volr.core.io.AtomicFiles;
import org.volr.diagram.Diagrams;
import org.volr.diagram.LayoutDirection;
import org.volr.diagram.NetworkDiagram;
import org.volr.diagram.edit.EditCommand;
import org.volr.diagram.edit.EditException;
import org.volr.diagram.edit.TextEdits;
import org.volr.lang.api.Diagnostic;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.VolrFile;

/**
 * One .volr file as the diagram page sees it: its current model as JSON (the Sprotty graph, the parameters of each
 * node, the file's problems) and a version that goes up whenever the file changes, by an edit from the page or
 * in any text editor. A file that does not parse keeps the last diagram that did, marked stale.
 */
final class DiagramDocument {
	private final Path file;
	private final VolrLanguage language = VolrLanguage.create();
	private final TextEdits edits = new TextEdits(language);
	private final EditHistory history = new EditHistory();
	private LayoutDirection direction = LayoutDirection.RIGHT;

	private long version;
	private String lastGoodGraph;
	private String lastGoodNodes = "{}";
	private String json;
	private boolean stale;
	private List<Diagnostic> problems = List.of();
	private FileTime seenTime;
	private long seenSize = -1;

	DiagramDocument(Path file) {
		this.file = file;
	}

	Path file() {
		return file;
	}

	synchronized long version() {
		return version;
	}

	/** The page's model: {@code {version, file, stale, problems, direction, canUndo, canRedo, graph, nodes}}. */
	synchronized String json() {
		if (json == null)
			reload();
		return json;
	}

	/** Re-reads the file when its time or size changed; true when it did. */
	synchronized boolean refreshIfChanged() {
		FileTime time;
		long size;
		try {
			time = Files.getLastModifiedTime(file);
			size = Files.size(file);
		} catch (IOException e) {
			time = null;
			size = -2;
		}
		if (json != null && size == seenSize && java.util.Objects.equals(time, seenTime))
			return false;
		reload();
		return true;
	}

	/**
	 * Applies an edit to the file's current text and writes the file (temp file, then move). Returns the new model,
	 * naming the layer the edit created so that the page can select it.
	 */
	synchronized String edit(EditCommand command) throws EditException, IOException {
		String text = Files.readString(file, StandardCharsets.UTF_8);
		TextEdits.Result result = edits.edit(file, text, command);
		AtomicFiles.writeString(file, result.text());
		history.record(text, result.text());
		reload();
		return modelJson(result.createdId());
	}

	/** Writes the file's text as it was before the page's last edit. */
	synchronized String undo() throws EditException, IOException {
		AtomicFiles.writeString(file, history.undo(Files.readString(file, StandardCharsets.UTF_8)));
		reload();
		return json;
	}

	/** Writes the text of the page's last undone edit again. */
	synchronized String redo() throws EditException, IOException {
		AtomicFiles.writeString(file, history.redo(Files.readString(file, StandardCharsets.UTF_8)));
		reload();
		return json;
	}

	/** Lays the diagram out again with data flowing in the given direction (a view setting: the file is unchanged). */
	synchronized String layout(LayoutDirection newDirection) {
		direction = newDirection;
		reload();
		return json;
	}

	private void reload() {
		try {
			seenTime = Files.getLastModifiedTime(file);
			seenSize = Files.size(file);
		} catch (IOException e) {
			seenTime = null;
			seenSize = -2;
		}
		version++;
		VolrLanguage.Workspace ws = language.workspace();
		ws.add(file);
		problems = ws.check();
		boolean syntax = problems.stream().anyMatch(DiagramDocument::isSyntaxError);
		VolrFile model = ws.model(file);
		stale = syntax || model == null;
		if (!stale) {
			List<NetworkDiagram> diagrams = Diagrams.of(model, activity(model), direction);
			lastGoodGraph = org.volr.diagram.SprottyJson.write(diagrams);
			lastGoodNodes = NodeProperties.json(model);
		}
		json = modelJson(null);
	}

	private String modelJson(String created) {
		return ModelJson.write(new ModelJson.State(version, file, stale, problems, direction, history.canUndo(),
				history.canRedo()), lastGoodGraph, lastGoodNodes, created);
	}

	/** The last run's activity per layer, when a results folder lies beside the file (none if it cannot be read). */
	private java.util.Map<String, java.util.Map<String, org.volr.diagram.LayerActivity>> activity(VolrFile model) {
		try {
			return org.volr.diagram.ResultsOverlay.find(model, file.toAbsolutePath().getParent());
		} catch (IOException e) {
			return java.util.Map.of();
		}
	}

	/** Errors that stop the diagram: the file cannot be read, or its text does not parse. */
	static boolean isSyntaxError(Diagnostic d) {
		return d.severity() == Diagnostic.Severity.ERROR
				&& (d.code() == null || d.code().equals("io") || d.code().endsWith(".Syntax"));
	}
}
