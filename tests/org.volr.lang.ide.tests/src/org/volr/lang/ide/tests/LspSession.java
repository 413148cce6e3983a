package org.volr.lang.ide.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.DocumentSymbolCapabilities;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentClientCapabilities;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.services.LanguageServer;
import org.volr.lang.ide.server.VolrLanguageServer;
import org.volr.lang.ide.tests.client.TestEditor;

/** A server with one client, as an editor that shows symbols as a tree starts it; closed by the test. */
final class LspSession implements AutoCloseable {
	final TestEditor editor = new TestEditor();
	final Future<Void> serving;
	final InitializeResult initialized;
	private final Path workspace;

	LspSession(Path workspace) throws Exception {
		this.workspace = workspace;
		serving = VolrLanguageServer.start(editor.serverInput(), editor.serverOutput());
		InitializeParams init = new InitializeParams();
		init.setRootUri(workspace.toUri().toString());
		TextDocumentClientCapabilities text = new TextDocumentClientCapabilities();
		DocumentSymbolCapabilities symbols = new DocumentSymbolCapabilities();
		symbols.setHierarchicalDocumentSymbolSupport(true);
		text.setDocumentSymbol(symbols);
		ClientCapabilities capabilities = new ClientCapabilities();
		capabilities.setTextDocument(text);
		init.setCapabilities(capabilities);
		initialized = editor.connect(init, 30);
	}

	LanguageServer server() {
		return editor.server();
	}

	/** Writes the file and opens it in the server; returns its URI. */
	String open(String name, String text) throws IOException {
		Path file = workspace.resolve(name);
		Files.writeString(file, text);
		String uri = file.toUri().toString();
		server().getTextDocumentService().didOpen(new DidOpenTextDocumentParams(new TextDocumentItem(uri, "volr", 1, text)));
		return uri;
	}

	/** The diagnostics published for the file (the first non-empty list). */
	List<Diagnostic> diagnostics(String uri) throws InterruptedException {
		PublishDiagnosticsParams p = editor.awaitDiagnostics(u -> Path.of(java.net.URI.create(u)).equals(Path.of(java.net.URI.create(uri))), 30_000);
		if (p == null)
			throw new AssertionError("no diagnostics published for " + uri);
		return p.getDiagnostics();
	}

	/** What completion offers in a file of this text with the cursor right after the first {@code before}. */
	static List<CompletionItem> completionAfter(Path workspace, String text, String before) throws Exception {
		int found = text.indexOf(before);
		if (found < 0)
			throw new AssertionError("'" + before + "' is not in the text");
		try (LspSession session = new LspSession(workspace)) {
			String uri = session.open("c.volr", text);
			Either<List<CompletionItem>, CompletionList> answer = session.server().getTextDocumentService()
					.completion(new CompletionParams(new TextDocumentIdentifier(uri), position(text, found + before.length()))).get(30, TimeUnit.SECONDS);
			return answer.isLeft() ? answer.getLeft() : answer.getRight().getItems();
		}
	}

	@Override
	public void close() throws Exception {
		server().shutdown().get(30, TimeUnit.SECONDS);
		editor.close();
		serving.get(30, TimeUnit.SECONDS);
	}

	/** The LSP position of the {@code nth} (from 0) occurrence of {@code word} in {@code text}. */
	static Position at(String text, String word, int nth) {
		int offset = -1;
		for (int i = 0; i <= nth; i++) {
			offset = text.indexOf(word, offset + 1);
			if (offset < 0)
				throw new AssertionError("'" + word + "' occurs fewer than " + (nth + 1) + " times");
		}
		return position(text, offset);
	}

	static Position position(String text, int offset) {
		int line = 0, lineStart = 0;
		for (int i = 0; i < offset; i++)
			if (text.charAt(i) == '\n') {
				line++;
				lineStart = i + 1;
			}
		return new Position(line, offset - lineStart);
	}

	static int offset(String text, Position p) {
		int line = 0, i = 0;
		while (line < p.getLine()) {
			if (text.charAt(i++) == '\n')
				line++;
		}
		return i + p.getCharacter();
	}

	/** The text with the edits applied (non-overlapping, any order). */
	static String apply(String text, List<? extends TextEdit> edits) {
		String result = text;
		List<? extends TextEdit> sorted = edits.stream()
				.sorted((a, b) -> Integer.compare(offset(text, b.getRange().getStart()), offset(text, a.getRange().getStart()))).toList();
		for (TextEdit e : sorted) {
			Range r = e.getRange();
			result = result.substring(0, offset(result, r.getStart())) + e.getNewText() + result.substring(offset(result, r.getEnd()));
		}
		return result;
	}
}
