package org.volr.lang.ui.editor;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.eclipse.jface.text.BadLocationException;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.Position;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.quickassist.IQuickAssistInvocationContext;
import org.eclipse.jface.text.quickassist.IQuickAssistProcessor;
import org.eclipse.jface.text.source.Annotation;
import org.eclipse.jface.text.source.IAnnotationModel;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.volr.lang.ide.services.QuickFixes;

/** Ctrl+1 on an error: the fixes of {@link QuickFixes} for the issue annotations at the cursor's line. */
public final class VolrQuickAssistProcessor implements IQuickAssistProcessor {
	private final VolrEditor editor;

	public VolrQuickAssistProcessor(VolrEditor editor) {
		this.editor = editor;
	}

	@Override
	public String getErrorMessage() {
		return null;
	}

	@Override
	public boolean canFix(Annotation annotation) {
		return annotation instanceof IssueAnnotation a && a.hasFixes();
	}

	@Override
	public boolean canAssist(IQuickAssistInvocationContext context) {
		return false;
	}

	@Override
	public ICompletionProposal[] computeQuickAssistProposals(IQuickAssistInvocationContext context) {
		IDocument document = context.getSourceViewer().getDocument();
		IAnnotationModel model = editor.annotationModel();
		List<ICompletionProposal> proposals = new ArrayList<>();
		if (model == null)
			return new ICompletionProposal[0];
		int line;
		try {
			line = document.getLineOfOffset(context.getOffset());
		} catch (BadLocationException e) {
			return new ICompletionProposal[0];
		}
		for (Iterator<Annotation> it = model.getAnnotationIterator(); it.hasNext();) {
			if (!(it.next() instanceof IssueAnnotation annotation) || annotation.isMarkedDeleted())
				continue;
			Position p = model.getPosition(annotation);
			try {
				if (p == null || document.getLineOfOffset(p.getOffset()) != line)
					continue;
			} catch (BadLocationException e) {
				continue;
			}
			// the issue's offsets belong to the text it was found in; the annotation's position follows later edits
			int shift = p.getOffset() - annotation.issue().getOffset();
			for (QuickFixes.Fix fix : QuickFixes.of(annotation.issue(), annotation.parsed()))
				proposals.add(new FixProposal(fix, shift));
		}
		return proposals.toArray(ICompletionProposal[]::new);
	}

	/** One fix as a proposal in the quick-fix popup. */
	static final class FixProposal implements ICompletionProposal {
		private final QuickFixes.Fix fix;
		private final int shift;

		FixProposal(QuickFixes.Fix fix, int shift) {
			this.fix = fix;
			this.shift = shift;
		}

		@Override
		public void apply(IDocument document) {
			try {
				document.replace(fix.offset() + shift, fix.length(), fix.replacement());
			} catch (BadLocationException e) {
				// the text changed under the popup; the next reconcile offers fixes for the new text
			}
		}

		@Override
		public Point getSelection(IDocument document) {
			return new Point(fix.offset() + shift + fix.replacement().length(), 0);
		}

		@Override
		public String getAdditionalProposalInfo() {
			return null;
		}

		@Override
		public String getDisplayString() {
			return fix.label();
		}

		@Override
		public Image getImage() {
			return null;
		}

		@Override
		public IContextInformation getContextInformation() {
			return null;
		}
	}
}
