package org.volr.lang.ide.server;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.lsp4j.jsonrpc.Launcher;
import org.eclipse.lsp4j.launch.LSPLauncher;
import org.eclipse.lsp4j.services.LanguageClient;
import org.eclipse.xtext.ide.server.LanguageServerImpl;
import org.eclipse.xtext.ide.server.ServerModule;
import org.eclipse.xtext.resource.IResourceServiceProvider;
import org.eclipse.xtext.util.Modules2;
import org.volr.lang.ide.VolrIdeSetup;

import com.google.inject.Guice;
import com.google.inject.Injector;

/**
 * Xtext's language server for .volr files (diagnostics, completion, hover, formatting, symbols, definitions) on a
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
		Injector injector = Guice.createInjector(Modules2.mixin(new ServerModule(),
				binder -> binder.bind(IResourceServiceProvider.Registry.class).toInstance(IResourceServiceProvider.Registry.INSTANCE)));
		LanguageServerImpl server = injector.getInstance(LanguageServerImpl.class);
		ExecutorService threads = Executors.newCachedThreadPool(r -> {
			Thread t = new Thread(r, "volr-lsp");
			t.setDaemon(true);
			return t;
		});
		Launcher<LanguageClient> launcher = new LSPLauncher.Builder<LanguageClient>().setLocalService(server)
				.setRemoteInterface(LanguageClient.class).setInput(in).setOutput(out).setExecutorService(threads).create();
		server.connect(launcher.getRemoteProxy());
		return launcher;
	}

	/** Serves until the input ends; returns the listening future for callers that want to wait on it. */
	public static Future<Void> start(InputStream in, OutputStream out) {
		return create(in, out).startListening();
	}
}
