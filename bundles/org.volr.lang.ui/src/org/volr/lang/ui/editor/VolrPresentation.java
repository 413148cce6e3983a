package org.volr.lang.ui.editor;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.jface.text.DocumentEvent;
import org.eclipse.jface.text.IDocument;
import org.eclipse.jface.text.IRegion;
import org.eclipse.jface.text.ITypedRegion;
import org.eclipse.jface.text.Region;
import org.eclipse.jface.text.TextAttribute;
import org.eclipse.jface.text.TextPresentation;
import org.eclipse.jface.text.presentation.IPresentationDamager;
import org.eclipse.jface.text.presentation.IPresentationRepairer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.volr.lang.ide.services.Highlighting;
import org.volr.lang.ide.services.Highlighting.Style;
import org.volr.lang.ide.services.ParsedText;

/**
 * Colours the text from a fresh parse. A change can alter how everything after it parses (an opened comment, a
 * keyword typed into a name), so the whole document is the damaged region; .volr files are small enough for that.
 */
final class VolrPresentation implements IPresentationDamager, IPresentationRepairer {
	private static final Map<Style, TextAttribute> ATTRIBUTES = new EnumMap<>(Style.class);
	static {
		ATTRIBUTES.put(Style.KEYWORD, attribute(new RGB(127, 0, 85), SWT.BOLD));
		ATTRIBUTES.put(Style.LAYER_KIND, attribute(new RGB(0, 80, 160), SWT.BOLD));
		ATTRIBUTES.put(Style.NUMBER, attribute(new RGB(125, 80, 0), SWT.NORMAL));
		ATTRIBUTES.put(Style.UNIT, attribute(new RGB(125, 80, 0), SWT.NORMAL));
		ATTRIBUTES.put(Style.STRING, attribute(new RGB(42, 0, 255), SWT.NORMAL));
		ATTRIBUTES.put(Style.COMMENT, attribute(new RGB(63, 127, 95), SWT.ITALIC));
		ATTRIBUTES.put(Style.DECLARATION, attribute(new RGB(0, 0, 0), SWT.BOLD));
		ATTRIBUTES.put(Style.REFERENCE, attribute(new RGB(0, 110, 110), SWT.ITALIC));
		ATTRIBUTES.put(Style.NEURON_MODEL, attribute(new RGB(0, 80, 160), SWT.NORMAL));
		ATTRIBUTES.put(Style.PARAMETER, attribute(new RGB(0, 0, 0), SWT.NORMAL));
	}

	private final Function<String, ParsedText> parser;
	private IDocument document;

	VolrPresentation(Function<String, ParsedText> parser) {
		this.parser = parser;
	}

	private static TextAttribute attribute(RGB rgb, int style) {
		return new TextAttribute(new Color(rgb), null, style);
	}

	@Override
	public void setDocument(IDocument document) {
		this.document = document;
	}

	@Override
	public IRegion getDamageRegion(ITypedRegion partition, DocumentEvent event, boolean documentPartitioningChanged) {
		return new Region(0, document.getLength());
	}

	@Override
	public void createPresentation(TextPresentation presentation, ITypedRegion damage) {
		int start = damage.getOffset();
		int end = start + damage.getLength();
		for (Highlighting.Range range : Highlighting.of(parser.apply(document.get()))) {
			int from = Math.max(start, range.offset());
			int to = Math.min(end, range.offset() + range.length());
			if (from >= to)
				continue;
			TextAttribute a = ATTRIBUTES.get(range.style());
			StyleRange style = new StyleRange(from, to - from, a.getForeground(), null, a.getStyle());
			presentation.addStyleRange(style);
		}
	}
}
