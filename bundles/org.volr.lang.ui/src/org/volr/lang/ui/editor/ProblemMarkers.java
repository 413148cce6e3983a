package org.volr.lang.ui.editor;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.validation.Issue;
import org.volr.lang.ide.services.ParsedText;

/** Problem markers (the Problems view) for a saved .volr file: one per issue, replacing the previous ones. */
public final class ProblemMarkers {
	public static final String TYPE = "org.volr.lang.ui.problem";
	/** Marker attribute holding the issue code, so a marker resolution can tell which fix applies. */
	public static final String CODE = "org.volr.lang.ui.code";

	private ProblemMarkers() {
	}

	public static void update(IFile file, ParsedText checked) throws CoreException {
		file.deleteMarkers(TYPE, false, IResource.DEPTH_ZERO);
		for (Issue issue : checked.issues()) {
			if (issue.getSeverity() == Severity.IGNORE)
				continue;
			IMarker marker = file.createMarker(TYPE);
			marker.setAttribute(IMarker.MESSAGE, issue.getMessage());
			marker.setAttribute(IMarker.SEVERITY, switch (issue.getSeverity()) {
			case ERROR -> IMarker.SEVERITY_ERROR;
			case WARNING -> IMarker.SEVERITY_WARNING;
			default -> IMarker.SEVERITY_INFO;
			});
			marker.setAttribute(IMarker.LINE_NUMBER, issue.getLineNumber() == null ? 1 : issue.getLineNumber());
			if (issue.getOffset() != null && issue.getLength() != null) {
				marker.setAttribute(IMarker.CHAR_START, issue.getOffset());
				marker.setAttribute(IMarker.CHAR_END, issue.getOffset() + issue.getLength());
			}
			if (issue.getCode() != null)
				marker.setAttribute(CODE, issue.getCode());
		}
	}
}
