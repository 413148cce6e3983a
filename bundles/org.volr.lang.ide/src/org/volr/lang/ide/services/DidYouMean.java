package org.volr.lang.ide.services;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.IGrammarAccess;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;

/**
 * "Did you mean": the words near a misspelt one (Levenshtein distance). An unknown name may be a misspelt name or a
 * misspelt keyword ({@code dense 10 sofmax} in a block reads {@code sofmax} as a reference), so names and keywords
 * are candidates alike, and a candidate is offered only if the text with it in place has fewer syntax and linking
 * errors than the text as written: it fits where it stands.
 */
public final class DidYouMean {
	/** The most suggestions offered for one word. */
	static final int MAX_SUGGESTIONS = 3;
	/** The nearest candidates tried by parsing; the rest are further away than any suggestion a user would take. */
	private static final int MAX_TRIED = 8;

	private DidYouMean() {
	}

	/** Up to three candidates, nearest first; a candidate is offered only if fewer than half its letters differ. */
	public static List<String> nearest(String wrong, Collection<String> candidates) {
		return ranked(wrong, candidates).stream().limit(MAX_SUGGESTIONS).toList();
	}

	/** The nearest candidates with which the text parses and links with fewer errors, nearest first. */
	static List<String> thatFit(ParsedText parsed, int offset, int length, Collection<String> candidates) {
		String wrong = parsed.text().substring(offset, offset + length);
		List<String> fitting = new ArrayList<>();
		int errors = errors(parsed.resource(), parsed.text());
		for (String candidate : ranked(wrong, candidates).stream().limit(MAX_TRIED).toList()) {
			String fixed = parsed.text().substring(0, offset) + candidate + parsed.text().substring(offset + length);
			if (errors(parsed.resource(), fixed) < errors)
				fitting.add(candidate);
			if (fitting.size() == MAX_SUGGESTIONS)
				break;
		}
		return fitting;
	}

	/** The grammar's keywords that are words ('dense', 'softmax', 'flatten'), not operators. */
	static Set<String> keywords(XtextResource resource) {
		Set<String> words = new TreeSet<>();
		IGrammarAccess grammar = resource.getResourceServiceProvider().get(IGrammarAccess.class);
		if (grammar != null)
			for (String keyword : GrammarUtil.getAllKeywords(grammar.getGrammar()))
				if (keyword.matches("[A-Za-z_][A-Za-z_0-9]*"))
					words.add(keyword);
		return words;
	}

	/** Whether the region holds one word, such as a misspelt keyword; an operator or bracket has no near words. */
	static boolean isWord(String text, int offset, int length) {
		return length > 0 && offset >= 0 && offset + length <= text.length() && text.substring(offset, offset + length).matches("[A-Za-z_][A-Za-z_0-9]*");
	}

	private static List<String> ranked(String wrong, Collection<String> candidates) {
		return candidates.stream().distinct().filter(n -> !n.equals(wrong) && distance(wrong, n) <= Math.max(2, n.length() / 2))
				.sorted(Comparator.comparingInt((String n) -> distance(wrong, n)).thenComparing(n -> n)).toList();
	}

	/** Syntax and linking errors of {@code text} parsed as the file of {@code like}, in a resource set of its own. */
	private static int errors(XtextResource like, String text) {
		XtextResourceSet set = like.getResourceServiceProvider().get(XtextResourceSet.class);
		XtextResource resource = (XtextResource) set.createResource(like.getURI());
		try {
			resource.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), set.getLoadOptions());
		} catch (IOException e) {
			return Integer.MAX_VALUE; // an in-memory stream: does not happen
		}
		EcoreUtil.resolveAll(resource);
		return resource.getErrors().size();
	}

	/** Levenshtein distance. */
	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++)
			previous[j] = j;
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
				current[j] = Math.min(substitute, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] t = previous;
			previous = current;
			current = t;
		}
		return previous[b.length()];
	}
}
