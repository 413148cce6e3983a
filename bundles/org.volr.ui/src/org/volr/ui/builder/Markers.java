package org.volr.ui.builder;

import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.volr.lang.api.Diagnostic;

/** Problem markers on .volr files: one per diagnostic, with its line and the message {@code volr check} prints. */
final class Markers {
	private Markers() {
	}

	static void clear(IResource file, String type) throws CoreException {
		if (file.exists())
			file.deleteMarkers(type, false, IResource.DEPTH_ZERO);
	}

	static void add(IResource file, String type, int line, int severity, String message) throws CoreException {
		IMarker marker = file.createMarker(type);
		marker.setAttribute(IMarker.MESSAGE, message);
		marker.setAttribute(IMarker.SEVERITY, severity);
		marker.setAttribute(IMarker.LINE_NUMBER, Math.max(1, line));
		marker.setAttribute(IMarker.LOCATION, "line " + Math.max(1, line));
	}

	static int severityOf(Diagnostic d) {
		return switch (d.severity()) {
		case ERROR -> IMarker.SEVERITY_ERROR;
		case WARNING -> IMarker.SEVERITY_WARNING;
		case INFO -> IMarker.SEVERITY_INFO;
		};
	}
}
