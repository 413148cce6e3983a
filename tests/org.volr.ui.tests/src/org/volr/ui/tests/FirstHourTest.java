package org.volr.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.debug.ui.DebugUITools;
import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandImageService;
import org.eclipse.ui.commands.ICommandService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.volr.ui.VolrUi;
import org.volr.ui.builder.TargetGenerationJob;
import org.volr.ui.launch.ExperimentRunJob;
import org.volr.ui.launch.RunExperimentHandler;
import org.volr.ui.results.ResultsView;
import org.volr.ui.welcome.WelcomeView;

/**
 * A new user's first hour in the workbench: the Volr perspective (Problems view open, a Run menu and toolbar button,
 * no debugging views), Volr's own icons, and the welcome page's one click that runs xor and shows its results.
 */
class FirstHourTest {
	private static final String OTHER = "first-hour";

	@AfterEach
	void cleanUp() throws CoreException {
		Ui.waitForJobs(ExperimentRunJob.FAMILY, 180_000);
		Ui.waitForJobs(TargetGenerationJob.FAMILY, 120_000);
		Ui.deleteProject(WelcomeView.EXAMPLE);
		Ui.deleteProject(OTHER);
	}

	private static IWorkbenchPage volrPerspective() throws Exception {
		IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
		IWorkbenchPage page = PlatformUI.getWorkbench().showPerspective(VolrUi.PERSPECTIVE_ID, window);
		page.resetPerspective();
		Ui.spin(Display.getCurrent(), 300);
		return page;
	}

	@Test
	void thePerspectiveOpensProblemsAndOffersRunInTheMenuAndTheToolbar() throws Exception {
		IWorkbenchPage page = volrPerspective();
		assertEquals(VolrUi.PERSPECTIVE_ID, page.getPerspective().getId());
		assertNotNull(page.findView(IPageLayout.ID_PROBLEM_VIEW), "the Problems view is open");
		assertNotNull(page.findView(VolrUi.WELCOME_VIEW_ID), "the welcome page is open");
		assertNotNull(page.findView(IPageLayout.ID_PROJECT_EXPLORER), "the Project Explorer is open");
		List<String> views = Arrays.stream(page.getViewReferences()).map(IViewReference::getId).toList();
		assertTrue(views.stream().noneMatch(id -> id.startsWith("org.eclipse.debug.ui") || id.startsWith("org.eclipse.team")), "no debugging or team views: " + views);

		ICommandService commands = PlatformUI.getWorkbench().getService(ICommandService.class);
		assertTrue(commands.getCommand(VolrUi.RUN_COMMAND_ID).isDefined());
		ICommandImageService images = PlatformUI.getWorkbench().getService(ICommandImageService.class);
		assertIcon(images.getImageDescriptor(VolrUi.RUN_COMMAND_ID), "the run command");

		Control shell = page.getWorkbenchWindow().getShell();
		List<String> menus = Arrays.stream(page.getWorkbenchWindow().getShell().getMenuBar().getItems()).map(MenuItem::getText).map(t -> t.replace("&", ""))
				.toList();
		assertTrue(menus.contains("Run"), "a Run menu: " + menus);
		List<String> tips = new ArrayList<>();
		collectToolTips(shell, tips);
		assertTrue(tips.stream().anyMatch(t -> t.startsWith("Run Volr Experiment")), "a run button on the toolbar: " + tips);
	}

	@Test
	void volrHasItsOwnIcons() {
		assertIcon(PlatformUI.getWorkbench().getViewRegistry().find(VolrUi.RESULTS_VIEW_ID).getImageDescriptor(), "the results view");
		assertIcon(PlatformUI.getWorkbench().getViewRegistry().find(VolrUi.WELCOME_VIEW_ID).getImageDescriptor(), "the welcome view");
		assertIcon(PlatformUI.getWorkbench().getPerspectiveRegistry().findPerspectiveWithId(VolrUi.PERSPECTIVE_ID).getImageDescriptor(), "the perspective");
		assertIcon(DebugUITools.getDefaultImageDescriptor(
				org.eclipse.debug.core.DebugPlugin.getDefault().getLaunchManager().getLaunchConfigurationType(VolrUi.LAUNCH_TYPE_ID)), "the launch type");
		assertIcon(PlatformUI.getWorkbench().getNewWizardRegistry().findWizard("org.volr.ui.newProject").getImageDescriptor(), "the wizard");
	}

	@Test
	void theRunCommandTakesTheVolrFileOfTheSelection() throws Exception {
		IProject project = Ui.newProjectWithWizard(OTHER, "xor");
		IFile volr = project.getFile("xor.volr"), data = project.getFile("xor.npz");
		assertEquals(volr, RunExperimentHandler.volrFileOf(null, new StructuredSelection(volr)));
		assertNull(RunExperimentHandler.volrFileOf(null, new StructuredSelection(data)), "a data file is not run");
		assertNull(RunExperimentHandler.volrFileOf(null, StructuredSelection.EMPTY));
	}

	@Test
	void theWelcomePageRunsXorAndOpensItsResultsInOneClick() throws Exception {
		IWorkbenchPage page = volrPerspective();
		assertFalse(ResourcesPlugin.getWorkspace().getRoot().getProject(WelcomeView.EXAMPLE).exists());
		WelcomeView welcome = (WelcomeView) page.showView(VolrUi.WELCOME_VIEW_ID);
		ResultsView before = (ResultsView) page.findView(VolrUi.RESULTS_VIEW_ID);
		if (before != null)
			page.hideView(before);
		assertEquals("Run the xor example", welcome.runButton().getText());
		welcome.runButton().notifyListeners(SWT.Selection, new Event());
		Path results = ResourcesPlugin.getWorkspace().getRoot().getLocation().toPath().resolve(WelcomeView.EXAMPLE).resolve("learn_xor-results");
		Ui.waitFor("the results of xor in the results view", 240_000,
				() -> page.findView(VolrUi.RESULTS_VIEW_ID) instanceof ResultsView v && v.data() != null && v.data().folder().equals(results));
		IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(WelcomeView.EXAMPLE);
		assertTrue(project.hasNature(VolrUi.NATURE_ID), "the example became a Volr project");
		assertTrue(Files.isRegularFile(results.resolve("result.json")));
		ResultsView view = (ResultsView) page.findView(VolrUi.RESULTS_VIEW_ID);
		assertEquals(50, view.data().steps(), "xor's own 50 steps");
		assertTrue(view.data().finalAccuracy() > 0.9, "xor is learnt: " + view.data().finalAccuracy());
		Ui.screenshot(page.getWorkbenchWindow().getShell(), "workbench-xor-results.png");
	}

	private static void collectToolTips(Control control, List<String> tips) {
		if (control instanceof ToolBar bar)
			for (ToolItem item : bar.getItems())
				if (item.getToolTipText() != null)
					tips.add(item.getToolTipText());
		if (control instanceof Composite c)
			for (Control child : c.getChildren())
				collectToolTips(child, tips);
	}

	/** A 16-pixel icon of Volr's own, not the red square of a missing image. */
	private static void assertIcon(ImageDescriptor descriptor, String what) {
		assertNotNull(descriptor, what + " has an icon");
		ImageData data = descriptor.getImageData(100);
		assertNotNull(data, what + "'s icon loads");
		assertEquals(16, data.width, what);
		ImageData missing = ImageDescriptor.getMissingImageDescriptor().getImageData(100);
		assertFalse(data.width == missing.width && Arrays.equals(data.data, missing.data), what + " is not the missing-image square");
	}
}
