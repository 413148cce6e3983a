package org.volr.ui.builder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IResourceDelta;
import org.eclipse.core.resources.IncrementalProjectBuilder;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.volr.lang.api.Diagnostic;
import org.volr.lang.api.VolrLanguage;
import org.volr.ui.VolrUi;

/**
 * Checks the project's .volr files together (names may cross files) into problem markers carrying the messages
 * {@code volr check} prints, and, for every file saved without errors, regenerates its experiments' targets in a
 * background job ({@link TargetGenerationJob}). A full build only checks: generation trains and converts, which
 * can take minutes, so it follows a save of the file, never the opening of a project.
 */
public final class VolrBuilder extends IncrementalProjectBuilder {

	@Override
	protected IProject[] build(int kind, Map<String, String> args, IProgressMonitor monitor) throws CoreException {
		IResourceDelta delta = kind == FULL_BUILD ? null : getDelta(getProject());
		List<IFile> saved = new ArrayList<>();
		boolean volrChanged = delta == null;
		if (delta != null) {
			boolean[] any = { false };
			delta.accept(d -> {
				if (d.getResource() instanceof IFile f && isVolr(f)) {
					any[0] = true;
					if (d.getKind() != IResourceDelta.REMOVED && (d.getKind() == IResourceDelta.ADDED || (d.getFlags() & IResourceDelta.CONTENT) != 0))
						saved.add(f);
				}
				return !isGenerated(d.getResource());
			});
			volrChanged = any[0];
		}
		if (!volrChanged)
			return null;
		Set<IFile> withErrors = check(volrFiles(getProject()));
		for (IFile f : saved)
			if (!withErrors.contains(f))
				TargetGenerationJob.scheduleFor(f);
			else
				Markers.clear(f, VolrUi.GENERATION_MARKER); // they were about a text that is gone
		return null;
	}

	@Override
	protected void clean(IProgressMonitor monitor) throws CoreException {
		getProject().deleteMarkers(VolrUi.PROBLEM_MARKER, false, IResource.DEPTH_INFINITE);
		getProject().deleteMarkers(VolrUi.GENERATION_MARKER, false, IResource.DEPTH_INFINITE);
	}

	/** Replaces the markers of every file; returns the files that have errors. */
	static Set<IFile> check(List<IFile> files) throws CoreException {
		Map<Path, IFile> byPath = new HashMap<>();
		for (IFile f : files)
			if (f.getLocation() != null)
				byPath.put(key(f.getLocation().toPath()), f);
		List<Diagnostic> diagnostics = byPath.isEmpty() ? List.of() : VolrLanguage.create().check(new ArrayList<>(byPath.keySet()));
		Set<IFile> withErrors = new HashSet<>();
		for (IFile f : files)
			Markers.clear(f, VolrUi.PROBLEM_MARKER);
		for (Diagnostic d : diagnostics) {
			IFile f = byPath.get(key(d.file()));
			if (f == null)
				continue;
			Markers.add(f, VolrUi.PROBLEM_MARKER, d.line(), Markers.severityOf(d), d.message());
			if (d.severity() == Diagnostic.Severity.ERROR)
				withErrors.add(f);
		}
		return withErrors;
	}

	private static Path key(Path p) {
		return p.toAbsolutePath().normalize();
	}

	static List<IFile> volrFiles(IProject project) throws CoreException {
		List<IFile> files = new ArrayList<>();
		project.accept(r -> {
			if (r instanceof IFile f && isVolr(f))
				files.add(f);
			return !isGenerated(r);
		});
		return files;
	}

	static boolean isVolr(IFile f) {
		return "volr".equals(f.getFileExtension());
	}

	/** Folders the builder and launches write into: never searched for sources. */
	private static boolean isGenerated(IResource r) {
		return r.getType() == IResource.FOLDER && (r.getName().equals("src-gen") || r.getName().endsWith("-results"));
	}
}
