package org.volr.lang.ide.contentassist;

import java.util.Map;

import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.Assignment;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistContext;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.eclipse.xtext.ide.editor.contentassist.IIdeContentProposalAcceptor;
import org.eclipse.xtext.ide.editor.contentassist.IdeContentProposalProvider;
import org.volr.lang.services.VolrGrammarAccess;
import org.volr.model.NeuronModel;
import org.volr.model.Parameter;
import org.volr.net.neuron.NeuronModels;
import org.volr.net.neuron.ParameterSpec;

import com.google.inject.Inject;

/**
 * Completion for what the grammar leaves open because plug-ins decide it: the neuron models registered in
 * {@link NeuronModels} after {@code neuron}, and inside a neuron block the chosen model's parameters, each with its
 * default and what it means (the same schema the validator checks against).
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
		super._createProposals(assignment, context, acceptor);
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
