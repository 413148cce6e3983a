package org.volr.diagram.edit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.eclipse.emf.common.util.EList;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.impl.ResourceImpl;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.nodemodel.INode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Block;
import org.volr.model.Experiment;
import org.volr.model.Layer;
import org.volr.model.NetExpr;
import org.volr.model.Network;

/**
 * Turns an {@link EditCommand} into new .volr text with the smallest change that keeps the file's comments and
 * layout: the text is parsed, the command changes the model ({@link ModelChanges}), and only the changed statement
 * is written again by the language's serializer and formatter. In a block a new layer is a new line after (or
 * before) its neighbour's line, a deleted layer takes its line (and its end-of-line comment) with it; in the
 * calculus the expression that changed is written again; a parameter change rewrites only that layer.
 *
 * <p>
 * Why not Xtext's {@code IChangeSerializer}: it was tried first, and with this language's end-of-line comments
 * ({@code s2: avgpool 2   // [6, 14, 14]}) it moved comments onto other lines or wrote them twice, and joined the
 * last line of a calculus network with the comment below it. The text is the one source of truth, so an edit that
 * damages it is worse than none.
 */
public final class TextEdits {
	private final VolrLanguage language;

	public TextEdits(VolrLanguage language) {
		this.language = language;
	}

	/** A replaced region of the old text. */
	public record Replacement(int offset, int length, String text) {
	}

	/** The text after an edit, and the diagram id of the layer it created (null if none). */
	public record Result(String text, String createdId) {
	}

	/** The new text of {@code file} (whose current text is {@code text}) after the command. */
	public String apply(Path file, String text, EditCommand command) throws EditException {
		return edit(file, text, command).text();
	}

	/** The new text and the id of the created layer, which the diagram selects so its parameters can be set next. */
	public Result edit(Path file, String text, EditCommand command) throws EditException {
		Change change = change(file, text, command);
		StringBuilder b = new StringBuilder(text);
		for (Replacement r : change.replacements().reversed())
			b.replace(r.offset(), r.offset() + r.length(), r.text());
		String after = b.toString();
		XtextResource check = language.workspace().add(file, after);
		if (check == null || check.getParseResult() == null || check.getParseResult().hasSyntaxErrors())
			throw new EditException("the edit would leave text that does not parse; please report this as a bug");
		return new Result(after, change.createdId());
	}

	/** The replacements of the old text, sorted by offset and not overlapping. */
	public List<Replacement> replacements(Path file, String text, EditCommand command) throws EditException {
		return change(file, text, command).replacements();
	}

	private record Change(List<Replacement> replacements, String createdId) {
	}

	private Change change(Path file, String text, EditCommand command) throws EditException {
		XtextResource resource = language.workspace().add(file, text);
		if (resource == null || resource.getContents().isEmpty() || resource.getParseResult() == null
				|| resource.getParseResult().hasSyntaxErrors())
			throw new EditException(file.getFileName() + " has syntax errors; fix them in the text before editing the diagram");
		dryRun(resource, command);
		DiagramNode node = DiagramNode.resolve(resource, command.nodeId());
		Plan plan = plan(node, command, text);
		forgetNodeModel(resource);
		Layer created = ModelChanges.apply(node, command);
		List<Replacement> out = new ArrayList<>();
		for (Edit e : plan.edits)
			out.add(e.write(this, text, created));
		out.sort(Comparator.comparingInt(Replacement::offset));
		// the text is written from this model, so the new layer has the same fragment once the file is parsed again
		return new Change(out, created == null ? null : EcoreUtil.getURI(created).fragment());
	}

	/** Runs the command on a copy first, so that a refused command is refused with its own reason. */
	private static void dryRun(XtextResource resource, EditCommand command) throws EditException {
		Resource copy = new ResourceImpl(resource.getURI());
		copy.getContents().add(EcoreUtil.copy(resource.getContents().get(0)));
		ModelChanges.apply(copy, command);
	}

	/**
	 * Detaches the parse tree from the model once the plan holds its offsets: the serializer would otherwise reuse
	 * the old tokens of a changed layer (writing back an activation or input size that was just cleared).
	 */
	private static void forgetNodeModel(XtextResource resource) {
		resource.getAllContents().forEachRemaining(o -> o.eAdapters().removeIf(a -> a instanceof INode));
	}

	/** Where the element's own tokens start and end, without the comments and whitespace around them. */
	private record Region(int offset, int end) {
		static Region of(EObject element) {
			ICompositeNode n = NodeModelUtils.findActualNodeFor(element);
			int start = -1, end = -1;
			for (ILeafNode leaf : n.getLeafNodes()) {
				if (leaf.isHidden() || leaf.getLength() == 0)
					continue;
				if (start < 0)
					start = leaf.getOffset();
				end = leaf.getEndOffset();
			}
			return start < 0 ? new Region(n.getOffset(), n.getEndOffset()) : new Region(start, end);
		}
	}

	// ---- planning: where the text changes, decided before the model changes (afterwards the node model is stale)

	private record Plan(List<Edit> edits) {
	}

	private sealed interface Edit {
		Replacement write(TextEdits edits, String text, Layer created);
	}

	/** The text of a slot (a feature of a container, or one entry of a list) written again from the model. */
	private record Rewrite(EObject container, EStructuralFeature feature, int index, int listSizeBefore, int offset,
			int end, String indent) implements Edit {
		@Override
		public Replacement write(TextEdits edits, String text, Layer created) {
			List<String> parts = new ArrayList<>();
			if (feature.isMany()) {
				EList<?> list = (EList<?>) container.eGet(feature);
				// a collapsed parallel block may have put several lines where it was
				int count = 1 + list.size() - listSizeBefore;
				for (int i = index; i < index + count && i < list.size(); i++)
					parts.add(edits.write((EObject) list.get(i), indent));
			} else {
				parts.add(edits.write((EObject) container.eGet(feature), indent));
			}
			return new Replacement(offset, end - offset, keepOperators(text.substring(offset, end), String.join("\n" + indent, parts)));
		}
	}

	/** The serializer writes the ASCII operators; a statement written with ⦶ and ⊖ keeps them. */
	private static String keepOperators(String before, String after) {
		if (before.contains("⦶") && !before.contains(">>"))
			after = after.replace(" >> ", " ⦶ ");
		if (before.contains("⊖") && !before.contains("|"))
			after = after.replace(" | ", " ⊖ ");
		return after;
	}

	/** A new line holding the created layer, at a line boundary. */
	private record InsertLine(int offset, String indent, boolean newlineFirst) implements Edit {
		@Override
		public Replacement write(TextEdits edits, String text, Layer created) {
			String line = indent + edits.write(created, indent);
			return new Replacement(offset, 0, newlineFirst ? "\n" + line : line + "\n");
		}
	}

	private record Remove(int offset, int end) implements Edit {
		@Override
		public Replacement write(TextEdits edits, String text, Layer created) {
			return new Replacement(offset, end - offset, "");
		}
	}

	/** A new clause at the end of an experiment, before its closing brace. */
	private record InsertClause(EObject experiment, int offset, String indent) implements Edit {
		@Override
		public Replacement write(TextEdits edits, String text, Layer created) {
			EObject neuron = ((Experiment) experiment).getNeuron();
			return new Replacement(offset, 0, indent + "neuron " + edits.write(neuron, indent) + "\n");
		}
	}

	private Plan plan(DiagramNode node, EditCommand command, String text) throws EditException {
		List<Edit> edits = new ArrayList<>();
		if (command instanceof EditCommand.SetParameter) {
			edits.add(rewrite(node.element(), text));
		} else if (command instanceof EditCommand.SetNeuronModel) {
			for (Experiment x : ModelChanges.experimentsOf(node)) {
				if (x.getNeuron() != null) {
					edits.add(rewrite(x.getNeuron(), text));
				} else {
					int close = text.lastIndexOf('}', Region.of(x).end() - 1);
					int at = lineStart(text, close);
					boolean braceAlone = text.substring(at, close).isBlank();
					if (!braceAlone)
						throw new EditException("experiment " + x.getName() + " is written on one line; add 'neuron' in the text");
					edits.add(new InsertClause(x, at, indentOf(text, at) + VolrLanguage.INDENT));
				}
			}
		} else if (command instanceof EditCommand.Connect connect) {
			edits.add(connection(node, DiagramNode.resolve(node.owner().eResource(), connect.toNodeId()), text));
		} else {
			edits.add(structural(node, command, text));
		}
		return new Plan(edits);
	}

	/** Add, branch or delete: a line of a network's block, or the calculus statement around the node. */
	private Edit structural(DiagramNode node, EditCommand command, String text) throws EditException {
		EObject owner = node.owner();
		Block block = owner instanceof Network n && n.getBody() instanceof Block b ? b : null;
		switch (node.role()) {
		case INPUT, OUTPUT -> {
			if (block == null)
				return rewrite((EObject) DiagramNode.bodyHolder(owner).eGet(DiagramNode.bodyFeature(owner)), text);
			if (command instanceof EditCommand.AddLayer && !block.getSteps().isEmpty()) {
				boolean first = node.role() == DiagramNode.Role.INPUT;
				NetExpr neighbour = first ? block.getSteps().get(0) : block.getSteps().get(block.getSteps().size() - 1);
				return lineBeside(neighbour, first, text);
			}
			if (command instanceof EditCommand.AddLayer) {
				int close = text.lastIndexOf('}', Region.of(owner).end() - 1);
				int at = lineStart(text, close);
				return new InsertLine(at, indentOf(text, at) + VolrLanguage.INDENT, false);
			}
			throw new IllegalStateException("refused by the dry run");
		}
		case NETWORK -> throw new IllegalStateException("refused by the dry run");
		default -> {
		}
		}
		EObject element = node.element();
		if (element.eContainer() == block && block != null) {
			if (command instanceof EditCommand.AddLayer add)
				return lineBeside((NetExpr) element, add.before(), text);
			if (command instanceof EditCommand.Delete)
				return removeLine(element, text);
		}
		return rewrite(statement(element, block), text);
	}

	/**
	 * A connection: in a network's block the lines of the skipped layers become the merge of the two branches; in
	 * the calculus (or inside a branch) the statement around them is written again.
	 */
	private Edit connection(DiagramNode start, DiagramNode end, String text) throws EditException {
		ModelChanges.Span span = ModelChanges.span(start, end);
		EObject owner = start.owner();
		Block block = owner instanceof Network n && n.getBody() instanceof Block b ? b : null;
		if (span.chain() != block)
			return rewrite(statement(span.chain().getSteps().get(span.from()), block), text);
		Region first = Region.of(span.chain().getSteps().get(span.from()));
		Region last = Region.of(span.chain().getSteps().get(span.to() - 1));
		String region = text.substring(first.offset(), last.end());
		if (region.contains("//") || region.contains("/*"))
			throw new EditException("the layers to skip have comments between them; make the connection in the text so they stay where they belong");
		return new ReplaceSpan(span.chain(), span.from(), first.offset(), last.end(), indentOf(text, lineStart(text, first.offset())));
	}

	/** Lines of a block replaced by what one step of it has become (a connection's merge). */
	private record ReplaceSpan(EObject chain, int index, int offset, int end, String indent) implements Edit {
		@Override
		public Replacement write(TextEdits edits, String text, Layer created) {
			EObject step = ((Block) chain).getSteps().get(index);
			return new Replacement(offset, end - offset, edits.write(step, indent));
		}
	}

	/** The step of the network's block that holds the element, or the whole calculus expression. */
	private static EObject statement(EObject element, Block block) {
		EObject s = element;
		while (s.eContainer() instanceof NetExpr && s.eContainer() != block)
			s = s.eContainer();
		return s;
	}

	private Edit lineBeside(NetExpr neighbour, boolean before, String text) {
		Region n = Region.of(neighbour);
		int start = lineStart(text, n.offset());
		String indent = indentOf(text, start);
		if (before)
			return new InsertLine(start, indent, false);
		return new InsertLine(lineEnd(text, n.end()), indent, true);
	}

	private static Edit removeLine(EObject element, String text) {
		Region n = Region.of(element);
		int start = lineStart(text, n.offset());
		int end = lineEnd(text, n.end());
		String before = text.substring(start, n.offset());
		String after = text.substring(n.end(), end).strip();
		// alone on its line (perhaps with its own end-of-line comment): the line goes
		if (before.isBlank() && (after.isEmpty() || after.startsWith("//")))
			return new Remove(start, Math.min(end + 1, text.length()));
		int stop = n.end();
		while (stop < end && text.charAt(stop) == ' ')
			stop++;
		return new Remove(n.offset(), stop);
	}

	private static Rewrite rewrite(EObject element, String text) throws EditException {
		Region n = Region.of(element);
		String region = text.substring(n.offset(), n.end());
		if (region.contains("//") || region.contains("/*"))
			throw new EditException("this part of the network has comments inside; make the change in the text so they stay where they belong");
		EStructuralFeature feature = element.eContainingFeature();
		EObject container = element.eContainer();
		int index = -1, size = 0;
		if (feature.isMany()) {
			EList<?> list = (EList<?>) container.eGet(feature);
			index = list.indexOf(element);
			size = list.size();
		}
		return new Rewrite(container, feature, index, size, n.offset(), n.end(), indentOf(text, lineStart(text, n.offset())));
	}

	/** The element as .volr text, formatted; lines after the first are indented like the line it goes on. */
	private String write(EObject element, String indent) {
		String s = language.serialize(element).strip();
		return s.replace("\n", "\n" + indent);
	}

	private static int lineStart(String text, int offset) {
		int i = text.lastIndexOf('\n', Math.max(0, offset - 1));
		return i < 0 ? 0 : i + 1;
	}

	/** The offset of the newline ending the line that holds {@code offset} (or the text's end). */
	private static int lineEnd(String text, int offset) {
		int i = text.indexOf('\n', offset);
		return i < 0 ? text.length() : i;
	}

	private static String indentOf(String text, int lineStart) {
		int i = lineStart;
		while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t'))
			i++;
		return text.substring(lineStart, i);
	}
}
