package org.volr.ui.welcome;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRunnable;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.ViewPart;
import org.volr.ui.launch.ExperimentLaunchShortcut;
import org.volr.ui.wizard.Examples;
import org.volr.ui.wizard.NewVolrProjectWizard;

/**
 * The first thing Volr Studio shows: one button that runs the xor example (importing it as a project if the
 * workspace has none) and opens its results, and one that starts a project of one's own.
 */
public final class WelcomeView extends ViewPart {
	/** The example the welcome page runs: the smallest, trained and simulated in seconds. */
	public static final String EXAMPLE = "xor";
	private Button runXor;
	private Label status;

	@Override
	public void createPartControl(Composite parent) {
		Composite c = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().margins(12, 10).spacing(8, 8).numColumns(2).applyTo(c);
		Label title = new Label(c, SWT.NONE);
		title.setText("Welcome to Volr Studio");
		title.setFont(JFaceResources.getHeaderFont());
		GridDataFactory.fillDefaults().span(2, 1).applyTo(title);
		runXor = new Button(c, SWT.PUSH);
		runXor.setText("Run the xor example");
		runXor.setImage(org.volr.ui.internal.VolrUiPlugin.image("icons/experiment.png"));
		runXor.addListener(SWT.Selection, e -> runExample());
		label(c, "trains a 2-4-2 network, converts it to spiking neurons, simulates it and opens the results (a few seconds)");
		Button newProject = new Button(c, SWT.PUSH);
		newProject.setText("New Volr Project...");
		newProject.setImage(org.volr.ui.internal.VolrUiPlugin.image("icons/new-project.png"));
		newProject.addListener(SWT.Selection, e -> {
			NewVolrProjectWizard wizard = new NewVolrProjectWizard();
			wizard.init(PlatformUI.getWorkbench(), null);
			new WizardDialog(getSite().getShell(), wizard).open();
		});
		label(c, "empty, or started from one of the examples (MNIST, Fashion-MNIST, CIFAR-10, images from a folder, ...)");
		status = new Label(c, SWT.WRAP);
		GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(status);
		label(c, "").dispose();
	}

	private static Label label(Composite c, String text) {
		Label l = new Label(c, SWT.WRAP);
		l.setText(text);
		GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(l);
		return l;
	}

	/** What the button does: the example's project (created from the bundled example if missing), then its launch. */
	public Job runExample() {
		runXor.setEnabled(false);
		status.setText("Preparing the " + EXAMPLE + " project...");
		Job job = new Job("Running the " + EXAMPLE + " example") {
			@Override
			protected IStatus run(IProgressMonitor monitor) {
				try {
					IFile volr = exampleFile(monitor);
					runXor.getDisplay().asyncExec(() -> {
						ExperimentLaunchShortcut.launch(volr, ILaunchManager.RUN_MODE);
						if (!status.isDisposed()) {
							status.setText("Running " + volr.getFullPath() + ": its results open beside the editor when it is done.");
							runXor.setEnabled(true);
						}
					});
					return Status.OK_STATUS;
				} catch (CoreException e) {
					runXor.getDisplay().asyncExec(() -> {
						if (!status.isDisposed()) {
							status.setText("Cannot prepare the example: " + e.getMessage());
							runXor.setEnabled(true);
						}
					});
					return e.getStatus();
				}
			}
		};
		job.setRule(ResourcesPlugin.getWorkspace().getRoot());
		job.schedule();
		return job;
	}

	/** xor/xor.volr of the workspace, with the project made from the bundled example when the workspace has none. */
	static IFile exampleFile(IProgressMonitor monitor) throws CoreException {
		IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(EXAMPLE);
		IWorkspaceRunnable create = m -> {
			if (!project.exists())
				NewVolrProjectWizard.create(project, EXAMPLE, m);
			else if (!project.isOpen())
				project.open(m);
		};
		ResourcesPlugin.getWorkspace().run(create, ResourcesPlugin.getWorkspace().getRoot(), 0, monitor);
		IFile volr = project.getFile(EXAMPLE + ".volr");
		if (!volr.exists())
			throw new CoreException(Status.error("project " + EXAMPLE + " has no " + EXAMPLE + ".volr (" + Examples.names() + ")"));
		project.refreshLocal(IResource.DEPTH_ONE, monitor);
		return volr;
	}

	/** The one-click button (for tests and screenshots). */
	public Button runButton() {
		return runXor;
	}

	@Override
	public void setFocus() {
		runXor.setFocus();
	}
}
