package org.volr.ui.wizard;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspaceRunnable;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.INewWizard;
import org.eclipse.ui.IWorkbench;
import org.volr.ui.builder.VolrNature;

/** File › New › Volr Project: a project with the Volr nature, empty or holding a copy of one of the examples. */
public final class NewVolrProjectWizard extends Wizard implements INewWizard {
	/** What the example list shows for a project without files. */
	public static final String EMPTY = "(empty project)";

	private ProjectPage page;
	private IProject created;

	public NewVolrProjectWizard() {
		setWindowTitle("New Volr Project");
		setNeedsProgressMonitor(true);
	}

	@Override
	public void init(IWorkbench workbench, IStructuredSelection selection) {
	}

	@Override
	public void addPages() {
		page = new ProjectPage();
		addPage(page);
	}

	/** Fills the page's fields (for callers that drive the wizard without a person, such as tests). */
	public void choose(String projectName, String example) {
		page.name.setText(projectName);
		page.examples.select(Math.max(0, page.examples.indexOf(example == null ? EMPTY : example)));
	}

	/** The project the wizard created, once it has finished. */
	public IProject createdProject() {
		return created;
	}

	@Override
	public boolean performFinish() {
		String name = page.name.getText().trim();
		int selected = page.examples.getSelectionIndex();
		String example = selected <= 0 ? null : page.examples.getItem(selected);
		IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
		IWorkspaceRunnable create = monitor -> create(project, example, monitor);
		try {
			getContainer().run(true, true, monitor -> {
				try {
					ResourcesPlugin.getWorkspace().run(create, monitor);
				} catch (CoreException e) {
					throw new InvocationTargetException(e);
				}
			});
		} catch (InvocationTargetException e) {
			MessageDialog.openError(getShell(), "New Volr Project", "Cannot create project " + name + ": " + e.getCause().getMessage());
			return false;
		} catch (InterruptedException e) {
			return false;
		}
		created = project;
		return true;
	}

	/** Creates and opens a Volr project (nature and builder), with the files of the example unless it is null. */
	public static void create(IProject project, String example, IProgressMonitor monitor) throws CoreException {
		SubMonitor sub = SubMonitor.convert(monitor, "Creating " + project.getName(), 3);
		project.create(sub.split(1));
		project.open(sub.split(1));
		VolrNature.addTo(project);
		if (example != null)
			Examples.copy(example, project, sub.split(1));
		project.refreshLocal(IResource.DEPTH_INFINITE, null);
	}

	private static final class ProjectPage extends WizardPage {
		Text name;
		org.eclipse.swt.widgets.List examples;

		ProjectPage() {
			super("project");
			setTitle("Volr Project");
			setDescription("A project for .volr networks and experiments, empty or started from an example.");
		}

		@Override
		public void createControl(Composite parent) {
			Composite c = new Composite(parent, SWT.NONE);
			GridLayoutFactory.swtDefaults().numColumns(2).applyTo(c);
			new Label(c, SWT.NONE).setText("Project &name:");
			name = new Text(c, SWT.BORDER);
			GridDataFactory.fillDefaults().grab(true, false).applyTo(name);
			name.addModifyListener(e -> validate());
			Label l = new Label(c, SWT.NONE);
			l.setText("Start &from:");
			GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(l);
			examples = new org.eclipse.swt.widgets.List(c, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL);
			GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 160).applyTo(examples);
			List<String> items = new ArrayList<>();
			items.add(EMPTY);
			items.addAll(Examples.names());
			examples.setItems(items.toArray(String[]::new));
			examples.select(0);
			examples.addListener(SWT.Selection, e -> validate());
			setControl(c);
			setPageComplete(false);
		}

		private void validate() {
			String n = name.getText().trim();
			String problem = null;
			if (n.isEmpty())
				problem = "Enter a project name.";
			else if (!ResourcesPlugin.getWorkspace().validateName(n, IResource.PROJECT).isOK())
				problem = ResourcesPlugin.getWorkspace().validateName(n, IResource.PROJECT).getMessage();
			else if (ResourcesPlugin.getWorkspace().getRoot().getProject(n).exists())
				problem = "A project named " + n + " exists already.";
			setErrorMessage(problem);
			setPageComplete(problem == null);
		}
	}
}
