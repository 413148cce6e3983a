package org.volr.ui.launch;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.core.DebugPlugin;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationType;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.debug.ui.ILaunchShortcut;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IFileEditorInput;
import org.volr.ui.VolrUi;
import org.volr.ui.internal.VolrUiPlugin;

/** Run As › Volr Experiment on a .volr file: reuses the file's launch configuration or creates one. */
public final class ExperimentLaunchShortcut implements ILaunchShortcut {
	@Override
	public void launch(ISelection selection, String mode) {
		if (selection instanceof IStructuredSelection s && s.getFirstElement() instanceof IFile f)
			launch(f, mode);
		else if (selection instanceof IStructuredSelection s && s.getFirstElement() != null) {
			IFile f = org.eclipse.core.runtime.Adapters.adapt(s.getFirstElement(), IFile.class);
			if (f != null)
				launch(f, mode);
		}
	}

	@Override
	public void launch(IEditorPart editor, String mode) {
		if (editor.getEditorInput() instanceof IFileEditorInput input)
			launch(input.getFile(), mode);
	}

	/** Launches the file's configuration (made when it has none) in the mode. */
	public static void launch(IFile file, String mode) {
		try {
			DebugUITools.launch(configurationFor(file), mode);
		} catch (CoreException e) {
			VolrUiPlugin.log("cannot launch " + file.getFullPath(), e);
		}
	}

	/** The launch configuration of that file: the first one naming it, else a new one saved under the file's name. */
	public static ILaunchConfiguration configurationFor(IFile file) throws CoreException {
		ILaunchManager manager = DebugPlugin.getDefault().getLaunchManager();
		ILaunchConfigurationType type = manager.getLaunchConfigurationType(VolrUi.LAUNCH_TYPE_ID);
		for (ILaunchConfiguration c : manager.getLaunchConfigurations(type))
			if (c.getAttribute(ExperimentLaunch.FILE, "").equals(file.getFullPath().toString()))
				return c;
		String base = file.getName().replaceFirst("\\.volr$", "");
		ILaunchConfigurationWorkingCopy copy = type.newInstance(null, manager.generateLaunchConfigurationName(base));
		ExperimentLaunch.setDefaults(copy, file);
		return copy.doSave();
	}
}
