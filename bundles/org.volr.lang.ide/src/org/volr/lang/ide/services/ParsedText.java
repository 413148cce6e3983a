package org.volr.lang.ide.services;

import java.util.List;

import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.validation.Issue;
import org.volr.model.VolrFile;

/** One parse of an editor's text: the resource, its root (null when nothing parsed) and, once validated, its issues. */
public record ParsedText(String text, XtextResource resource, List<Issue> issues) {
	public VolrFile file() {
		if (resource.getContents().isEmpty() || !(resource.getContents().get(0) instanceof VolrFile f))
			return null;
		return f;
	}
}
