package org.volr.lang.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.xtext.formatting2.FormatterPreferenceKeys;
import org.eclipse.xtext.formatting2.FormatterRequest;
import org.eclipse.xtext.preferences.MapBasedPreferenceValues;
import org.eclipse.xtext.preferences.TypedPreferenceValues;
import org.eclipse.xtext.formatting2.IFormatter2;
import org.eclipse.xtext.formatting2.regionaccess.ITextRegionAccess;
import org.eclipse.xtext.formatting2.regionaccess.ITextReplacement;
import org.eclipse.xtext.formatting2.regionaccess.TextRegionAccessBuilder;
import org.eclipse.xtext.resource.SaveOptions;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.serializer.ISerializer;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.ExceptionAcceptor;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IResourceValidator;
import org.eclipse.xtext.validation.Issue;
import org.volr.lang.GuardedVolrParser;
import org.volr.lang.LineEnds;
import org.volr.lang.NestingDepth;
import org.volr.lang.VolrStandaloneSetup;
import org.volr.model.VolrFile;

import com.google.inject.Injector;
import com.google.inject.Provider;

/**
 * The language as a library: load .volr files, check them, format and serialize them. Used by the command line,
 * the tests and (later) the builder, so that all of them report exactly the same diagnostics.
 */
public final class VolrLanguage {
	/** One level of indentation in formatted .volr text. */
	public static final String INDENT = "    ";

	private static Injector sharedInjector;

	private final Provider<XtextResourceSet> resourceSets;
	private final IResourceValidator validator;
	private final Provider<FormatterRequest> formatterRequests;
	private final IFormatter2 formatter;
	private final TextRegionAccessBuilder regionAccess;
	private final ISerializer serializer;

	private VolrLanguage(Injector injector) {
		resourceSets = injector.getProvider(XtextResourceSet.class);
		validator = injector.getInstance(IResourceValidator.class);
		formatterRequests = injector.getProvider(FormatterRequest.class);
		formatter = injector.getInstance(IFormatter2.class);
		regionAccess = injector.getInstance(TextRegionAccessBuilder.class);
		serializer = injector.getInstance(ISerializer.class);
	}

	public static synchronized VolrLanguage create() {
		if (sharedInjector == null)
			sharedInjector = new VolrStandaloneSetup().createInjectorAndDoEMFRegistration();
		return new VolrLanguage(sharedInjector);
	}

	/** The language on an injector made elsewhere, e.g. the IDE's, so that editor and command line format alike. */
	public static VolrLanguage create(Injector injector) {
		return new VolrLanguage(injector);
	}

	/** Files loaded together, so that names declared in one are visible in the others. */
	public final class Workspace {
		private final XtextResourceSet resourceSet = resourceSets.get();
		private final Map<Path, XtextResource> resources = new LinkedHashMap<>();
		private final List<Diagnostic> loadProblems = new ArrayList<>();

		private Workspace() {
			resourceSet.addLoadOption(XtextResource.OPTION_ENCODING, StandardCharsets.UTF_8.name());
		}

		/** Adds a file; a file that cannot be read becomes a diagnostic, never an exception. */
		public XtextResource add(Path file) {
			byte[] bytes;
			try {
				bytes = Files.readAllBytes(file);
				StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
			} catch (NoSuchFileException e) {
				loadProblems.add(new Diagnostic(file, 1, 1, Diagnostic.Severity.ERROR, "no such file", "io"));
				return null;
			} catch (MalformedInputException e) {
				loadProblems.add(new Diagnostic(file, 1, 1, Diagnostic.Severity.ERROR,
						"not a UTF-8 text file (bad byte at offset " + e.getInputLength() + ")", "io"));
				return null;
			} catch (IOException e) {
				loadProblems.add(new Diagnostic(file, 1, 1, Diagnostic.Severity.ERROR, "cannot read: " + IoMessages.describe(e), "io"));
				return null;
			}
			// a byte order mark is no part of the text (editors hide it); dropped here, columns on line 1 stay right
			return add(file, LineEnds.withoutBom(new String(bytes, StandardCharsets.UTF_8)));
		}

		/** Adds text under a file name (the file need not exist). */
		public XtextResource add(Path file, String text) {
			URI uri = URI.createFileURI(file.toAbsolutePath().normalize().toString());
			XtextResource resource = (XtextResource) resourceSet.createResource(uri);
			try (InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))) {
				resource.load(in, resourceSet.getLoadOptions());
			} catch (IOException e) {
				loadProblems.add(new Diagnostic(file, 1, 1, Diagnostic.Severity.ERROR, "cannot parse: " + IoMessages.describe(e), "io"));
				return null;
			} catch (StackOverflowError e) {
				// the parser refuses deep nesting before it recurses; this is the last resort for the one file
				loadProblems.add(tooDeep(file));
				resourceSet.getResources().remove(resource);
				return null;
			}
			resources.put(file, resource);
			return resource;
		}

		public VolrFile model(Path file) {
			XtextResource r = resources.get(file);
			if (r == null || r.getContents().isEmpty())
				return null;
			return (VolrFile) r.getContents().get(0);
		}

		/** Syntax, linking and validation diagnostics of every file, sorted by file and position. */
		public List<Diagnostic> check() {
			List<Diagnostic> all = new ArrayList<>(loadProblems);
			for (Map.Entry<Path, XtextResource> e : resources.entrySet()) {
				List<Issue> issues;
				try {
					issues = validator.validate(e.getValue(), CheckMode.ALL, CancelIndicator.NullImpl);
				} catch (StackOverflowError overflow) {
					// last resort, so that one file cannot stop the check of the others
					all.add(tooDeep(e.getKey()));
					continue;
				}
				for (Issue issue : issues)
					all.add(toDiagnostic(e.getKey(), issue));
			}
			all.sort(Comparator.comparing((Diagnostic d) -> d.file().toString()).thenComparingInt(Diagnostic::line)
					.thenComparingInt(Diagnostic::column));
			return all;
		}
	}

	public Workspace workspace() {
		return new Workspace();
	}

	/** Checks files together; never throws for bad input. */
	public List<Diagnostic> check(List<Path> files) {
		Workspace ws = workspace();
		for (Path f : files)
			ws.add(f);
		return ws.check();
	}

	/** Parses text on its own (for tests and tools). */
	public VolrFile parse(String text) {
		Workspace ws = workspace();
		Path name = Path.of("inline.volr");
		ws.add(name, text);
		return ws.model(name);
	}

	/**
	 * The formatted text of a parsed file, comments kept. Returns null when the file has syntax errors (formatting
	 * half-parsed text would move tokens the user did not write).
	 */
	public String format(XtextResource resource) {
		// only syntax errors: getErrors() also holds unresolved names, and a file with a typo in a name is well formed
		if (resource.getParseResult() == null || resource.getParseResult().hasSyntaxErrors())
			return null;
		String text = resource.getParseResult().getRootNode().getText();
		ITextRegionAccess access = regionAccess.forNodeModel(resource).create();
		FormatterRequest request = formatterRequests.get();
		request.setTextRegionAccess(access);
		request.setExceptionHandler(ExceptionAcceptor.IGNORING);
		request.setPreferences(TypedPreferenceValues.castOrWrap(new MapBasedPreferenceValues(
				Map.of(FormatterPreferenceKeys.indentation.getId(), INDENT))));
		List<ITextReplacement> replacements = new ArrayList<>(formatter.format(request));
		replacements.sort(Comparator.comparingInt(ITextReplacement::getOffset).reversed());
		StringBuilder b = new StringBuilder(text);
		for (ITextReplacement r : replacements)
			b.replace(r.getOffset(), r.getEndOffset(), r.getReplacementText());
		String out = b.toString().strip();
		return out + "\n";
	}

	/** Writes a model as .volr text (formatted), for models built in code: importers, the diagram editor. */
	public String serialize(EObject model) {
		return serializer.serialize(model, SaveOptions.newBuilder().format().getOptions());
	}

	/** Serializes a model that is not yet in a resource by putting it into a throw-away one. */
	public String serializeDetached(VolrFile model) {
		XtextResourceSet rs = resourceSets.get();
		Resource r = rs.createResource(URI.createURI("detached.volr"));
		r.getContents().add(model);
		return serialize(model);
	}

	private static Diagnostic tooDeep(Path file) {
		return new Diagnostic(file, 1, 1, Diagnostic.Severity.ERROR, "nesting too deep to check (more than "
				+ NestingDepth.LIMIT + " levels of brackets and 'let's); give the inner parts names", GuardedVolrParser.TOO_DEEP);
	}

	private static Diagnostic toDiagnostic(Path file, Issue issue) {
		Diagnostic.Severity severity = switch (issue.getSeverity()) {
		case ERROR -> Diagnostic.Severity.ERROR;
		case WARNING -> Diagnostic.Severity.WARNING;
		default -> Diagnostic.Severity.INFO;
		};
		int line = issue.getLineNumber() == null ? 1 : issue.getLineNumber();
		int column = issue.getColumn() == null ? 1 : issue.getColumn();
		return new Diagnostic(file, line, column, severity, issue.getMessage(), issue.getCode());
	}
}
