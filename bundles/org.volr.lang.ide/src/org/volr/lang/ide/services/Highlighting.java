package org.volr.lang.ide.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.AbstractRule;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.GrammarUtil;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;

/**
 * Semantic highlighting: styles taken from the parse (the node model), not from a regular-expression scanner, so a
 * word is a keyword only where the grammar reads it as one and a name is told apart from a reference to it.
 */
public final class Highlighting {
	public enum Style {
		KEYWORD, LAYER_KIND, NUMBER, UNIT, STRING, COMMENT, DECLARATION, REFERENCE, NEURON_MODEL, PARAMETER
	}

	/**
	 * One styled token; {@code element} is what the parse made of it (the network a declared name belongs to, the
	 * reference a referring name stands in), null for keywords, numbers and comments, so that a client can tell a
	 * network's name from a layer's label without a style for each.
	 */
	public record Range(int offset, int length, Style style, EObject element) {
	}

	/** Layer kinds stand out from the other keywords: they are what a network is made of. */
	public static final Set<String> LAYER_KINDS = Set.of("dense", "Net", "conv2d", "conv1d", "depthwise_conv2d", "maxpool",
			"avgpool", "maxpool1d", "avgpool1d", "sumpool", "globalavgpool", "globalmaxpool", "flatten", "reshape", "batchnorm",
			"dropout", "activation", "identity");

	private Highlighting() {
	}

	public static List<Range> of(ParsedText parsed) {
		List<Range> ranges = new ArrayList<>();
		if (parsed.resource().getParseResult() == null)
			return ranges;
		for (ILeafNode leaf : parsed.resource().getParseResult().getRootNode().getLeafNodes()) {
			Style style = styleOf(leaf);
			if (style != null && leaf.getLength() > 0)
				ranges.add(new Range(leaf.getOffset(), leaf.getLength(), style, style == Style.DECLARATION || style == Style.REFERENCE
						? NodeModelUtils.findActualSemanticObjectFor(leaf) : null));
		}
		return ranges;
	}

	private static Style styleOf(ILeafNode leaf) {
		EObject element = leaf.getGrammarElement();
		if (leaf.isHidden()) {
			return element instanceof TerminalRule rule && rule.getName().endsWith("COMMENT") ? Style.COMMENT : null;
		}
		if (element instanceof Keyword keyword) {
			String value = keyword.getValue();
			if (LAYER_KINDS.contains(value))
				return Style.LAYER_KIND;
			return Character.isLetter(value.charAt(0)) ? Style.KEYWORD : null;
		}
		// a reference's leaf names the CrossReference itself, not the rule call inside it
		if (element instanceof CrossReference)
			return Style.REFERENCE;
		if (element instanceof RuleCall call) {
			AbstractRule rule = call.getRule();
			String name = rule.getName();
			if (name.equals("INT") || name.equals("DECIMAL"))
				return Style.NUMBER;
			if (name.equals("STRING"))
				return Style.STRING;
			if (name.equals("ID")) {
				if (GrammarUtil.containingCrossReference(call) != null)
					return Style.REFERENCE;
				Assignment assignment = GrammarUtil.containingAssignment(call);
				if (assignment == null)
					return null;
				// the words the plug-ins and units decide, which the grammar reads as plain names
				String where = GrammarUtil.containingRule(call).getName() + "." + assignment.getFeature();
				switch (where) {
				case "NeuronModel.kind":
					return Style.NEURON_MODEL;
				case "Parameter.name":
					return Style.PARAMETER;
				case "Quantity.unit":
					return Style.UNIT;
				default:
					break;
				}
				if (assignment.getFeature().equals("name") || assignment.getFeature().equals("label"))
					return Style.DECLARATION;
			}
		}
		return null;
	}
}
