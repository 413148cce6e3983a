package org.volr.lang.ui.editor;

import org.eclipse.jface.text.source.Annotation;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;
import org.volr.lang.ide.services.ParsedText;
import org.volr.lang.ide.services.QuickFixes;

/** An error or warning found while typing, with the issue (code, data) and the text it was found in, for quick fixes. */
public final class IssueAnnotation extends Annotation {
	public static final String ERROR = "org.eclipse.ui.workbench.texteditor.error";
	public static final String WARNING = "org.eclipse.ui.workbench.texteditor.warning";

	private final Issue issue;
	private final ParsedText parsed;

	IssueAnnotation(Issue issue, ParsedText parsed) {
		super(issue.getSeverity() == Severity.ERROR ? ERROR : WARNING, false, issue.getMessage());
		this.issue = issue;
		this.parsed = parsed;
	}

	public Issue issue() {
		return issue;
	}

	public ParsedText parsed() {
		return parsed;
	}

	@Override
	public boolean isPersistent() {
		return false;
	}

	boolean hasFixes() {
		return QuickFixes.hasFixes(issue);
	}
}
