package org.volr.ui.builder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.volr.core.progress.CancelledException;
import org.volr.lang.api.VolrLanguage;
import org.volr.model.Experiment;
import org.volr.model.Target;
import org.volr.model.VolrFile;
import org.volr.pipeline.ExperimentChoiceException;
import org.volr.pipeline.ExperimentSetup;
import org.volr.pipeline.PipelineException;
import org.volr.pipeline.TargetGeneration;
import org.volr.ui.VolrUi;
import org.volr.ui.internal.MonitorProgress;
import org.volr.ui.internal.VolrUiPlugin;

/**
 * Regenerates the targets of every experiment of a saved .volr file into {@code src-gen/TARGET/} beside it, as
 * {@code volr generate} does (with several experiments: {@code src-gen/EXPERIMENT/TARGET/}), then refreshes the
 * folder. What fails becomes a marker on the file: a refusing target at its line in the targets clause,
 * anything else at the experiment. A newer save cancels the generation still running for the same file.
 */
public final class TargetGenerationJob extends WorkspaceJob {
	/** The job family, to wait for or cancel every generation. */
	public static final Object FAMILY = TargetGenerationJob.class;
	/** Samples shipped with the generated scripts, as {@code volr generate} does by default. */
	private static final int SHIPPED_SAMPLES = 100;
	private static final Map<IFile, TargetGenerationJob> RUNNING = new ConcurrentHashMap<>();

	private final IFile file;

	private TargetGenerationJob(IFile file) {
		super("Generating targets of " + file.getFullPath());
		this.file = file;
	}

	static void scheduleFor(IFile file) {
		TargetGenerationJob job = new TargetGenerationJob(file);
		TargetGenerationJob previous = RUNNING.put(file, job);
		if (previous != null)
			previous.cancel();
		job.schedule();
	}

	@Override
	public boolean belongsTo(Object family) {
		return family == FAMILY;
	}

	@Override
	public IStatus runInWorkspace(IProgressMonitor monitor) throws CoreException {
		try {
			Markers.clear(file, VolrUi.GENERATION_MARKER);
			if (file.getLocation() == null || !file.exists())
				return Status.OK_STATUS;
			Path path = file.getLocation().toPath();
			List<Experiment> experiments = experimentsWithTargets(path);
			for (Experiment experiment : experiments) {
				if (monitor.isCanceled())
					return Status.CANCEL_STATUS;
				Path root = path.toAbsolutePath().getParent().resolve("src-gen");
				if (experiments.size() > 1)
					root = root.resolve(experiment.getName());
				generate(path, experiment, root, monitor);
			}
			return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
		} catch (CancelledException e) {
			return Status.CANCEL_STATUS;
		} finally {
			RUNNING.remove(file, this);
			refresh(file.getParent());
		}
	}

	private void generate(Path path, Experiment experiment, Path root, IProgressMonitor monitor) throws CoreException {
		ByteArrayOutputStream log = new ByteArrayOutputStream();
		try (PrintStream logStream = new PrintStream(log, true, StandardCharsets.UTF_8)) {
			// loaded again, so that the pipeline holds its own model: the builder's is gone by now
			ExperimentSetup setup = ExperimentSetup.load(path, experiment.getName(), d -> {
			});
			if (setup == null)
				return; // the builder has marked the errors
			TargetGeneration.Outcome outcome = TargetGeneration.generate(setup, TargetGeneration.targetsOf(setup.experiment),
					SHIPPED_SAMPLES, root, false, logStream, new MonitorProgress(monitor, getName()));
			for (TargetGeneration.Refusal r : outcome.refusals())
				Markers.add(file, VolrUi.GENERATION_MARKER, lineOf(targetNamed(setup.experiment, r.target()), setup.experiment),
						IMarker.SEVERITY_ERROR, r.target() + ": " + r.problem());
		} catch (CancelledException e) {
			throw e;
		} catch (PipelineException | ExperimentChoiceException | IOException | RuntimeException e) {
			Markers.add(file, VolrUi.GENERATION_MARKER, lineOf(experiment, experiment), IMarker.SEVERITY_ERROR,
					"cannot generate the targets of experiment '" + experiment.getName() + "': " + messageOf(e));
		}
	}

	private static List<Experiment> experimentsWithTargets(Path path) {
		VolrLanguage.Workspace ws = VolrLanguage.create().workspace();
		ws.add(path);
		VolrFile model = ws.model(path);
		if (model == null)
			return List.of();
		return model.getElements().stream().filter(e -> e instanceof Experiment x && !x.getTargets().isEmpty())
				.map(Experiment.class::cast).toList();
	}

	private static Target targetNamed(Experiment experiment, String name) {
		return experiment.getTargets().stream().filter(t -> t.getName().equals(name)).findFirst().orElse(null);
	}

	private static int lineOf(EObject element, EObject fallback) {
		ICompositeNode node = element == null ? null : NodeModelUtils.findActualNodeFor(element);
		if (node == null && fallback != null)
			node = NodeModelUtils.findActualNodeFor(fallback);
		return node == null ? 1 : node.getStartLine();
	}

	private static String messageOf(Exception e) {
		return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
	}

	private static void refresh(IContainer folder) {
		try {
			IResource generated = folder.findMember("src-gen");
			(generated != null ? generated : folder).refreshLocal(IResource.DEPTH_INFINITE, null);
		} catch (CoreException e) {
			VolrUiPlugin.log("cannot refresh " + folder.getFullPath(), e);
		}
	}
}
