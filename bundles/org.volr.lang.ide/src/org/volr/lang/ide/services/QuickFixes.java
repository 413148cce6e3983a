package org.volr.lang.ide.services;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.validation.Issue;
import org.volr.lang.linking.VolrLinkingMessages;
import org.volr.lang.validation.VolrValidator;
import org.volr.model.Element;
import org.volr.model.Let;
import org.volr.model.Network;
import org.volr.model.NeuronModel;
import org.volr.model.Parameter;
import org.volr.net.neuron.NeuronModels;

/**
 * Fixes for the common errors, as text edits, so the editor, its markers, the language server's code actions and the
 * tests apply the same change: a dense layer's input size set to what flows in (or dropped, to be inferred), an
 * unknown name or misspelt keyword changed to a similar one that fits ({@link DidYouMean}), an unknown neuron model or
 * parameter changed to a similar registered one, and an activation without a spiking equivalent changed to relu.
 */
public final class QuickFixes {
	/** Xtext's code for a syntax error. */
	static final String SYNTAX = org.eclipse.xtext.diagnostics.Diagnostic.SYNTAX_DIAGNOSTIC;

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
		} else if (VolrLinkingMessages.UNKNOWN_NAME.equals(code) || SYNTAX.equals(code) && DidYouMean.isWord(parsed.text(), offset, length)) {
			// a misspelt name, or a misspelt keyword the parser could not place ('dense 10 sofmax'): the names and
			// keywords near it with which the text parses and links better
			Set<String> candidates = declaredNames(parsed);
			candidates.addAll(DidYouMean.keywords(parsed.resource()));
			for (String name : DidYouMean.thatFit(parsed, offset, length, candidates))
				fixes.add(new Fix("Change to '" + name + "'", offset, length, name));
		} else if (VolrValidator.UNKNOWN_NEURON_MODEL.equals(code)) {
			for (String name : DidYouMean.nearest(parsed.text().substring(offset, offset + length), NeuronModels.names()))
				fixes.add(new Fix("Change to '" + name + "'", offset, length, name));
		} else if (VolrValidator.UNKNOWN_PARAMETER.equals(code)) {
			org.volr.net.neuron.NeuronModel model = modelAt(parsed, offset);
			if (model != null)
				for (String name : DidYouMean.nearest(parsed.text().substring(offset, offset + length), model.parameters().keySet()))
					fixes.add(new Fix("Change to '" + name + "'", offset, length, name));
		} else if (VolrValidator.NO_SPIKING_EQUIVALENT.equals(code) || VolrValidator.HIDDEN_SOFTMAX.equals(code)) {
			fixes.add(new Fix("Change the activation to relu", offset, length, "relu"));
		}
		return fixes;
	}

	/** The model of the neuron clause whose parameter is written at {@code offset}, or null. */
	private static org.volr.net.neuron.NeuronModel modelAt(ParsedText parsed, int offset) {
		if (parsed.resource().getParseResult() == null)
			return null;
		ILeafNode leaf = NodeModelUtils.findLeafNodeAtOffset(parsed.resource().getParseResult().getRootNode(), offset);
		EObject element = leaf == null ? null : NodeModelUtils.findActualSemanticObjectFor(leaf);
		if (element instanceof Parameter p && p.eContainer() instanceof NeuronModel m && m.getKind() != null)
			return NeuronModels.of(m.getKind());
		return null;
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

}
