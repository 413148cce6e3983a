package org.volr.ui.tests;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.BooleanSupplier;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.PlatformUI;
import org.volr.ui.wizard.NewVolrProjectWizard;

/** Driving the workbench from tests that run on its UI thread: waiting keeps the event loop going. */
final class Ui {
	private Ui() {
	}

	/** Runs the event loop until the condition holds; fails after the timeout. */
	static void waitFor(String what, long timeoutMillis, BooleanSupplier condition) {
		Display display = Display.getCurrent();
		long end = System.currentTimeMillis() + timeoutMillis;
		while (!condition.getAsBoolean()) {
			if (System.currentTimeMillis() > end)
				fail("timed out after " + timeoutMillis + " ms waiting for " + what);
			spin(display, 20);
		}
	}

	/** Waits until no job of the family has been scheduled, waiting or running for half a second. */
	static void waitForJobs(Object family, long timeoutMillis) {
		Display display = Display.getCurrent();
		long end = System.currentTimeMillis() + timeoutMillis, quietSince = System.currentTimeMillis();
		while (System.currentTimeMillis() - quietSince < 500) {
			if (System.currentTimeMillis() > end)
				fail("timed out after " + timeoutMillis + " ms waiting for jobs of " + family);
			if (Job.getJobManager().find(family).length > 0)
				quietSince = System.currentTimeMillis();
			spin(display, 20);
		}
	}

	static void spin(Display display, long millis) {
		long end = System.currentTimeMillis() + millis;
		while (System.currentTimeMillis() < end) {
			if (display == null || !display.readAndDispatch()) {
				try {
					Thread.sleep(5);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	/** Creates a project the way a person does: File › New › Volr Project, name, example, Finish. */
	static IProject newProjectWithWizard(String name, String example) {
		NewVolrProjectWizard wizard = new NewVolrProjectWizard();
		wizard.init(PlatformUI.getWorkbench(), null);
		WizardDialog dialog = new WizardDialog(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell(), wizard);
		dialog.setBlockOnOpen(false);
		dialog.open();
		try {
			wizard.choose(name, example);
			if (!wizard.canFinish())
				fail("the wizard cannot finish with project " + name + " from " + example);
			if (!wizard.performFinish())
				fail("the wizard did not create project " + name);
		} finally {
			dialog.close();
		}
		assertNotNull(wizard.createdProject());
		return wizard.createdProject();
	}

	static void deleteProject(String name) throws CoreException {
		IProject p = ResourcesPlugin.getWorkspace().getRoot().getProject(name);
		if (p.exists())
			p.delete(true, true, null);
	}

	/**
	 * Saves what the control shows as DIR/name when -Dvolr.screenshots=DIR is given (the README's pictures), after
	 * giving the window a size people have and the event loop time to paint.
	 */
	static void screenshot(org.eclipse.swt.widgets.Control control, String name) throws java.io.IOException {
		String dir = System.getProperty("volr.screenshots", "");
		if (dir.isBlank() || dir.equals("null")) // the pom's empty default arrives as "null"
			return;
		control.getShell().setSize(1400, 900);
		spin(control.getDisplay(), 1500);
		control.redraw();
		control.update();
		spin(control.getDisplay(), 500);
		org.eclipse.swt.graphics.Rectangle bounds = control.getBounds();
		org.eclipse.swt.graphics.Point origin = control.toDisplay(0, 0);
		if (control instanceof org.eclipse.swt.widgets.Shell shell) {
			bounds = shell.getBounds();
			origin = new org.eclipse.swt.graphics.Point(bounds.x, bounds.y);
		}
		org.eclipse.swt.graphics.Image image = new org.eclipse.swt.graphics.Image(control.getDisplay(), bounds.width, bounds.height);
		org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(control.getDisplay());
		try {
			gc.copyArea(image, origin.x, origin.y);
			org.eclipse.swt.graphics.ImageLoader loader = new org.eclipse.swt.graphics.ImageLoader();
			loader.data = new org.eclipse.swt.graphics.ImageData[] { image.getImageData() };
			java.nio.file.Path target = java.nio.file.Path.of(dir).resolve(name);
			java.nio.file.Files.createDirectories(target.getParent());
			loader.save(target.toString(), org.eclipse.swt.SWT.IMAGE_PNG);
			System.out.println("screenshot " + target + " " + bounds.width + "x" + bounds.height);
		} finally {
			gc.dispose();
			image.dispose();
		}
	}
}
