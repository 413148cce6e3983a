package org.volr.lang.ide.server;

import java.util.List;

import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.SymbolKind;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.symbol.HierarchicalDocumentSymbolService;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.volr.lang.ide.services.OutlineNode;
import org.volr.lang.ide.services.ParsedText;

/**
 * The document's symbols for a client that shows them as a tree (VS Code's Outline and breadcrumbs): the tree of the
 * Eclipse Outline ({@link OutlineNode}), networks with their layers, branches and let bindings, and experiments with the
 * network they run. Xtext's own tree lists every object that has a name, which in Volr is networks and experiments
 * only, flat.
 */
public class VolrDocumentSymbols extends HierarchicalDocumentSymbolService {
	@Override
	public List<DocumentSymbol> getSymbols(Document document, XtextResource resource, DocumentSymbolParams params, CancelIndicator cancel) {
		return OutlineNode.of(new ParsedText(document.getContents(), resource, List.of())).stream().map(n -> symbol(n, document)).toList();
	}

	private static DocumentSymbol symbol(OutlineNode node, Document document) {
		Range whole = new Range(document.getPosition(node.offset()), document.getPosition(node.offset() + node.length()));
		Range name = new Range(document.getPosition(node.nameOffset()), document.getPosition(node.nameOffset() + node.nameLength()));
		// a client refuses a symbol without a name; one is missing while a declaration is being typed
		String shown = node.name() == null || node.name().isBlank() ? node.label() : node.name();
		DocumentSymbol symbol = new DocumentSymbol(shown, kind(node.kind()), whole, name, node.detail());
		symbol.setChildren(node.children().stream().map(c -> symbol(c, document)).toList());
		return symbol;
	}

	private static SymbolKind kind(OutlineNode.Kind kind) {
		return switch (kind) {
		case NETWORK -> SymbolKind.Class;
		case LAYER -> SymbolKind.Function;
		case BRANCH -> SymbolKind.Namespace;
		case LET -> SymbolKind.Variable;
		case REFERENCE -> SymbolKind.Object;
		case EXPERIMENT -> SymbolKind.Event;
		};
	}
}
