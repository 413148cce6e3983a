package org.volr.ui.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.ui.console.ConsolePlugin;
import org.eclipse.ui.console.IConsole;
import org.eclipse.ui.console.IConsoleManager;
import org.eclipse.ui.console.MessageConsole;
import org.volr.core.progress.CancelledException;
import org.volr.pipeline.ExperimentChoiceException;
import org.volr.pipeline.ExperimentRun;
import org.volr.pipeline.ExperimentSetup;
import org.volr.pipeline.PipelineException;
import org.volr.pipeline.RunSummary;
import org.volr.pipeline.SimulationDefaults;
import org.volr.sim.LoweringException;
import org.volr.ui.internal.MonitorProgress;
import org.volr.ui.internal.VolrUiPlugin;
import org.volr.ui.results.ResultsView;

/**
 * Runs an experiment as {@code volr run} does (weights, ANN accuracy, conversion, simulation) and writes the same
 * results folder, FILE's folder / EXPERIMENT-results/. Progress comes from the pipeline's tasks; cancelling the
 * job stops training or the simulator at the next batch. What the command prints goes to a console; the results
 * view opens on the folder when the run is done.
 */
public final class ExperimentRunJob extends Job {
	/** The job family, to wait for or cancel every run. */
	public static final Object FAMILY = ExperimentRunJob.class;

	private final IFile file;
	private final String experiment;
	private final int steps;
	private final int limit;
	private final SimulationDefaults defaults;
	private volatile Path results;

	/** experiment null: the file's only one; steps, limit 0: the experiment's own. */
	public ExperimentRunJob(IFile file, String experiment, int steps, int limit, SimulationDefaults defaults) {
		super("Volr experiment " + (experiment != null ? experiment + " (" + file.getName() + ")" : file.getName()));
		this.file = file;
		this.experiment = experiment;
		this.steps = steps;
		this.limit = limit;
		this.defaults = defaults;
		setUser(true);
	}

	@Override
	public boolean belongsTo(Object family) {
		return family == FAMILY;
	}

	/** The results folder once the run has written it, else null. */
	public Path results() {
		return results;
	}

	@Override
	protected IStatus run(IProgressMonitor monitor) {
		MessageConsole console = console("Volr: " + file.getFullPath());
		console.clearConsole();
		try (PrintStream out = new PrintStream(console.newMessageStream(), true, StandardCharsets.UTF_8)) {
			return run(out, monitor);
		}
	}

	private IStatus run(PrintStream out, IProgressMonitor monitor) {
		Path path = file.getLocation().toPath();
		ExperimentSetup setup = null;
		try {
			setup = ExperimentSetup.load(path, experiment, out::println);
			if (setup == null)
				return Status.error(file.getFullPath() + " has errors; the console lists them");
			Path folder = path.toAbsolutePath().getParent().resolve(setup.experiment.getName() + "-results");
			ExperimentRun.Outcome outcome = ExperimentRun.run(setup, setup.simulation(steps, defaults), limit, folder, out,
					new MonitorProgress(monitor, getName()));
			RunSummary.print(out, setup, outcome, folder);
			results = folder;
			refresh(file.getParent());
			ResultsView.showWhenReady(folder);
			return Status.OK_STATUS;
		} catch (CancelledException e) {
			out.println("cancelled");
			return Status.CANCEL_STATUS;
		} catch (ExperimentChoiceException e) {
			out.println(e.getMessage());
			return Status.error(e.getMessage());
		} catch (PipelineException | LoweringException | IOException | RuntimeException e) {
			String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
			// at the clause the failure belongs to, as volr run prints it
			out.println(path + ":" + (setup == null ? "1:1" : setup.positionOf(e)) + ": error: " + message);
			return Status.error(file.getFullPath() + ": " + message);
		}
	}

	private static void refresh(IContainer folder) {
		try {
			folder.refreshLocal(IResource.DEPTH_INFINITE, null);
		} catch (CoreException e) {
			VolrUiPlugin.log("cannot refresh " + folder.getFullPath(), e);
		}
	}

	/** The console of that name, created (and shown) the first time. */
	private static MessageConsole console(String name) {
		IConsoleManager manager = ConsolePlugin.getDefault().getConsoleManager();
		for (IConsole c : manager.getConsoles())
			if (c instanceof MessageConsole m && c.getName().equals(name)) {
				manager.showConsoleView(m);
				return m;
			}
		MessageConsole created = new MessageConsole(name, null);
		manager.addConsoles(new IConsole[] { created });
		manager.showConsoleView(created);
		return created;
	}
}
