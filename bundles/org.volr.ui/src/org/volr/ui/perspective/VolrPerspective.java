package org.volr.ui.perspective;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.eclipse.ui.console.IConsoleConstants;
import org.volr.ui.VolrUi;

/**
 * Volr Studio's perspective (the product's default): projects on the left, the editor, the results of a run on the
 * right once there are some, and below the editor the Problems view (what the builder found), the console (what a
 * run prints) and the welcome page. No debugging, profiling or team views: a Volr experiment is only ever run.
 */
public final class VolrPerspective implements IPerspectiveFactory {
	public static final String ID = VolrUi.PERSPECTIVE_ID;

	@Override
	public void createInitialLayout(IPageLayout layout) {
		String editor = layout.getEditorArea();
		IFolderLayout left = layout.createFolder("org.volr.ui.left", IPageLayout.LEFT, 0.2f, editor);
		left.addView(IPageLayout.ID_PROJECT_EXPLORER);
		IFolderLayout bottom = layout.createFolder("org.volr.ui.bottom", IPageLayout.BOTTOM, 0.66f, editor);
		bottom.addView(VolrUi.WELCOME_VIEW_ID);
		bottom.addView(IPageLayout.ID_PROBLEM_VIEW);
		bottom.addView(IConsoleConstants.ID_CONSOLE_VIEW);
		layout.createPlaceholderFolder("org.volr.ui.right", IPageLayout.RIGHT, 0.5f, editor).addPlaceholder(VolrUi.RESULTS_VIEW_ID);

		layout.addShowViewShortcut(VolrUi.RESULTS_VIEW_ID);
		layout.addShowViewShortcut(VolrUi.WELCOME_VIEW_ID);
		layout.addShowViewShortcut(IPageLayout.ID_PROBLEM_VIEW);
		layout.addShowViewShortcut(IConsoleConstants.ID_CONSOLE_VIEW);
		layout.addShowViewShortcut(IPageLayout.ID_PROJECT_EXPLORER);
		layout.addShowViewShortcut(IPageLayout.ID_OUTLINE);
		layout.addNewWizardShortcut("org.volr.ui.newProject");
		layout.addNewWizardShortcut("org.eclipse.ui.wizards.new.file");
		layout.addNewWizardShortcut("org.eclipse.ui.wizards.new.folder");
	}
}
