package org.volr.lang.ide.server;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.lsp4j.services.LanguageServer;
import org.eclipse.xtext.ide.server.BuildManager;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.ide.server.ServerModule;
import org.eclipse.xtext.ide.server.semantictokens.SemanticTokensService;
import org.eclipse.xtext.resource.IResourceServiceProvider;
import org.eclipse.xtext.util.Modules2;
import org.volr.lang.ide.VolrIdeSetup;

import com.google.inject.Guice;
import com.google.inject.Injector;

/**
 * Xtext's language server for .volr files (diagnostics, completion, hover, formatting, symbols, definitions, code
 * actions, semantic tokens) on a
 * pair of streams: what {@code volr lsp} runs on stdin/stdout so that other editors get the Volr Studio services.
 */
public final class VolrLanguageServer {
	private VolrLanguageServer() {
	}

	/**
	 * Connects a server to the streams; the caller starts it with {@code startListening()}, whose future ends when
	 * the input ends or the client sends {@code exit}.
	 */
	public static Launcher<LanguageClient> create(InputStream in, OutputStream out) {
		// registers the .volr language in the global registry; ServerModule would look for it with
		// java.util.ServiceLoader, which sees no META-INF/services across OSGi bundles
		new VolrIdeSetup().createInjectorAndDoEMFRegistration();
		Injector injector = Guice.createInjector(Modules2.mixin(new ServerModule(), binder -> {
			binder.bind(IResourceServiceProvider.Registry.class).toInstance(IResourceServiceProvider.Registry.INSTANCE);
			binder.bind(LanguageServer.class).to(VolrLanguageServerImpl.class);
			binder.bind(LanguageServerImpl.class).to(VolrLanguageServerImpl.class);
			binder.bind(SemanticTokensService.class).to(VolrSemanticTokens.class);
			binder.bind(BuildManager.class).to(DeferredInitialBuild.class);
		}));
		LanguageServerImpl server = injector.getInstance(LanguageServerImpl.class);
		ExecutorService threads = Executors.newCachedThreadPool(r -> {
			Thread t = new Thread(r, "volr-lsp");
			t.setDaemon(true);
			return t;
		});
		Launcher<LanguageClient> launcher = new LSPLauncher.Builder<LanguageClient>().setLocalService(server)
				.setRemoteInterface(LanguageClient.class).setInput(new WellFormedMessages(in, VolrLanguageServer::log))
				.setOutput(out).setExecutorService(threads).setExceptionHandler(VolrLanguageServer::toResponseError).create();
		server.connect(launcher.getRemoteProxy());
		return launcher;
	}

	/**
	 * The answer to a request that failed: the error a service meant to give, or for anything unexpected an internal
	 * error that says where the details are. lsp4j's default sends the Java stack trace to the client.
	 */
	static ResponseError toResponseError(Throwable failure) {
		Throwable t = failure;
		while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null)
			t = t.getCause();
		if (t instanceof ResponseErrorException e)
			return e.getResponseError();
		log("internal error while answering a request:");
		t.printStackTrace(System.err);
		return new ResponseError(ResponseErrorCode.InternalError,
				"internal error in the Volr language server; its standard error has the details", null);
	}

	/** Messages for whoever reads the server's standard error (editors show it in their log). */
	private static void log(String message) {
		System.err.println("volr lsp: " + message);
	}

	/** Serves until the input ends; returns the listening future for callers that want to wait on it. */
	public static Future<Void> start(InputStream in, OutputStream out) {
		return create(in, out).startListening();
	}
}
