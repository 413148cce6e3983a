package org.volr.lang.ui.editor;

import java.util.List;

import org.eclipse.core.filebuffers.FileBuffers;
import org.eclipse.core.filebuffers.ITextFileBuffer;
import org.eclipse.core.filebuffers.ITextFileBufferManager;
import org.eclipse.core.filebuffers.LocationKind;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IPath;
import org.eclipse.emf.common.util.URI;
import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.ui.IMarkerResolution;
import org.eclipse.ui.IMarkerResolutionGenerator2;
import org.eclipse.xtext.validation.Issue;
import org.volr.lang.ui.internal.VolrUiPlugin;
import org.volr.lang.ide.services.ParsedText;
import org.volr.lang.ide.services.QuickFixes;

/**
 * Quick fixes from the Problems view: the fixes of {@link QuickFixes} for a Volr problem marker, applied through
 * the file buffer, so that an open editor shows the change and unsaved edits are kept.
 */
public final class VolrMarkerResolutions implements IMarkerResolutionGenerator2 {
	@Override
	public boolean hasResolutions(IMarker marker) {
		return marker.getAttribute(ProblemMarkers.CODE, null) != null && !fixes(marker).isEmpty();
	}

	@Override
	public IMarkerResolution[] getResolutions(IMarker marker) {
		return fixes(marker).stream().map(Resolution::new).toArray(IMarkerResolution[]::new);
	}

	/** The fixes of the issue the marker stands for, found again in the file's current text. */
	private static List<QuickFixes.Fix> fixes(IMarker marker) {
		if (!(marker.getResource() instanceof IFile file) || file.getLocation() == null)
			return List.of();
		String code = marker.getAttribute(ProblemMarkers.CODE, null);
		int start = marker.getAttribute(IMarker.CHAR_START, -1);
		try {
			String text = withDocument(file, IDocument::get);
			ParsedText checked = VolrUiPlugin.getDefault().services().check(URI.createFileURI(file.getLocation().toOSString()), text, null);
			for (Issue issue : checked.issues())
				if (code.equals(issue.getCode()) && issue.getOffset() != null && issue.getOffset() == start)
					return QuickFixes.of(issue, checked);
		} catch (CoreException e) {
			ILog.of(VolrMarkerResolutions.class).log(e.getStatus());
		}
		return List.of(); // the text changed since the marker was made: the next save makes new markers
	}

	private interface DocumentWork<T> {
		T apply(IDocument document) throws CoreException;
	}

	private static <T> T withDocument(IFile file, DocumentWork<T> work) throws CoreException {
		ITextFileBufferManager manager = FileBuffers.getTextFileBufferManager();
		IPath path = file.getFullPath();
		manager.connect(path, LocationKind.IFILE, null);
		try {
			ITextFileBuffer buffer = manager.getTextFileBuffer(path, LocationKind.IFILE);
			return work.apply(buffer.getDocument());
		} finally {
			manager.disconnect(path, LocationKind.IFILE, null);
		}
	}

	/** One fix, shown in the Problems view's Quick Fix dialog. */
	private record Resolution(QuickFixes.Fix fix) implements IMarkerResolution {
		@Override
		public String getLabel() {
			return fix.label();
		}

		@Override
		public void run(IMarker marker) {
			if (!(marker.getResource() instanceof IFile file))
				return;
			try {
				withDocument(file, document -> {
					try {
						document.replace(fix.offset(), fix.length(), fix.replacement());
					} catch (BadLocationException e) {
						return null; // the file got shorter since: nothing to fix any more
					}
					ITextFileBuffer buffer = FileBuffers.getTextFileBufferManager().getTextFileBuffer(file.getFullPath(), LocationKind.IFILE);
					// an editor with unsaved changes keeps them unsaved; otherwise the fix is saved, as it came from a saved file
					if (!buffer.isShared())
						buffer.commit(null, true);
					return null;
				});
				marker.delete();
			} catch (CoreException e) {
				ILog.of(VolrMarkerResolutions.class).log(e.getStatus());
			}
		}
	}
}
