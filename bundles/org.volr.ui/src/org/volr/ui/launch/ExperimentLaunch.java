package org.volr.ui.launch;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.Path;
import org.eclipse.core.runtime.Status;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.volr.ui.VolrUi;

/** The attributes of a "Volr Experiment" launch configuration: file, experiment, and the run's overrides. */
public final class ExperimentLaunch {
	/** Workspace path of the .volr file, e.g. /xor/xor.volr. */
	public static final String FILE = VolrUi.PLUGIN_ID + ".file";
	/** Experiment to run; empty: the file's only experiment. */
	public static final String EXPERIMENT = VolrUi.PLUGIN_ID + ".experiment";
	/** Simulated steps; 0: the experiment's duration. */
	public static final String STEPS = VolrUi.PLUGIN_ID + ".steps";
	/** Test samples; 0: all of the experiment's data. */
	public static final String LIMIT = VolrUi.PLUGIN_ID + ".limit";

	private ExperimentLaunch() {
	}

	public static void setDefaults(ILaunchConfigurationWorkingCopy config, IFile file) {
		config.setAttribute(FILE, file == null ? "" : file.getFullPath().toString());
		config.setAttribute(EXPERIMENT, "");
		config.setAttribute(STEPS, 0);
		config.setAttribute(LIMIT, 0);
	}

	/** The configuration's .volr file; a clear error when it is not set or no longer there. */
	public static IFile fileOf(ILaunchConfiguration config) throws CoreException {
		String path = config.getAttribute(FILE, "");
		if (path.isBlank())
			throw new CoreException(Status.error("launch configuration '" + config.getName() + "' names no .volr file"));
		IResource r = ResourcesPlugin.getWorkspace().getRoot().findMember(new Path(path));
		if (!(r instanceof IFile f) || !f.exists())
			throw new CoreException(Status.error("launch configuration '" + config.getName() + "': no file " + path + " in the workspace"));
		return f;
	}
}
