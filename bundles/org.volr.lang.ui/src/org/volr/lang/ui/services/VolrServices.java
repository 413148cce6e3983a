package org.volr.lang.ui.services;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.eclipse.emf.common.util.URI;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.ide.editor.contentassist.antlr.ContentAssistContextFactory;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.TextRegion;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.volr.lang.api.VolrLanguage;
import org.volr.lang.ide.services.ParsedText;

import com.google.inject.Injector;

/**
 * The language services the editor needs, free of any UI: parsing, validation, content assist and formatting, all
 * through the Xtext IDE injector of org.volr.lang.ide, so the editor reports what {@code volr check} reports.
 */
public final class VolrServices {
	/** Xtext's content-assist parser runs its lookahead on a pool; daemon threads so the workbench can exit. */
	private static final ExecutorService CONTENT_ASSIST_POOL = Executors.newCachedThreadPool(r -> {
		Thread t = new Thread(r, "volr-content-assist");
		t.setDaemon(true);
		return t;
	});

	private final Injector injector;
	private final VolrLanguage language;

	public VolrServices(Injector injector) {
		this.injector = injector;
		this.language = VolrLanguage.create(injector);
	}

	/**
	 * Parses text as if it were the file at {@code uri}. A file URI lets the checks resolve paths (data, weights)
	 * relative to the file, as the command line does.
	 */
	public ParsedText parse(URI uri, String text) {
		XtextResourceSet resourceSet = injector.getInstance(XtextResourceSet.class);
		XtextResource resource = (XtextResource) resourceSet.createResource(uri == null ? URI.createURI("inline.volr") : uri);
		try {
			resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), resourceSet.getLoadOptions());
		} catch (IOException e) {
			throw new UncheckedIOException("cannot parse " + uri, e); // in-memory stream: does not happen
		}
		return new ParsedText(text, resource, List.of());
	}

	/** Parses and runs every check (syntax, names, shapes, units). */
	public ParsedText check(URI uri, String text, CancelIndicator cancel) {
		ParsedText parsed = parse(uri, text);
		List<Issue> issues = injector.getInstance(IResourceValidator.class).validate(parsed.resource(), CheckMode.ALL,
				cancel == null ? CancelIndicator.NullImpl : cancel);
		return new ParsedText(text, parsed.resource(), issues);
	}

	/** Proposals at {@code offset}: keywords, layer kinds, parameters and names in scope. */
	public List<ContentAssistEntry> proposals(URI uri, String text, int offset) {
		ParsedText parsed = parse(uri, text);
		ContentAssistContextFactory factory = injector.getInstance(ContentAssistContextFactory.class);
		factory.setPool(CONTENT_ASSIST_POOL);
		ContentAssistContext[] contexts = factory.create(text, new TextRegion(offset, 0), offset, parsed.resource());
		IdeContentProposalProvider provider = injector.getInstance(IdeContentProposalProvider.class);
		IdeContentProposalAcceptor acceptor = injector.getInstance(IdeContentProposalAcceptor.class);
		provider.createProposals(Arrays.asList(contexts), acceptor);
		List<ContentAssistEntry> entries = new ArrayList<>();
		acceptor.getEntries().forEach(entries::add);
		return entries;
	}

	/** The text as {@code volr format} writes it, or null when it has syntax errors. */
	public String format(URI uri, String text) {
		return language.format(parse(uri, text).resource());
	}
}
