package org.volr.lang.ide.server;

import java.util.List;

import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.hover.HoverService;
import org.eclipse.xtext.ide.server.hover.IHoverService;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.volr.lang.ide.services.LayerInfo;
import org.volr.lang.ide.services.ParsedText;

/**
 * Hover over LSP: what the Eclipse editor's hover shows ({@link LayerInfo}: a layer's or network's inferred shape and
 * parameter count, a neuron model's or parameter's documentation), as plain text so that every client shows it as
 * written. Xtext's own hover shows documentation comments, which .volr elements do not have, so it was always empty.
 */
public class VolrHoverService extends HoverService {
	@Override
	public Hover hover(Document document, XtextResource resource, HoverParams params, CancelIndicator cancel) {
		int offset;
		try {
			offset = document.getOffSet(params.getPosition());
		} catch (IndexOutOfBoundsException beyondTheText) {
			return IHoverService.EMPTY_HOVER;
		}
		String info = LayerInfo.at(new ParsedText(document.getContents(), resource, List.of()), offset);
		if (info == null)
			return IHoverService.EMPTY_HOVER;
		return new Hover(new MarkupContent(MarkupKind.PLAINTEXT, info));
	}
}
