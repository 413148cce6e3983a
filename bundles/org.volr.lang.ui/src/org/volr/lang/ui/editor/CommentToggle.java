package org.volr.lang.ui.editor;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;

/**
 * Ctrl+/: comments the selected lines out with {@code //} at their common indentation, or, when every non-blank
 * line is already a line comment, removes the {@code //} (and one space after it).
 */
public final class CommentToggle {
	private static final String COMMENT = "//";

	private CommentToggle() {
	}

	public static void toggle(IDocument document, int firstLine, int lastLine) throws BadLocationException {
		boolean allCommented = true;
		int indent = Integer.MAX_VALUE;
		for (int line = firstLine; line <= lastLine; line++) {
			String text = lineText(document, line);
			if (text.isBlank())
				continue;
			String stripped = text.stripLeading();
			indent = Math.min(indent, text.length() - stripped.length());
			allCommented &= stripped.startsWith(COMMENT);
		}
		if (indent == Integer.MAX_VALUE)
			return; // only blank lines
		// from the last line up, so that earlier offsets stay valid
		for (int line = lastLine; line >= firstLine; line--) {
			String text = lineText(document, line);
			if (text.isBlank())
				continue;
			int start = document.getLineOffset(line);
			if (allCommented) {
				int at = text.indexOf(COMMENT);
				int length = COMMENT.length() + (text.startsWith(" ", at + COMMENT.length()) ? 1 : 0);
				document.replace(start + at, length, "");
			} else {
				document.replace(start + indent, 0, COMMENT + " ");
			}
		}
	}

	private static String lineText(IDocument document, int line) throws BadLocationException {
		IRegion region = document.getLineInformation(line);
		return document.get(region.getOffset(), region.getLength());
	}
}
