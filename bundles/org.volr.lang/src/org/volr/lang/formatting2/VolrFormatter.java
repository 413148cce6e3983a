package org.volr.lang.formatting2;

import java.util.List;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.formatting2.AbstractJavaFormatter;
import org.eclipse.xtext.formatting2.IFormattableDocument;
import org.eclipse.xtext.formatting2.regionaccess.IEObjectRegion;
import org.eclipse.xtext.formatting2.regionaccess.IHiddenRegion;
import org.eclipse.xtext.formatting2.regionaccess.ISemanticRegion;
import org.volr.model.Add;
import org.volr.model.Block;
import org.volr.model.Conversion;
import org.volr.model.Element;
import org.volr.model.Experiment;
import org.volr.model.Let;
import org.volr.model.NetExpr;
import org.volr.model.Network;
import org.volr.model.NeuronModel;
import org.volr.model.Parallel;
import org.volr.model.Sequence;
import org.volr.model.Simulation;
import org.volr.model.Training;
import org.volr.model.VolrFile;

/**
 * The canonical layout of .volr text: one declaration per paragraph, one step per line in blocks, one clause per
 * line in experiments, single spaces around the calculus operators, and the punctuation of function calls
 * ("conv2d(6, kernel: 5)"). Comments are kept where they are.
 */
public class VolrFormatter extends AbstractJavaFormatter {

	protected void format(VolrFile file, IFormattableDocument doc) {
		List<Element> elements = file.getElements();
		for (int i = 0; i < elements.size(); i++) {
			Element e = elements.get(i);
			if (i > 0)
				doc.prepend(e, it -> it.setNewLines(2, 2, 3));
			doc.format(e);
		}
		if (file.getMain() != null)
			doc.format(file.getMain());
	}

	protected void format(Network network, IFormattableDocument doc) {
		ISemanticRegion open = regionFor(network).keyword("{");
		ISemanticRegion close = regionFor(network).keyword("}");
		doc.append(regionFor(network).keyword("network"), it -> it.oneSpace());
		if (open != null && close != null) {
			doc.prepend(open, it -> it.oneSpace());
			doc.interior(open, close, it -> it.indent());
			doc.append(open, it -> it.newLine());
			doc.prepend(close, it -> it.newLine());
			ISemanticRegion input = regionFor(network).keyword("input");
			if (input != null) {
				doc.append(input, it -> it.oneSpace());
				if (network.getInput() != null)
					doc.append(network.getInput(), it -> it.newLine());
			}
		} else {
			doc.surround(regionFor(network).keyword("="), it -> it.oneSpace());
			doc.prepend(regionFor(network).keyword("("), it -> it.noSpace());
			doc.append(regionFor(network).keyword("input"), it -> it.oneSpace());
		}
		punctuation(network, doc);
		doc.format(network.getInput());
		doc.format(network.getBody());
	}

	protected void format(Block block, IFormattableDocument doc) {
		ISemanticRegion open = regionFor(block).keyword("{");
		ISemanticRegion close = regionFor(block).keyword("}");
		List<NetExpr> steps = block.getSteps();
		if (open != null && close != null && steps.size() <= 1) { // a one-layer branch stays on its line: { maxpool 2 }
			doc.append(open, it -> it.oneSpace());
			doc.prepend(close, it -> it.oneSpace());
		} else if (open != null && close != null) { // a block used as a branch: { ... } | { ... }
			doc.interior(open, close, it -> it.indent());
			doc.append(open, it -> it.newLine());
			doc.prepend(close, it -> it.newLine());
		}
		for (int i = 0; i + 1 < steps.size(); i++)
			doc.append(steps.get(i), it -> it.newLine());
		for (NetExpr step : steps)
			doc.format(step);
	}

	protected void format(Sequence seq, IFormattableDocument doc) {
		operation(seq, seq.getSteps(), "Seq", doc, "⦶", ">>");
	}

	protected void format(Parallel par, IFormattableDocument doc) {
		operation(par, par.getBranches(), "Par", doc, "⊖", "|");
	}

	protected void format(Add add, IFormattableDocument doc) {
		operation(add, add.getBranches(), null, doc, "+");
	}

	/** The calculus operators: one space around each operator, volrc's prefix form if used, then the operands. */
	private void operation(EObject node, List<NetExpr> operands, String prefixKeyword, IFormattableDocument doc, String... operators) {
		for (ISemanticRegion op : regionFor(node).keywords(operators))
			doc.surround(op, it -> it.oneSpace());
		if (prefixKeyword != null)
			prefixForm(node, prefixKeyword, doc);
		punctuation(node, doc);
		for (NetExpr operand : operands)
			doc.format(operand);
	}

	protected void format(Let let, IFormattableDocument doc) {
		doc.append(regionFor(let).keywords("let", "Let").stream().findFirst().orElse(null), it -> it.oneSpace());
		doc.surround(regionFor(let).keyword("="), it -> it.oneSpace());
		doc.surround(regionFor(let).keyword("in"), it -> it.oneSpace());
		doc.format(let.getValue());
		doc.format(let.getBody());
	}

	protected void format(Experiment experiment, IFormattableDocument doc) {
		ISemanticRegion open = regionFor(experiment).keyword("{");
		ISemanticRegion close = regionFor(experiment).keyword("}");
		doc.append(regionFor(experiment).keyword("experiment"), it -> it.oneSpace());
		doc.prepend(open, it -> it.oneSpace());
		doc.interior(open, close, it -> it.indent());
		doc.prepend(close, it -> it.newLine());
		for (ISemanticRegion clause : regionFor(experiment).keywords("network", "data", "weights", "convert", "neuron",
				"simulate", "targets", "seed", "sweep")) {
			doc.prepend(clause, it -> it.newLine());
			doc.append(clause, it -> it.oneSpace());
		}
		// a training block is the only weight source without the 'weights' keyword
		if (experiment.getWeights() instanceof Training t)
			doc.prepend(t, it -> it.newLine());
		punctuation(experiment, doc);
		for (EObject child : experiment.eContents())
			doc.format(child);
	}

	protected void format(Training training, IFormattableDocument doc) {
		inlineBraces(training, doc);
	}

	protected void format(Conversion conversion, IFormattableDocument doc) {
		inlineBraces(conversion, doc);
	}

	protected void format(Simulation simulation, IFormattableDocument doc) {
		inlineBraces(simulation, doc);
	}

	protected void format(NeuronModel neuron, IFormattableDocument doc) {
		inlineBraces(neuron, doc);
	}

	/** "sweep { percentile 99, 99.9; steps 25, 50 }" on one line. */
	protected void format(org.volr.model.Sweep sweep, IFormattableDocument doc) {
		inlineBraces(sweep, doc);
		for (ISemanticRegion r : regionFor(sweep).keywords(";"))
			doc.prepend(doc.append(r, it -> it.oneSpace()), it -> it.noSpace());
	}

	/**
	 * Everything else: layers, shapes, data sources, targets, quantities. This overrides the default of
	 * AbstractFormatter2: a second method "format(EObject, ...)" would be as specific as it, and the polymorphic
	 * dispatcher then silently picked the default, leaving "conv2d( 6,kernel:5 )" and "[1 ,28]" unformatted.
	 */
	@Override
	protected void _format(EObject other, IFormattableDocument doc) {
		spaceTokens(other, doc);
		punctuation(other, doc);
		for (EObject child : other.eContents())
			doc.format(child);
	}

	/** volrc's prefix form as the thesis writes it: "Seq (Net 2 4) (Net 4 2)". */
	private void prefixForm(EObject owner, String keyword, IFormattableDocument doc) {
		ISemanticRegion head = regionFor(owner).keyword(keyword);
		if (head == null)
			return;
		doc.append(head, it -> it.oneSpace());
		List<ISemanticRegion> closing = regionFor(owner).keywords(")");
		if (!closing.isEmpty())
			doc.append(closing.get(0), it -> it.oneSpace());
	}

	/** "{ epochs 5, batch 128 }" on one line. */
	private void inlineBraces(EObject owner, IFormattableDocument doc) {
		ISemanticRegion open = regionFor(owner).keyword("{");
		ISemanticRegion close = regionFor(owner).keyword("}");
		if (open != null && close != null) {
			doc.prepend(open, it -> it.oneSpace());
			doc.append(open, it -> it.oneSpace());
			doc.prepend(close, it -> it.oneSpace());
		}
		spaceTokens(owner, doc);
		punctuation(owner, doc);
		for (EObject child : owner.eContents())
			doc.format(child);
	}

	/**
	 * One space between the words of a layer or an option ("conv2d(6, kernel: 5) relu", "20 ms"), with low
	 * priority so that the punctuation rules and the layout of the enclosing element win.
	 */
	private void spaceTokens(EObject owner, IFormattableDocument doc) {
		IEObjectRegion region = regionForEObject(owner);
		if (region == null)
			return;
		IHiddenRegion end = region.getNextHiddenRegion();
		for (ISemanticRegion r : semanticRegions(owner))
			if (r.getNextHiddenRegion() != end)
				doc.append(r, it -> {
					it.oneSpace();
					it.lowPriority();
				});
	}

	private void punctuation(EObject owner, IFormattableDocument doc) {
		for (ISemanticRegion r : regionFor(owner).keywords(","))
			doc.prepend(doc.append(r, it -> it.oneSpace()), it -> it.noSpace());
		for (ISemanticRegion r : regionFor(owner).keywords(":"))
			doc.prepend(doc.append(r, it -> it.oneSpace()), it -> it.noSpace());
		for (ISemanticRegion r : regionFor(owner).keywords("(", "["))
			doc.append(r, it -> it.noSpace());
		for (ISemanticRegion r : regionFor(owner).keywords(")", "]"))
			doc.prepend(r, it -> it.noSpace());
		// conv2d(...), maxpool(...): no space between the layer and its argument list
		if (!(owner instanceof Sequence) && !(owner instanceof Parallel) && !(owner instanceof Add) && !(owner instanceof Network)) {
			ISemanticRegion open = regionFor(owner).keyword("(");
			if (open != null && open.getPreviousSemanticRegion() != null
					&& open.getPreviousSemanticRegion().getSemanticElement() == owner)
				doc.prepend(open, it -> it.noSpace());
		}
	}
}
