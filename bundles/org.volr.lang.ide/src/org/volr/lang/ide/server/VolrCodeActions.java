package org.volr.lang.ide.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.codeActions.ICodeActionService2;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.validation.Issue;
import org.volr.lang.ide.services.ParsedText;
import org.volr.lang.ide.services.QuickFixes;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

/**
 * Code actions: the quick fixes of the Eclipse editor ({@link QuickFixes}) for the diagnostics the client sends
 * with the request, each as a {@code quickfix} edit of the document (a dense layer's input size, "did you mean" for
 * a misspelt name, keyword, neuron model or parameter, relu for an activation without a spiking equivalent).
 */
public class VolrCodeActions implements ICodeActionService2 {
	@Override
	public List<Either<Command, CodeAction>> getCodeActions(Options options) {
		List<String> only = options.getCodeActionParams().getContext().getOnly();
		if (only != null && !only.isEmpty() && only.stream().noneMatch(k -> k.equals(CodeActionKind.QuickFix) || CodeActionKind.QuickFix.startsWith(k + ".")))
			return List.of();
		List<Diagnostic> diagnostics = options.getCodeActionParams().getContext().getDiagnostics();
		if (diagnostics == null || diagnostics.isEmpty())
			return List.of();
		return options.getLanguageServerAccess().doSyncRead(options.getURI(), context -> {
			List<Either<Command, CodeAction>> actions = new ArrayList<>();
			if (!(context.getResource() instanceof XtextResource resource) || context.getDocument() == null)
				return actions;
			Document document = context.getDocument();
			ParsedText parsed = new ParsedText(document.getContents(), resource, List.of());
			for (Diagnostic diagnostic : diagnostics) {
				Issue issue = issue(diagnostic, document);
				if (issue == null)
					continue;
				boolean first = true;
				for (QuickFixes.Fix fix : QuickFixes.of(issue, parsed)) {
					CodeAction action = new CodeAction(fix.label());
					action.setKind(CodeActionKind.QuickFix);
					action.setDiagnostics(List.of(diagnostic));
					Range range = new Range(document.getPosition(fix.offset()), document.getPosition(fix.offset() + fix.length()));
					action.setEdit(new WorkspaceEdit(Map.of(options.getURI(), List.of(new TextEdit(range, fix.replacement())))));
					// the nearest name, or the first of the fixes the editor lists: what a client's "fix all" applies
					action.setIsPreferred(first);
					first = false;
					actions.add(Either.forRight(action));
				}
			}
			return actions;
		});
	}

	/** The issue a diagnostic stands for, as far as the fixes need it: code, region in the document, data. */
	private static Issue issue(Diagnostic diagnostic, Document document) {
		if (diagnostic.getCode() == null || diagnostic.getRange() == null)
			return null;
		int start, end;
		try {
			start = document.getOffSet(diagnostic.getRange().getStart());
			end = document.getOffSet(diagnostic.getRange().getEnd());
		} catch (IndexOutOfBoundsException outOfStep) {
			return null; // a diagnostic of an older version of the text
		}
		if (end < start)
			return null;
		Issue.IssueImpl issue = new Issue.IssueImpl();
		issue.setCode(diagnostic.getCode().isLeft() ? diagnostic.getCode().getLeft() : String.valueOf(diagnostic.getCode().getRight()));
		issue.setOffset(start);
		issue.setLength(end - start);
		issue.setData(data(diagnostic.getData()));
		issue.setMessage(diagnostic.getMessage() == null ? null : diagnostic.getMessage().getLeft());
		return issue;
	}

	/**
	 * The issue's data as the server sent it with the diagnostic (Xtext sends the issue's string array); the client
	 * returns it as JSON, or as the array itself when it runs in the server's process.
	 */
	private static String[] data(Object data) {
		if (data instanceof String[] strings)
			return strings;
		if (data instanceof JsonArray array) {
			String[] strings = new String[array.size()];
			for (int i = 0; i < strings.length; i++) {
				JsonElement e = array.get(i);
				strings[i] = e instanceof JsonPrimitive p ? p.getAsString() : e.toString();
			}
			return strings;
		}
		if (data instanceof List<?> list)
			return list.stream().map(String::valueOf).toArray(String[]::new);
		return null;
	}
}
