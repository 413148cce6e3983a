package org.volr.ui.launch;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.debug.core.ILaunch;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.model.LaunchConfigurationDelegate;
import org.volr.ui.preferences.SimulatorPreferences;

/** Starts a "Volr Experiment" launch: the run itself is an {@link ExperimentRunJob}, with progress and cancel. */
public final class ExperimentLaunchDelegate extends LaunchConfigurationDelegate {
	@Override
	public void launch(ILaunchConfiguration config, String mode, ILaunch launch, IProgressMonitor monitor) throws CoreException {
		IFile file = ExperimentLaunch.fileOf(config);
		String experiment = config.getAttribute(ExperimentLaunch.EXPERIMENT, "");
		int steps = config.getAttribute(ExperimentLaunch.STEPS, 0);
		int limit = config.getAttribute(ExperimentLaunch.LIMIT, 0);
		new ExperimentRunJob(file, experiment.isBlank() ? null : experiment, steps, limit, SimulatorPreferences.defaults()).schedule();
	}

	@Override
	public boolean buildForLaunch(ILaunchConfiguration configuration, String mode, IProgressMonitor monitor) {
		return false; // the run checks its file itself; a workspace build would only delay it
	}
}
