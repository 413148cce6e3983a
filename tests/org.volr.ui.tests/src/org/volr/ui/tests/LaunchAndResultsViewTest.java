package org.volr.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.debug.core.ILaunchConfiguration;
import org.eclipse.debug.core.ILaunchConfigurationWorkingCopy;
import org.eclipse.debug.core.ILaunchManager;
import org.eclipse.debug.ui.ILaunchConfigurationTab;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.core.progress.CancelledException;
import org.volr.pipeline.ExperimentRun;
import org.volr.pipeline.ExperimentSetup;
import org.volr.pipeline.SimulationDefaults;
import org.volr.ui.VolrUi;
import org.volr.ui.internal.MonitorProgress;
import org.volr.ui.launch.ExperimentLaunch;
import org.volr.ui.launch.ExperimentLaunchShortcut;
import org.volr.ui.launch.ExperimentRunJob;
import org.volr.ui.launch.ExperimentTabGroup;
import org.volr.ui.preferences.SimulatorPreferences;
import org.volr.ui.results.Plot;
import org.volr.ui.results.ResultsView;

/** examples/xor run through a "Volr Experiment" launch configuration: job, results folder, results view; and cancel. */
class LaunchAndResultsViewTest {
	private static final String PROJECT = "xor-launch";
	private static IProject project;

	@BeforeAll
	static void createProject() {
		project = Ui.newProjectWithWizard(PROJECT, "xor");
	}

	@AfterAll
	static void deleteProject() throws CoreException {
		Ui.waitForJobs(ExperimentRunJob.FAMILY, 120_000);
		Ui.deleteProject(PROJECT);
	}

	@Test
	void launchRunsXorWritesTheResultsFolderAndTheViewShowsIt() throws Exception {
		IFile volr = project.getFile("xor.volr");
		ILaunchConfigurationWorkingCopy config = ExperimentLaunchShortcut.configurationFor(volr).getWorkingCopy();
		config.setAttribute(ExperimentLaunch.STEPS, 40); // the example says 50: the override must win
		ILaunchConfiguration saved = config.doSave();
		Path results = volr.getLocation().toPath().getParent().resolve("learn_xor-results");
		if (project.getFolder("learn_xor-results").exists()) // left by the cancelled run, if it got that far
			project.getFolder("learn_xor-results").delete(true, null);
		assertFalse(Files.exists(results));
		List<IStatus> finished = new ArrayList<>();
		JobChangeAdapter listener = new JobChangeAdapter() {
			@Override
			public void done(IJobChangeEvent event) {
				if (event.getJob().belongsTo(ExperimentRunJob.FAMILY))
					finished.add(event.getResult());
			}
		};
		Job.getJobManager().addJobChangeListener(listener);
		long start = System.nanoTime();
		try {
			saved.launch(ILaunchManager.RUN_MODE, new NullProgressMonitor());
			Ui.waitFor("the experiment's job", 180_000, () -> !finished.isEmpty());
		} finally {
			Job.getJobManager().removeJobChangeListener(listener);
		}
		System.out.printf("xor launched, run and written in %.1f s%n", (System.nanoTime() - start) / 1e9);
		assertTrue(finished.get(0).isOK(), finished.get(0).getMessage());
		for (String f : List.of("result.json", "accuracy.csv", "predictions.csv", "report.json", "converted.npz", "ann-vs-snn.csv", "spike-counts.csv", "spike-raster.csv",
				"accuracy.png", "ann-vs-snn.svg"))
			assertTrue(Files.isRegularFile(results.resolve(f)), f);
		List<String> accuracyRows = Files.readAllLines(results.resolve("accuracy.csv"));
		assertEquals(1 + 40, accuracyRows.size(), "40 steps, as the launch configuration says");
		assertTrue(project.getFolder("learn_xor-results").exists(), "the results folder is refreshed into the workspace");

		IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
		Ui.waitFor("the results view", 30_000, () -> page.findView(VolrUi.RESULTS_VIEW_ID) instanceof ResultsView v && v.data() != null);
		ResultsView view = (ResultsView) page.findView(VolrUi.RESULTS_VIEW_ID);
		assertEquals(results, view.data().folder());
		assertEquals(40, view.data().steps());
		double lastAccuracy = Double.parseDouble(accuracyRows.get(40).split(",")[1]);
		assertEquals(lastAccuracy, view.data().finalAccuracy(), 1e-6);
		List<Plot> plots = view.plots();
		assertEquals(4, plots.size());
		assertEquals(40, plots.get(0).points(), "accuracy after every step");
		assertEquals(Files.readAllLines(results.resolve("ann-vs-snn.csv")).size() - 1, plots.get(1).points(), "one point per row of ann-vs-snn.csv");
		assertTrue(plots.get(1).points() > 0);
		// the raster: one dot per spike of the first sample, as many as its spike counts add up to
		List<String> raster = Files.readAllLines(results.resolve("spike-raster.csv"));
		assertEquals(raster.size() - 1, plots.get(2).points());
		assertTrue(plots.get(2).points() > 0, "the first sample spiked");
		int firstSampleSpikes = Files.readAllLines(results.resolve("spike-counts.csv")).stream().skip(1).map(l -> l.split(","))
				.filter(r -> r[0].equals("0")).mapToInt(r -> Integer.parseInt(r[3])).sum();
		assertEquals(firstSampleSpikes, plots.get(2).points(), "every counted spike of sample 0 is in the raster");
		assertTrue(raster.stream().skip(1).allMatch(l -> Integer.parseInt(l.split(",")[0]) < 40), "spike steps lie within the run");
		assertEquals(view.data().layers().size(), plots.get(3).points());
		long operations = view.data().layers().stream().mapToLong(l -> l.synapticOps()).sum();
		assertEquals(view.data().synapticOpsPerSample() * view.data().samples(), operations, 0.5, "operations per layer add up to the total");
		System.out.printf("results view: %d steps, SNN %.2f %%, ANN %.2f %%, %d scatter points, %d spikes in the raster%n", view.data().steps(),
				100 * view.data().finalAccuracy(), 100 * view.data().annAccuracy(), plots.get(1).points(), plots.get(2).points());
		screenshot(page, view);

		// the console shows what volr run prints
		String console = consoleText("Volr: /" + PROJECT + "/xor.volr");
		assertTrue(console.contains("experiment learn_xor: 64 samples, 40 steps"), console);
		assertTrue(console.contains("results in " + results), console);
	}

	@Test
	void simulatorPreferencesFillWhatTheExperimentLeavesOpen() throws Exception {
		IProject other = Ui.newProjectWithWizard("xor-preferences", "xor");
		try {
			IFile volr = other.getFile("xor.volr");
			String text = new String(volr.getContents().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			String open = text.replace("simulate { duration 50 steps, input constant, batch 64, delay 2 }", "simulate { input constant, delay 2 }");
			assertFalse(open.equals(text));
			volr.setContents(new java.io.ByteArrayInputStream(open.getBytes(java.nio.charset.StandardCharsets.UTF_8)), true, false, null);
			SimulatorPreferences.store().setValue(SimulatorPreferences.STEPS, 33);
			SimulatorPreferences.store().setValue(SimulatorPreferences.BATCH, 7);
			ExperimentRunJob job = new ExperimentRunJob(volr, null, 0, 0, SimulatorPreferences.defaults());
			job.schedule();
			Ui.waitFor("the run", 180_000, () -> job.getResult() != null);
			assertTrue(job.getResult().isOK(), job.getResult().getMessage());
			assertEquals(1 + 33, Files.readAllLines(job.results().resolve("accuracy.csv")).size(), "steps from the preferences");
		} finally {
			SimulatorPreferences.store().setToDefault(SimulatorPreferences.STEPS);
			SimulatorPreferences.store().setToDefault(SimulatorPreferences.BATCH);
			Ui.waitForJobs(ExperimentRunJob.FAMILY, 60_000);
			other.delete(true, true, null);
		}
	}

	/** A failure found while running is printed at the clause it belongs to, as volr run prints it. */
	@Test
	void aFailureWhileRunningIsPrintedAtItsClause() throws Exception {
		IFile bad = project.getFile("bad.npz");
		bad.create(new java.io.ByteArrayInputStream("not a zip file".getBytes(java.nio.charset.StandardCharsets.UTF_8)), true, null);
		IFile volr = project.getFile("broken.volr");
		String text = "network n { input [2]  a: dense 2 relu }\nexperiment e {\n    network n\n    weights npz \"missing.npz\"\n"
				+ "    data npz \"bad.npz\"\n}\n";
		volr.create(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), true, null);
		ExperimentRunJob job = new ExperimentRunJob(volr, null, 0, 0, SimulationDefaults.STANDARD);
		job.schedule();
		Ui.waitFor("the run", 60_000, () -> job.getResult() != null);
		assertFalse(job.getResult().isOK());
		String console = consoleText("Volr: /" + PROJECT + "/broken.volr", "error:");
		assertTrue(console.contains("broken.volr:5:10: error: bad.npz: "), console);
	}

	private static String consoleText(String name) {
		return consoleText(name, "results in");
	}

	private static String consoleText(String name, String awaited) {
		org.eclipse.ui.console.IConsole[] consoles = org.eclipse.ui.console.ConsolePlugin.getDefault().getConsoleManager().getConsoles();
		for (org.eclipse.ui.console.IConsole c : consoles)
			if (c.getName().equals(name) && c instanceof org.eclipse.ui.console.TextConsole t) {
				Ui.waitFor("the console's text", 10_000, () -> t.getDocument().get().contains(awaited));
				return t.getDocument().get();
			}
		throw new AssertionError("no console named " + name);
	}

	@Test
	void cancellingStopsTheSimulator() throws Exception {
		Path file = project.getFile("xor.volr").getLocation().toPath();
		Path out = file.getParent().resolve("cancelled-results");
		ExperimentSetup setup = ExperimentSetup.load(file, null, d -> {
		});
		assertNotNull(setup);
		List<String> tasks = new ArrayList<>();
		// the person presses cancel as soon as the simulation starts
		NullProgressMonitor monitor = new NullProgressMonitor() {
			@Override
			public void subTask(String name) {
				tasks.add(name);
				if (name.startsWith("Simulating"))
					setCanceled(true);
			}
		};
		assertThrows(CancelledException.class, () -> ExperimentRun.run(setup, setup.simulation(0, SimulationDefaults.STANDARD), 0, out, System.out,
				new MonitorProgress(monitor, "xor")));
		assertTrue(tasks.stream().anyMatch(t -> t.startsWith("training")), tasks.toString());
		assertTrue(tasks.stream().anyMatch(t -> t.startsWith("normalising")), "conversion finished before the cancel: " + tasks);
		// a cancelled run leaves no results: not even the conversion it finished, nor its hidden staging folder
		assertFalse(Files.exists(out), "no results folder after a cancelled run");
		try (var siblings = Files.list(out.getParent())) {
			assertEquals(List.of(), siblings.filter(p -> p.getFileName().toString().startsWith(".cancelled-results")).toList());
		}
	}

	@Test
	void theProgressMonitorFollowsTrainingAndTheSimulator() throws Exception {
		Path file = project.getFile("xor.volr").getLocation().toPath();
		ExperimentSetup setup = ExperimentSetup.load(file, null, d -> {
		});
		List<String> tasks = new ArrayList<>();
		double[] workedWhileSimulating = { 0 };
		NullProgressMonitor monitor = new NullProgressMonitor() {
			@Override
			public void subTask(String name) {
				tasks.add(name);
			}

			@Override
			public void internalWorked(double work) {
				if (!tasks.isEmpty() && tasks.get(tasks.size() - 1).startsWith("Simulating"))
					workedWhileSimulating[0] += work;
			}

			@Override
			public void worked(int work) {
				internalWorked(work);
			}
		};
		ExperimentRun.run(setup, setup.simulation(0, SimulationDefaults.STANDARD), 0, file.getParent().resolve("progress-results"), System.out,
				new MonitorProgress(monitor, "xor"));
		assertTrue(tasks.stream().anyMatch(t -> t.startsWith("training xor")), tasks.toString());
		assertTrue(tasks.contains("Simulating 50 steps"), tasks.toString());
		assertTrue(workedWhileSimulating[0] > 0, "the simulator's batches move the bar");
	}

	@Test
	void cancellingTheJobEndsItAsCancelledWithoutResults() {
		IFile volr = project.getFile("xor.volr");
		ExperimentRunJob job = new ExperimentRunJob(volr, "learn_xor", 0, 0, SimulationDefaults.STANDARD);
		job.schedule();
		Ui.waitFor("the job to start", 30_000, () -> job.getState() == Job.RUNNING);
		Ui.spin(Display.getCurrent(), 300);
		job.cancel();
		Ui.waitFor("the job to end", 60_000, () -> job.getResult() != null);
		assertEquals(IStatus.CANCEL, job.getResult().getSeverity());
		assertNull(job.results());
	}

	@Test
	void theShortcutReusesTheFilesConfigurationAndTheTabChecksIt() throws CoreException {
		IFile volr = project.getFile("xor.volr");
		ILaunchConfiguration config = ExperimentLaunchShortcut.configurationFor(volr);
		assertEquals(config, ExperimentLaunchShortcut.configurationFor(volr), "one configuration per file");
		assertEquals("/" + PROJECT + "/xor.volr", config.getAttribute(ExperimentLaunch.FILE, ""));
		ExperimentTabGroup group = new ExperimentTabGroup();
		group.createTabs(null, ILaunchManager.RUN_MODE);
		ILaunchConfigurationTab tab = group.getTabs()[0];
		Shell shell = new Shell(PlatformUI.getWorkbench().getActiveWorkbenchWindow().getShell());
		try {
			tab.createControl(shell);
			ILaunchConfigurationWorkingCopy copy = config.getWorkingCopy();
			tab.initializeFrom(copy);
			assertTrue(tab.isValid(copy), tab.getErrorMessage());
			List<Text> fields = texts(tab.getControl());
			assertEquals(4, fields.size(), "file, experiment, steps, samples");
			fields.get(2).setText("25");
			tab.performApply(copy);
			assertEquals(25, copy.getAttribute(ExperimentLaunch.STEPS, 0));
			fields.get(2).setText("-3");
			assertFalse(tab.isValid(copy), "negative steps are refused");
			fields.get(2).setText("0");
			fields.get(0).setText("/" + PROJECT + "/missing.volr");
			assertFalse(tab.isValid(copy), "a file that is not there is refused");
		} finally {
			shell.dispose();
		}
	}

	@Test
	void theViewSaysWhenAFolderHoldsNoResults(@TempDir Path empty) throws Exception {
		IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
		ResultsView view = (ResultsView) page.showView(VolrUi.RESULTS_VIEW_ID);
		view.show(empty);
		assertNull(view.data());
		assertTrue(view.plots().isEmpty());
	}

	private static List<Text> texts(Control c) {
		List<Text> found = new ArrayList<>();
		if (c instanceof Text t)
			found.add(t);
		if (c instanceof org.eclipse.swt.widgets.Composite composite)
			for (Control child : composite.getChildren())
				found.addAll(texts(child));
		return found;
	}

	/** With -Dvolr.screenshots=DIR: the results view as DIR/results-view.png. */
	private static void screenshot(IWorkbenchPage page, ResultsView view) throws Exception {
		String dir = System.getProperty("volr.screenshots", "");
		if (dir.isBlank() || dir.equals("null")) // the pom's empty default arrives as "null"
			return;
		page.setPartState(page.getReference(view), IWorkbenchPage.STATE_MAXIMIZED);
		Control control = view.plotsControl();
		control.getShell().setSize(1280, 860);
		Ui.spin(Display.getCurrent(), 1500);
		control.redraw();
		control.update();
		Ui.spin(Display.getCurrent(), 500);
		Display display = control.getDisplay();
		Rectangle bounds = control.getBounds();
		Point origin = control.toDisplay(0, 0);
		Image image = new Image(display, bounds.width, bounds.height);
		GC gc = new GC(display);
		try {
			gc.copyArea(image, origin.x, origin.y);
			ImageData data = image.getImageData();
			ImageLoader loader = new ImageLoader();
			loader.data = new ImageData[] { data };
			Path target = Path.of(dir).resolve("results-view.png");
			Files.createDirectories(target.getParent());
			loader.save(target.toString(), SWT.IMAGE_PNG);
			System.out.println("screenshot " + target + " " + bounds.width + "x" + bounds.height);
		} finally {
			gc.dispose();
			image.dispose();
		}
	}

}
