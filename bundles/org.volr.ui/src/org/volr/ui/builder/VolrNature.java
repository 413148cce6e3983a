package org.volr.ui.builder;

import java.util.Arrays;

import org.eclipse.core.resources.ICommand;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IProjectDescription;
import org.eclipse.core.resources.IProjectNature;
import org.eclipse.core.runtime.CoreException;
import org.volr.ui.VolrUi;

/** Marks a project as holding .volr files: adding it installs the Volr builder. */
public final class VolrNature implements IProjectNature {
	private IProject project;

	@Override
	public void configure() throws CoreException {
		IProjectDescription description = project.getDescription();
		ICommand[] commands = description.getBuildSpec();
		if (Arrays.stream(commands).anyMatch(c -> c.getBuilderName().equals(VolrUi.BUILDER_ID)))
			return;
		ICommand builder = description.newCommand();
		builder.setBuilderName(VolrUi.BUILDER_ID);
		ICommand[] extended = Arrays.copyOf(commands, commands.length + 1);
		extended[commands.length] = builder;
		description.setBuildSpec(extended);
		project.setDescription(description, null);
	}

	@Override
	public void deconfigure() throws CoreException {
		IProjectDescription description = project.getDescription();
		description.setBuildSpec(Arrays.stream(description.getBuildSpec()).filter(c -> !c.getBuilderName().equals(VolrUi.BUILDER_ID))
				.toArray(ICommand[]::new));
		project.setDescription(description, null);
	}

	@Override
	public IProject getProject() {
		return project;
	}

	@Override
	public void setProject(IProject project) {
		this.project = project;
	}

	/** Adds the nature (and with it the builder) to a project that lacks it. */
	public static void addTo(IProject project) throws CoreException {
		IProjectDescription description = project.getDescription();
		if (description.hasNature(VolrUi.NATURE_ID))
			return;
		String[] natures = Arrays.copyOf(description.getNatureIds(), description.getNatureIds().length + 1);
		natures[natures.length - 1] = VolrUi.NATURE_ID;
		description.setNatureIds(natures);
		project.setDescription(description, null);
	}
}
