package org.volr.lang.ui.editor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.reconciler.DirtyRegion;
import org.eclipse.jface.text.reconciler.IReconcilingStrategy;
import org.eclipse.jface.text.reconciler.IReconcilingStrategyExtension;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.jface.text.source.IAnnotationModelExtension;
import org.eclipse.ui.texteditor.MarkerAnnotation;
import org.eclipse.xtext.validation.Issue;
import org.volr.lang.ide.services.ParsedText;

/**
 * Errors and warnings as you type: after each pause in typing, parses and validates the whole text in the
 * background and replaces the editor's issue annotations with the new ones.
 */
final class VolrReconcilingStrategy implements IReconcilingStrategy, IReconcilingStrategyExtension {
	private final VolrEditor editor;
	private IDocument document;
	private IProgressMonitor monitor;

	VolrReconcilingStrategy(VolrEditor editor) {
		this.editor = editor;
	}

	@Override
	public void setDocument(IDocument document) {
		this.document = document;
	}

	@Override
	public void setProgressMonitor(IProgressMonitor monitor) {
		this.monitor = monitor;
	}

	@Override
	public void initialReconcile() {
		reconcile();
	}

	@Override
	public void reconcile(DirtyRegion dirtyRegion, IRegion subRegion) {
		reconcile();
	}

	@Override
	public void reconcile(IRegion partition) {
		reconcile();
	}

	private void reconcile() {
		IDocument doc = document;
		if (doc == null)
			return;
		String text = doc.get();
		ParsedText checked = editor.services().check(editor.uri(), text,
				() -> monitor != null && monitor.isCanceled());
		if (monitor != null && monitor.isCanceled())
			return;
		IAnnotationModel model = editor.annotationModel();
		if (model != null && text.equals(doc.get()))
			replaceAnnotations(model, checked, doc.getLength());
		editor.reconciled(checked);
	}

	/**
	 * The problem markers of the saved file are shown in the Problems view; in the editor the issues of the text
	 * as it is now take their place, so that a problem is not drawn twice and a fixed one disappears at once.
	 */
	static void hideSavedProblems(IAnnotationModel model) {
		for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();)
			if (it.next() instanceof MarkerAnnotation a && ProblemMarkers.TYPE.equals(type(a)))
				a.markDeleted(true);
	}

	private static String type(MarkerAnnotation a) {
		try {
			return a.getMarker().getType();
		} catch (org.eclipse.core.runtime.CoreException e) {
			return null; // deleted meanwhile
		}
	}

	private static void replaceAnnotations(IAnnotationModel model, ParsedText checked, int documentLength) {
		List<Annotation> old = new ArrayList<>();
		for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();) {
			Annotation a = it.next();
			if (a instanceof IssueAnnotation)
				old.add(a);
		}
		hideSavedProblems(model);
		Map<Annotation, Position> added = new HashMap<>();
		for (Issue issue : checked.issues()) {
			int offset = issue.getOffset() == null ? 0 : Math.min(issue.getOffset(), documentLength);
			int length = issue.getLength() == null ? 0 : Math.min(issue.getLength(), documentLength - offset);
			added.put(new IssueAnnotation(issue, checked), new Position(offset, length));
		}
		if (model instanceof IAnnotationModelExtension extension) {
			extension.replaceAnnotations(old.toArray(Annotation[]::new), added);
		} else {
			old.forEach(model::removeAnnotation);
			added.forEach(model::addAnnotation);
		}
	}
}
