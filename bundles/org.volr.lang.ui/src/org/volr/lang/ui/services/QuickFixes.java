package org.volr.lang.ui.services;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.validation.Issue;
import org.volr.lang.linking.VolrLinkingMessages;
import org.volr.lang.validation.VolrValidator;
import org.volr.model.Element;
import org.volr.model.Let;
import org.volr.model.Network;

/**
 * Fixes for the common errors, as text edits, so the editor, its markers and the tests apply the same change: a
 * dense layer's input size set to what flows in (or dropped, to be inferred), an unknown name changed to a similar
 * declared one, and an activation without a spiking equivalent changed to relu.
 */
public final class QuickFixes {
	/** Replaces {@code length} characters at {@code offset} with {@code replacement}. */
	public record Fix(String label, int offset, int length, String replacement) {
		public String applyTo(String text) {
			return text.substring(0, offset) + replacement + text.substring(offset + length);
		}
	}

	private QuickFixes() {
	}

	public static boolean hasFixes(Issue issue) {
		String code = issue.getCode();
		return VolrValidator.SIZE_MISMATCH.equals(code) && issue.getData() != null && issue.getData().length == 1
				|| VolrLinkingMessages.UNKNOWN_NAME.equals(code) || VolrValidator.NO_SPIKING_EQUIVALENT.equals(code)
				|| VolrValidator.HIDDEN_SOFTMAX.equals(code);
	}

	/** The fixes for one issue of {@code parsed} (the text the issue was found in). */
	public static List<Fix> of(Issue issue, ParsedText parsed) {
		List<Fix> fixes = new ArrayList<>();
		String code = issue.getCode();
		int offset = issue.getOffset() == null ? -1 : issue.getOffset();
		int length = issue.getLength() == null ? 0 : issue.getLength();
		if (offset < 0 || offset + length > parsed.text().length())
			return fixes;
		if (VolrValidator.SIZE_MISMATCH.equals(code) && issue.getData() != null && issue.getData().length == 1) {
			String incoming = issue.getData()[0];
			fixes.add(new Fix("Change the input size to " + incoming, offset, length, incoming));
			int end = offset + length;
			while (end < parsed.text().length() && parsed.text().charAt(end) == ' ')
				end++;
			fixes.add(new Fix("Remove the input size (inferred from what flows in)", offset, end - offset, ""));
		} else if (VolrLinkingMessages.UNKNOWN_NAME.equals(code)) {
			String wrong = parsed.text().substring(offset, offset + length);
			for (String name : closest(wrong, declaredNames(parsed)))
				fixes.add(new Fix("Change to '" + name + "'", offset, length, name));
		} else if (VolrValidator.NO_SPIKING_EQUIVALENT.equals(code) || VolrValidator.HIDDEN_SOFTMAX.equals(code)) {
			fixes.add(new Fix("Change the activation to relu", offset, length, "relu"));
		}
		return fixes;
	}

	private static Set<String> declaredNames(ParsedText parsed) {
		Set<String> names = new LinkedHashSet<>();
		if (parsed.file() == null)
			return names;
		for (Element e : parsed.file().getElements())
			if (e instanceof Network && e.getName() != null)
				names.add(e.getName());
		for (java.util.Iterator<EObject> it = parsed.file().eAllContents(); it.hasNext();)
			if (it.next() instanceof Let let && let.getName() != null)
				names.add(let.getName());
		return names;
	}

	/** Up to three names, nearest first; a name is offered only if fewer than half its letters differ. */
	static List<String> closest(String wrong, Set<String> names) {
		return names.stream().filter(n -> distance(wrong, n) <= Math.max(2, n.length() / 2))
				.sorted(Comparator.comparingInt((String n) -> distance(wrong, n)).thenComparing(n -> n)).limit(3).toList();
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
