package org.volr.lang.ui.editor;

import java.util.ListResourceBundle;

/** Labels of the text editor actions that read them from a resource bundle. */
public final class Messages extends ListResourceBundle {
	@Override
	protected Object[][] getContents() {
		return new Object[][] { { "ContentAssistProposal.label", "Content Assist" },
				{ "ContentAssistProposal.tooltip", "Content Assist" },
				{ "ContentAssistProposal.description", "Content Assist" } };
	}
}
