package org.volr.lang.ide.contentassist;

import java.util.Map;
import java.util.Set;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.CrossReference;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.Keyword;
import org.eclipse.xtext.RuleCall;
import org.eclipse.xtext.TerminalRule;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IIdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.eclipse.xtext.nodemodel.ILeafNode;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.volr.lang.api.SweepAxes;
import org.volr.lang.services.VolrGrammarAccess;
import org.volr.model.Experiment;
import org.volr.model.Network;
import org.volr.model.NeuronModel;
import org.volr.model.Parameter;
import org.volr.net.neuron.NeuronModels;
import org.volr.net.neuron.ParameterSpec;

import com.google.inject.Inject;

/**
 * Completion for what the grammar leaves open because plug-ins decide it: the neuron models registered in
 * {@link NeuronModels} after {@code neuron}, and inside a neuron block the chosen model's parameters, each with its
 * default and what it means (the same schema the validator checks against). Keywords carry a description of what
 * they make; no placeholders (the feature names Xtext offers for an ID or a number), no operator glued to the word
 * before the cursor, no network inside its own definition.
 */
public class VolrIdeContentProposalProvider extends IdeContentProposalProvider {
	@Inject
	private VolrGrammarAccess grammar;

	@Override
	protected void _createProposals(Assignment assignment, ContentAssistContext context, IIdeContentProposalAcceptor acceptor) {
		if (assignment == grammar.getNeuronModelAccess().getKindAssignment_0()) {
			for (org.volr.net.neuron.NeuronModel model : NeuronModels.all())
				accept(model.name(), "neuron model", NeuronModelDocs.model(model), context, acceptor);
			return;
		}
		if (assignment == grammar.getParameterAccess().getNameAssignment_0()) {
			org.volr.net.neuron.NeuronModel model = modelAround(context.getCurrentModel());
			if (model != null) {
				for (Map.Entry<String, ParameterSpec> p : model.parameters().entrySet())
					accept(p.getKey(), model.name() + " parameter, default " + NeuronModelDocs.defaultText(p.getValue()), NeuronModelDocs.line(p.getKey(), p.getValue()),
							context, acceptor);
				return;
			}
		}
		if (assignment == grammar.getSweepAxisAccess().getNameAssignment_0()) {
			Experiment experiment = org.eclipse.xtext.EcoreUtil2.getContainerOfType(context.getCurrentModel(), Experiment.class);
			if (experiment != null) {
				for (String name : SweepAxes.allowed(experiment))
					accept(name, "sweep parameter", SWEEP_DOCS.getOrDefault(name, "a parameter of the experiment's neuron model, one value per grid point"),
							context, acceptor);
				return;
			}
		}
		// an ID, INT or STRING slot: Xtext offers the feature's name ("label", "name", "units") as a placeholder, which
		// inserted is wrong text; there is nothing to complete there
		if (assignment.getTerminal() instanceof RuleCall call && call.getRule() instanceof TerminalRule)
			return;
		super._createProposals(assignment, context, acceptor);
	}

	/** Keywords with what they make (KeywordDocs) as their description. */
	@Override
	protected void _createProposals(Keyword keyword, ContentAssistContext context, IIdeContentProposalAcceptor acceptor) {
		if (!filterKeyword(keyword, context))
			return;
		ContentAssistEntry entry = getProposalCreator().createProposal(keyword.getValue(), context, e -> {
			e.setKind(ContentAssistEntry.KIND_KEYWORD);
			e.setDescription(KeywordDocs.of(keyword.getValue()));
		});
		if (entry != null)
			acceptor.accept(entry, getProposalPriorities().getKeywordPriority(keyword.getValue(), entry));
	}

	/** A network is not offered inside its own definition: a network that contains itself does not check. */
	@Override
	protected com.google.common.base.Predicate<IEObjectDescription> getCrossrefFilter(CrossReference reference, ContentAssistContext context) {
		com.google.common.base.Predicate<IEObjectDescription> filter = super.getCrossrefFilter(reference, context);
		Network own = EcoreUtil2.getContainerOfType(context.getCurrentModel(), Network.class);
		if (own == null || own.getName() == null)
			return filter;
		return d -> filter.apply(d) && !(d.getEClass() == own.eClass() && d.getName().toString().equals(own.getName()));
	}

	/** What percentile and steps vary, shown beside the proposal. */
	private static final Map<String, String> SWEEP_DOCS = Map.of(SweepAxes.PERCENTILE, "convert { normalize percentile P }, one percentile per grid point",
			SweepAxes.STEPS, "simulate { duration N steps }, one number of steps per grid point");

	/**
	 * The prefix forms of volrc ({@code Seq (e) (e)}, {@code Par}, {@code Net n m}, {@code Ref x}, {@code Let}) are
	 * offered only in a file that already uses one: elsewhere they doubled every proposal of the calculus
	 * ({@code >>}, {@code |}, {@code dense}, a name, {@code let}) with an older spelling of it.
	 */
	@Override
	protected boolean filterKeyword(Keyword keyword, ContentAssistContext context) {
		if (LEGACY_PREFIX_FORMS.contains(keyword.getValue()) && !usesLegacyPrefixForms(context))
			return false;
		// right after a word ("dense|"), completion continues the word: an operator there would be glued to it
		if (KeywordDocs.isOperator(keyword.getValue()) && afterWordCharacter(context))
			return false;
		return super.filterKeyword(keyword, context);
	}

	/** The keywords of the prefix forms (Volr.xtext: PrefixSeq, PrefixPar, 'Net', 'Ref', 'Let'). */
	static final Set<String> LEGACY_PREFIX_FORMS = Set.of("Seq", "Par", "Net", "Ref", "Let");

	private static boolean afterWordCharacter(ContentAssistContext context) {
		if (context.getRootNode() == null || context.getOffset() <= 0)
			return false;
		String text = context.getRootNode().getText();
		int offset = Math.min(context.getOffset(), text.length());
		return offset > 0 && (Character.isLetterOrDigit(text.charAt(offset - 1)) || text.charAt(offset - 1) == '_');
	}

	private static boolean usesLegacyPrefixForms(ContentAssistContext context) {
		if (context.getRootNode() == null)
			return false;
		for (ILeafNode leaf : context.getRootNode().getLeafNodes())
			if (leaf.getGrammarElement() instanceof Keyword k && LEGACY_PREFIX_FORMS.contains(k.getValue()))
				return true;
		return false;
	}

	private void accept(String text, String description, String documentation, ContentAssistContext context, IIdeContentProposalAcceptor acceptor) {
		ContentAssistEntry entry = getProposalCreator().createProposal(text, context, e -> {
			e.setKind(ContentAssistEntry.KIND_PROPERTY);
			e.setDescription(description);
			e.setDocumentation(documentation);
		});
		if (entry != null)
			acceptor.accept(entry, getProposalPriorities().getDefaultPriority(entry));
	}

	private static org.volr.net.neuron.NeuronModel modelAround(EObject current) {
		if (current instanceof Parameter p)
			current = p.eContainer();
		return current instanceof NeuronModel n && n.getKind() != null ? NeuronModels.of(n.getKind()) : null;
	}
}
