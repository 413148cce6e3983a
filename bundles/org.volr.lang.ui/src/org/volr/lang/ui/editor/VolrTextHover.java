package org.volr.lang.ui.editor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextHover;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.volr.lang.ide.services.LayerInfo;

/** Hover: the problems at the mouse, then the layer's (or network's) inferred shape and parameter count. */
public final class VolrTextHover implements ITextHover {
	private final VolrEditor editor;

	public VolrTextHover(VolrEditor editor) {
		this.editor = editor;
	}

	@Override
	public String getHoverInfo(ITextViewer viewer, IRegion region) {
		List<String> parts = new ArrayList<>();
		IAnnotationModel model = editor.annotationModel();
		if (model != null) {
			for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();) {
				Annotation a = it.next();
				Position p = model.getPosition(a);
				if (a instanceof IssueAnnotation && p != null && p.overlapsWith(region.getOffset(), Math.max(1, region.getLength())))
					parts.add(a.getText());
			}
		}
		String info = LayerInfo.at(editor.services().parse(editor.uri(), viewer.getDocument().get()), region.getOffset());
		if (info != null)
			parts.add(info);
		return parts.isEmpty() ? null : String.join("\n\n", parts);
	}

	@Override
	public IRegion getHoverRegion(ITextViewer viewer, int offset) {
		return new Region(offset, 0);
	}
}
