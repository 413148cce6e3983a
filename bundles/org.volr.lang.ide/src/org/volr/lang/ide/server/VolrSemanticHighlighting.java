package org.volr.lang.ide.server;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.ide.editor.syntaxcoloring.IHighlightedPositionAcceptor;
import org.eclipse.xtext.ide.editor.syntaxcoloring.ISemanticHighlightingCalculator;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.volr.lang.ide.services.Highlighting;
import org.volr.lang.ide.services.ParsedText;
import org.volr.model.Experiment;
import org.volr.model.NetRef;
import org.volr.model.Network;

/**
 * The styles of the Eclipse editor ({@link Highlighting}, read from the parse) as LSP semantic token types, so a
 * client colours networks, layers, neuron models and numbers with their units as the grammar reads them: the
 * standard type names, which every colour theme knows, with the {@code declaration} modifier where a name is
 * declared. Tokens never span lines (a block comment is one token per line), as clients without multi-line token
 * support require.
 */
public class VolrSemanticHighlighting implements ISemanticHighlightingCalculator {
	/** The legend's token types, in its order; {@link VolrSemanticTokens} advertises exactly these. */
	public static final List<String> TYPES = List.of("keyword", "function", "number", "string", "comment", "class", "variable", "event", "type",
			"property");
	/** The legend's modifiers. */
	public static final List<String> MODIFIERS = List.of("declaration");

	@Override
	public void provideHighlightingFor(XtextResource resource, IHighlightedPositionAcceptor acceptor, CancelIndicator cancel) {
		if (resource == null || resource.getParseResult() == null)
			return;
		String text = resource.getParseResult().getRootNode().getText();
		for (Highlighting.Range range : Highlighting.of(new ParsedText(text, resource, List.of()))) {
			if (cancel != null && cancel.isCanceled())
				return;
			String[] ids = ids(range);
			int start = range.offset();
			int end = range.offset() + range.length();
			for (int newline = text.indexOf('\n', start); newline >= 0 && newline < end; newline = text.indexOf('\n', start)) {
				if (newline > start)
					acceptor.addPosition(start, newline - start, ids);
				start = newline + 1;
			}
			if (end > start)
				acceptor.addPosition(start, end - start, ids);
		}
	}

	/** The token type, and the declaration modifier where a name is declared. */
	static String[] ids(Highlighting.Range range) {
		return switch (range.style()) {
		case KEYWORD -> new String[] { "keyword" };
		case LAYER_KIND -> new String[] { "function" };
		case NUMBER, UNIT -> new String[] { "number" };
		case STRING -> new String[] { "string" };
		case COMMENT -> new String[] { "comment" };
		case NEURON_MODEL -> new String[] { "type" };
		case PARAMETER -> new String[] { "property" };
		case DECLARATION -> new String[] { declared(range.element()), "declaration" };
		case REFERENCE -> new String[] { referenced(range.element()) };
		};
	}

	/** A declared name: a network's, an experiment's, or a layer label or let binding (variables of the network). */
	private static String declared(EObject element) {
		if (element instanceof Network)
			return "class";
		if (element instanceof Experiment)
			return "event";
		return "variable";
	}

	/** A name that refers: to a network (also an experiment's {@code network x}), or to a let binding. */
	private static String referenced(EObject element) {
		if (element instanceof Experiment)
			return "class";
		if (element instanceof NetRef ref && ref.getTarget() instanceof Network)
			return "class";
		return "variable";
	}
}
