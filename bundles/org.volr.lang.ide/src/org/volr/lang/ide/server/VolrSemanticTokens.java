package org.volr.lang.ide.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.lsp4j.SemanticTokens;
import org.eclipse.lsp4j.SemanticTokensParams;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.semantictokens.SemanticTokensService;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;

/**
 * Semantic tokens of a .volr document with the legend the server advertises: the types and modifiers
 * {@link VolrSemanticHighlighting} gives. Xtext's legend ("keyword", "default", "number") named none of the tokens a
 * .volr file has, so every answer was empty; and its encoding writes a token's type as its legend index plus one, so
 * a client would read every type as the next one in the legend. Here a token's type is its index in the legend.
 */
public class VolrSemanticTokens extends SemanticTokensService {
	@Override
	protected void addTokenTypes() {
		getTokenTypes().addAll(VolrSemanticHighlighting.TYPES);
	}

	@Override
	protected void addTokenModifiers() {
		getTokenModifiers().addAll(VolrSemanticHighlighting.MODIFIERS);
	}

	@Override
	public SemanticTokens semanticTokensFull(Document document, XtextResource resource, SemanticTokensParams params, CancelIndicator cancel) {
		List<Integer> data = new ArrayList<>();
		if (document == null || resource == null)
			return new SemanticTokens(data);
		List<Token> tokens = new ArrayList<>();
		new VolrSemanticHighlighting().provideHighlightingFor(resource, (offset, length, ids) -> tokens.add(new Token(offset, length, ids)), cancel);
		tokens.sort(Comparator.comparingInt(Token::offset));
		// one pass over the text, in token order: Document.getPosition counts lines from the start for every call
		String text = document.getContents();
		int scanned = 0, line = 0, lineStart = 0;
		int lastLine = 0, lastCharacter = 0, previousEnd = 0;
		for (Token t : tokens) {
			int type = -1;
			int modifiers = 0;
			for (String id : t.ids()) {
				if (type < 0 && getTokenTypes().contains(id))
					type = getTokenTypes().indexOf(id);
				if (getTokenModifiers().contains(id))
					modifiers |= 1 << getTokenModifiers().indexOf(id);
			}
			if (type < 0 || t.offset() < previousEnd || t.offset() + t.length() > text.length())
				continue;
			for (; scanned < t.offset(); scanned++) {
				char c = text.charAt(scanned);
				if (c == '\n' || c == '\r' && (scanned + 1 >= text.length() || text.charAt(scanned + 1) != '\n')) {
					line++;
					lineStart = scanned + 1;
				}
			}
			int character = t.offset() - lineStart;
			data.add(line - lastLine);
			data.add(line == lastLine ? character - lastCharacter : character);
			data.add(t.length());
			data.add(type);
			data.add(modifiers);
			lastLine = line;
			lastCharacter = character;
			previousEnd = t.offset() + t.length();
		}
		return new SemanticTokens(data);
	}

	private record Token(int offset, int length, String[] ids) {
	}
}
