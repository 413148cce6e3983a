package org.volr.lang.ui.editor;

import java.util.List;

import org.eclipse.jface.text.ITextViewer;
import org.eclipse.jface.text.contentassist.CompletionProposal;
import org.eclipse.jface.text.contentassist.ICompletionProposal;
import org.eclipse.jface.text.contentassist.IContentAssistProcessor;
import org.eclipse.jface.text.contentassist.IContextInformation;
import org.eclipse.jface.text.contentassist.IContextInformationValidator;
import org.eclipse.swt.graphics.Image;
import org.eclipse.xtext.ide.editor.contentassist.ContentAssistEntry;
import org.volr.lang.ui.internal.VolrUiPlugin;

/**
 * Ctrl+Space: the proposals of Xtext's IDE content assist (keywords, layer kinds, parameters, names in scope), each
 * with an icon of its kind and its description beside it.
 */
public final class VolrContentAssistProcessor implements IContentAssistProcessor {
	private final VolrEditor editor;
	private String error;

	public VolrContentAssistProcessor(VolrEditor editor) {
		this.editor = editor;
	}

	@Override
	public ICompletionProposal[] computeCompletionProposals(ITextViewer viewer, int offset) {
		try {
			List<ContentAssistEntry> entries = editor.services().proposals(editor.uri(), viewer.getDocument().get(), offset);
			ICompletionProposal[] proposals = new ICompletionProposal[entries.size()];
			for (int i = 0; i < proposals.length; i++) {
				ContentAssistEntry e = entries.get(i);
				String prefix = e.getPrefix() == null ? "" : e.getPrefix();
				String label = e.getLabel() != null ? e.getLabel() : e.getProposal();
				String description = e.getDescription();
				String shown = description == null || description.isBlank() ? label : label + "  \u2014  " + description;
				String documentation = e.getDocumentation() != null ? e.getDocumentation() : description;
				proposals[i] = new CompletionProposal(e.getProposal(), offset - prefix.length(), prefix.length(),
						e.getProposal().length(), icon(e), shown, null, documentation);
			}
			error = null;
			return proposals;
		} catch (RuntimeException e) {
			// content assist on text the parser cannot recover from: say so in the popup instead of failing
			error = "no proposals: " + e.getMessage();
			return new ICompletionProposal[0];
		}
	}

	/** The proposal's kind as an icon: a layer, a network (a name in scope), a neuron parameter or model, a keyword. */
	static Image icon(ContentAssistEntry e) {
		String kind = e.getKind() == null ? "" : e.getKind();
		String description = e.getDescription() == null ? "" : e.getDescription();
		String name = switch (kind) {
		case ContentAssistEntry.KIND_REFERENCE -> "proposal-network";
		case ContentAssistEntry.KIND_PROPERTY -> "proposal-parameter";
		default -> description.startsWith("layer") ? "proposal-layer" : "proposal-keyword";
		};
		return VolrUiPlugin.image("icons/" + name + ".png");
	}

	@Override
	public IContextInformation[] computeContextInformation(ITextViewer viewer, int offset) {
		return null;
	}

	@Override
	public char[] getCompletionProposalAutoActivationCharacters() {
		return null;
	}

	@Override
	public char[] getContextInformationAutoActivationCharacters() {
		return null;
	}

	@Override
	public String getErrorMessage() {
		return error;
	}

	@Override
	public IContextInformationValidator getContextInformationValidator() {
		return null;
	}
}
