package org.volr.lang.ide.server;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.eclipse.emf.common.util.URI;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionList;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.DefinitionParams;
import org.eclipse.lsp4j.DocumentHighlight;
import org.eclipse.lsp4j.DocumentHighlightParams;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.InitializeParams;
import org.eclipse.lsp4j.InitializeResult;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.Location;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.ReferenceParams;
import org.eclipse.lsp4j.SignatureHelp;
import org.eclipse.lsp4j.SignatureHelpParams;
import org.eclipse.lsp4j.TextDocumentPositionParams;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.Either;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.xtext.ide.server.Document;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.volr.lang.GuardedVolrParser;

import com.google.inject.Inject;

/**
 * Xtext's language server with the answers the protocol asks for where Xtext throws:
 * <ul>
 * <li>a method nobody serves is JSON-RPC's "method not found" (-32601), not an internal error with a stack trace;
 * <li>{@code initialize} is answered before the workspace is read and checked ({@link DeferredInitialBuild});
 * <li>a position beyond the document (a client out of step with its edits) gets an empty answer, not an index
 * error; so does a document the parser refused (too large or nested too deeply), where content assist would
 * otherwise parse the huge or deep text again.
 * </ul>
 */
public class VolrLanguageServerImpl extends LanguageServerImpl {
	@Inject
	private DeferredInitialBuild initialBuild;

	/**
	 * An editor that opens a single file without a folder (VS Code's File > Open File, Neovim on one file) sends
	 * no root and no workspace folders; Xtext then fails {@code initialize} itself. Such a client gets an empty
	 * folder of its own as the workspace: the files it opens are served as files outside every folder.
	 */
	@Override
	public CompletableFuture<InitializeResult> initialize(InitializeParams params) {
		boolean noFolders = params.getWorkspaceFolders() == null || params.getWorkspaceFolders().isEmpty();
		@SuppressWarnings("deprecation")
		boolean noRoot = params.getRootUri() == null && params.getRootPath() == null;
		if (noFolders && noRoot) {
			try {
				java.nio.file.Path empty = java.nio.file.Files.createTempDirectory("volr-lsp-");
				empty.toFile().deleteOnExit();
				params.setRootUri(empty.toUri().toString());
			} catch (java.io.IOException e) {
				return CompletableFuture.failedFuture(new ResponseErrorException(new ResponseError(ResponseErrorCode.InternalError,
						"no workspace folder was given and no empty one could be made in the temporary folder: " + e.getMessage(), null)));
			}
		}
		return super.initialize(params);
	}

	/**
	 * The client has the capabilities: now the workspace's first build (see {@link DeferredInitialBuild}). It is not
	 * cancelled by the edits that follow (a write request cancels the one before it), which would leave the files
	 * it had not reached unbuilt; they wait for it instead, as they waited for initialize before. Requests run in
	 * the order they arrive, so every one after {@code initialized} sees the built workspace. (The workspace
	 * manager's build listeners are not told of this build; the server registers only Xtext's own, which ignores it.)
	 */
	@Override
	public void initialized(InitializedParams params) {
		super.initialized(params);
		getRequestManager().runWrite(() -> null, (cancel, nothing) -> {
			initialBuild.buildDeferred(CancelIndicator.NullImpl);
			return null;
		});
	}

	@Override
	public CompletableFuture<?> request(String method, Object parameter) {
		if (!getExtensionProviders().containsKey(method))
			return CompletableFuture.failedFuture(new ResponseErrorException(
					new ResponseError(ResponseErrorCode.MethodNotFound, "method not found: " + method, null)));
		return super.request(method, parameter);
	}

	/** A notification nobody serves is dropped, as JSON-RPC says. */
	@Override
	public void notify(String method, Object parameter) {
		if (getExtensionProviders().containsKey(method))
			super.notify(method, parameter);
	}

	@Override
	protected Either<List<CompletionItem>, CompletionList> completion(CancelIndicator cancel, CompletionParams params) {
		return answerable(params) ? super.completion(cancel, params) : Either.forRight(new CompletionList());
	}

	@Override
	protected Hover hover(HoverParams params, CancelIndicator cancel) {
		return answerable(params) ? super.hover(params, cancel) : null;
	}

	@Override
	protected List<? extends Location> definition(CancelIndicator cancel, DefinitionParams params) {
		return answerable(params) ? super.definition(cancel, params) : List.of();
	}

	@Override
	protected List<? extends Location> references(ReferenceParams params, CancelIndicator cancel) {
		return answerable(params) ? super.references(params, cancel) : List.of();
	}

	@Override
	protected List<? extends DocumentHighlight> documentHighlight(DocumentHighlightParams params, CancelIndicator cancel) {
		return answerable(params) ? super.documentHighlight(params, cancel) : List.of();
	}

	@Override
	protected SignatureHelp signatureHelp(SignatureHelpParams params, CancelIndicator cancel) {
		return answerable(params) ? super.signatureHelp(params, cancel) : new SignatureHelp();
	}

	/** Whether the position lies inside the open document and the document was parsed. */
	private boolean answerable(TextDocumentPositionParams params) {
		URI uri = getURI(params);
		return getWorkspaceManager().doRead(uri, (document, resource) -> inside(document, params.getPosition()) && !refused(resource));
	}

	private static boolean inside(Document document, Position position) {
		if (position == null || position.getLine() < 0 || position.getCharacter() < 0)
			return false;
		if (document == null)
			return true; // not open: Xtext answers from the file
		try {
			document.getOffSet(position);
			return true;
		} catch (IndexOutOfBoundsException beyondTheText) {
			return false;
		}
	}

	private static boolean refused(XtextResource resource) {
		return resource != null && resource.getParseResult() != null && GuardedVolrParser.isRefused(resource.getParseResult());
	}
}
