package org.volr.lang.ui.editor;

import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.hyperlink.IHyperlink;
import org.eclipse.jface.text.hyperlink.IHyperlinkDetector;
import org.volr.lang.ui.services.Definitions;

/** Ctrl+click on a referenced network or let name jumps to its declaration. */
final class VolrHyperlinkDetector implements IHyperlinkDetector {
	private final VolrEditor editor;

	VolrHyperlinkDetector(VolrEditor editor) {
		this.editor = editor;
	}

	@Override
	public IHyperlink[] detectHyperlinks(ITextViewer viewer, IRegion region, boolean canShowMultipleHyperlinks) {
		Definitions.Link link = Definitions.at(editor.services().parse(editor.uri(), viewer.getDocument().get()), region.getOffset());
		if (link == null)
			return null;
		IRegion source = new Region(link.reference().offset(), link.reference().length());
		return new IHyperlink[] { new IHyperlink() {
			@Override
			public IRegion getHyperlinkRegion() {
				return source;
			}

			@Override
			public String getTypeLabel() {
				return null;
			}

			@Override
			public String getHyperlinkText() {
				return "Go to the declaration";
			}

			@Override
			public void open() {
				editor.selectAndReveal(link.target().offset(), link.target().length());
			}
		} };
	}
}
