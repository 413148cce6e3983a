package org.volr.ui.launch;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.handlers.HandlerUtil;

/**
 * Run › Run Volr Experiment and the toolbar's run button: runs the .volr file of the active editor, else the one
 * selected in the Project Explorer, as the Run As shortcut does; says what to do when there is none.
 */
public final class RunExperimentHandler extends AbstractHandler {
	@Override
	public Object execute(ExecutionEvent event) {
		IFile file = volrFileOf(HandlerUtil.getActivePart(event), HandlerUtil.getCurrentSelection(event));
		if (file == null)
			MessageDialog.openInformation(HandlerUtil.getActiveShell(event), "Run Volr Experiment",
					"Open a .volr file in the editor, or select one in the Project Explorer, then run it.");
		else
			ExperimentLaunchShortcut.launch(file, ILaunchManager.RUN_MODE);
		return null;
	}

	/** The .volr file the part edits, else the first .volr file of the selection; null when neither is one. */
	public static IFile volrFileOf(IWorkbenchPart part, ISelection selection) {
		if (part instanceof IEditorPart editor && editor.getEditorInput() instanceof IFileEditorInput input && isVolr(input.getFile()))
			return input.getFile();
		if (selection instanceof IStructuredSelection s && s.getFirstElement() != null) {
			IFile file = Adapters.adapt(s.getFirstElement(), IFile.class);
			if (isVolr(file))
				return file;
		}
		return null;
	}

	private static boolean isVolr(IFile file) {
		return file != null && "volr".equals(file.getFileExtension());
	}
}
