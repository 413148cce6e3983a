package org.volr.lang;

import java.util.Locale;

import org.antlr.runtime.ANTLRStringStream;
import org.antlr.runtime.CharStream;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.SyntaxErrorMessage;
import org.eclipse.xtext.nodemodel.impl.NodeModelBuilder;
import org.eclipse.xtext.parser.IParseResult;
import org.eclipse.xtext.parser.ParseResult;
import org.eclipse.xtext.util.ReplaceRegion;
import org.volr.lang.parser.antlr.VolrParser;
import org.volr.lang.services.VolrGrammarAccess;
import org.volr.model.VolrFactory;
import org.volr.model.VolrFile;

import com.google.inject.Inject;
import com.google.inject.name.Named;

/**
 * The generated parser behind two guards, so that every client of the language (volr check, the language server,
 * the editor) gets an error instead of a crash or a stall:
 * <ul>
 * <li>text nested deeper than {@link NestingDepth#LIMIT} levels, which would overflow the stack of the recursive
 * parser and of everything that walks the model after it, is refused with an error at the first level too deep;
 * <li>text longer than {@link #MAX_CHARS} (bound only by the editor services) is refused with an error at its start,
 * so that a huge document cannot block the language server for minutes.
 * </ul>
 * It also reads line ends written as a lone CR (classic Mac OS) as line breaks and a byte order mark as white
 * space; both substitutions keep every offset, so positions still match the text the user sees.
 */
public class GuardedVolrParser extends VolrParser {
	/** The name of the optional binding of the longest text the parser accepts (in characters). */
	public static final String MAX_CHARS = "org.volr.lang.parser.maxChars";
	/** Diagnostic codes of the refusals. */
	public static final String TOO_DEEP = "org.volr.lang.tooDeep";
	public static final String TOO_LARGE = "org.volr.lang.tooLarge";

	@Inject(optional = true)
	@Named(MAX_CHARS)
	private Integer maxChars;

	@Inject
	private VolrGrammarAccess grammar;

	@Override
	protected IParseResult doParse(String ruleName, CharStream in, NodeModelBuilder builder, int initialLookAhead) {
		String text = in.substring(0, in.size() - 1);
		boolean whole = ruleName == null || ruleName.equals(getDefaultRuleName());
		if (whole) {
			if (maxChars != null && text.length() > maxChars)
				return refuse(text, 0, Math.max(1, lineEnd(text, 0)), TOO_LARGE, String.format(Locale.ROOT,
						"file too large for the editor services (%.1f MB, limit %.1f MB); check it with 'volr check'",
						text.length() / 1e6, maxChars / 1e6));
			int tooDeep = NestingDepth.firstBeyond(text, NestingDepth.LIMIT);
			if (tooDeep >= 0)
				return refuse(text, tooDeep, 1, TOO_DEEP, tooDeepMessage());
		}
		String readable = LineEnds.readable(text);
		CharStream stream = readable.equals(text) ? in : new ANTLRStringStream(readable);
		try {
			return super.doParse(ruleName, stream, builder, initialLookAhead);
		} catch (StackOverflowError e) {
			// the depth count guards against this; should a text still get through, it gets the same error
			if (!whole)
				throw e;
			return refuse(text, 0, 1, TOO_DEEP, tooDeepMessage());
		}
	}

	/**
	 * An edit in the editor reparses only the changed part; a text that must be refused or rewritten is parsed
	 * whole instead, so that the refusal covers the file and the substitutions cannot split a CR LF pair.
	 */
	@Override
	protected IParseResult doReparse(IParseResult previous, ReplaceRegion region) {
		StringBuilder b = new StringBuilder(previous.getRootNode().getText());
		region.applyTo(b);
		String text = b.toString();
		if ((maxChars != null && text.length() > maxChars) || !LineEnds.readable(text).equals(text)
				|| NestingDepth.firstBeyond(text, NestingDepth.LIMIT) >= 0 || previous.getRootASTElement() == null
				|| isRefused(previous))
			return doParse(text);
		return super.doReparse(previous, region);
	}

	/** Whether the parser refused the text (too large or nested too deeply) instead of parsing it. */
	public static boolean isRefused(IParseResult result) {
		for (var error : result.getSyntaxErrors()) {
			String code = error.getSyntaxErrorMessage().getIssueCode();
			if (TOO_DEEP.equals(code) || TOO_LARGE.equals(code))
				return true;
		}
		return false;
	}

	private static String tooDeepMessage() {
		return "nesting deeper than " + NestingDepth.LIMIT + " levels (brackets and 'let's); give the inner parts names"
				+ " with 'network' or 'let' at the top level";
	}

	/**
	 * A parse result for a refused text: an empty file whose node model covers the whole text as white space, with
	 * the error on the characters [at, at + length). The text keeps its offsets for editors, but nothing in it is
	 * parsed, so nothing after the parser can recurse into it.
	 */
	private IParseResult refuse(String text, int at, int length, String code, String message) {
		NodeModelBuilder builder = createNodeModelBuilder();
		ICompositeNode root = builder.newRootNode(text);
		ICompositeNode fileNode = builder.newCompositeNode(grammar.getVolrFileRule(), 0, root);
		VolrFile file = VolrFactory.eINSTANCE.createVolrFile();
		builder.associateWithSemanticElement(fileNode, file);
		int end = Math.min(text.length(), at + length);
		if (at > 0)
			builder.newLeafNode(0, at, grammar.getWSRule(), true, null, fileNode);
		builder.newLeafNode(at, end - at, grammar.getWSRule(), true, new SyntaxErrorMessage(message, code), fileNode);
		if (end < text.length())
			builder.newLeafNode(end, text.length() - end, grammar.getWSRule(), true, null, fileNode);
		builder.compressAndReturnParent(fileNode);
		return new ParseResult(file, root, true);
	}

	private static int lineEnd(String text, int from) {
		int i = from;
		while (i < text.length() && text.charAt(i) != '\n' && text.charAt(i) != '\r')
			i++;
		return i;
	}
}
