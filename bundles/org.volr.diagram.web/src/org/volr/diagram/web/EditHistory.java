package org.volr.diagram.web;

import java.util.ArrayDeque;
import java.util.Deque;

import org.volr.diagram.edit.EditException;

/**
 * The page's edits as pairs of the file's text before and after, so that undo writes the text back as it was and
 * redo writes it again. Whole texts rather than inverse edits: the file is small, and a restored text is then
 * exactly the old one, comments and alignment included. An edit made meanwhile in a text editor ends the history
 * (undoing across it would silently drop that edit); undo is then the text editor's job.
 */
final class EditHistory {
	private record Change(String before, String after) {
	}

	private final Deque<Change> done = new ArrayDeque<>();
	private final Deque<Change> undone = new ArrayDeque<>();

	void record(String before, String after) {
		done.push(new Change(before, after));
		undone.clear();
	}

	boolean canUndo() {
		return !done.isEmpty();
	}

	boolean canRedo() {
		return !undone.isEmpty();
	}

	/** The text to write to undo the last edit, given the file's text now. */
	String undo(String current) throws EditException {
		if (done.isEmpty())
			throw new EditException("nothing to undo: no edit was made on this page since the file last changed elsewhere");
		Change last = done.peek();
		checkUnchanged(current, last.after());
		undone.push(done.pop());
		return last.before();
	}

	/** The text to write to redo the last undone edit, given the file's text now. */
	String redo(String current) throws EditException {
		if (undone.isEmpty())
			throw new EditException("nothing to redo");
		Change next = undone.peek();
		checkUnchanged(current, next.before());
		done.push(undone.pop());
		return next.after();
	}

	private void checkUnchanged(String current, String expected) throws EditException {
		if (!current.equals(expected)) {
			done.clear();
			undone.clear();
			throw new EditException("the file was changed in another editor since the last edit here, so this page's "
					+ "undo history no longer applies; undo in that editor");
		}
	}
}
