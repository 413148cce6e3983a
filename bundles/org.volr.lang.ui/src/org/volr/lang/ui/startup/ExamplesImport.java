package org.volr.lang.ui.startup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.resources.WorkspaceJob;

/**
 * Brings the example folders into the workspace as projects when Volr Studio starts with
 * {@code -Dvolr.studio.examples=DIR} (the ./volr-studio script sets it). Each sub-folder of DIR that holds a .volr file
 * becomes a project named after it, with copies of the folder's files (not its sub-folders, which hold results),
 * so that editing and running in the workbench leaves the repository's examples alone. Projects that already
 * exist are left alone, so this only does something on a workspace's first start.
 */
public final class ExamplesImport {
	public static final String PROPERTY = "volr.studio.examples";

	private ExamplesImport() {
	}

	/** Schedules the import as a workspace job, so the workbench comes up first. */
	public static void schedule() {
		String dir = System.getProperty(PROPERTY);
		if (dir == null || dir.isBlank())
			return;
		WorkspaceJob job = new WorkspaceJob("Importing the Volr examples") {
			@Override
			public IStatus runInWorkspace(IProgressMonitor monitor) throws CoreException {
				int created = importFolders(ResourcesPlugin.getWorkspace(), Path.of(dir), monitor);
				return new Status(IStatus.OK, "org.volr.lang.ui", created + " example projects imported from " + dir);
			}
		};
		job.setRule(ResourcesPlugin.getWorkspace().getRoot());
		job.schedule();
	}

	/** Creates and opens one project per example folder; returns how many were new. */
	public static int importFolders(IWorkspace workspace, Path examples, IProgressMonitor monitor) throws CoreException {
		int created = 0;
		for (Path folder : exampleFolders(examples)) {
			IProject project = workspace.getRoot().getProject(folder.getFileName().toString());
			if (project.exists())
				continue;
			project.create(monitor);
			project.open(monitor);
			for (Path file : files(folder)) {
				try (InputStream in = Files.newInputStream(file)) {
					project.getFile(file.getFileName().toString()).create(in, true, monitor);
				} catch (IOException e) {
					throw new CoreException(Status.error("cannot copy " + file + ": " + e.getMessage(), e));
				}
			}
			created++;
		}
		return created;
	}

	private static List<Path> files(Path folder) throws CoreException {
		try (Stream<Path> children = Files.list(folder)) {
			return children.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).sorted().toList();
		} catch (IOException e) {
			throw new CoreException(Status.error("cannot list " + folder + ": " + e.getMessage(), e));
		}
	}

	/** The sub-folders holding at least one .volr file directly, sorted by name. */
	static List<Path> exampleFolders(Path examples) throws CoreException {
		List<Path> folders = new ArrayList<>();
		if (!Files.isDirectory(examples))
			throw new CoreException(Status.error("no examples folder at " + examples + " (volr.studio.examples)"));
		try (Stream<Path> children = Files.list(examples)) {
			for (Path child : children.sorted().toList()) {
				if (!Files.isDirectory(child))
					continue;
				try (Stream<Path> files = Files.list(child)) {
					if (files.anyMatch(f -> f.getFileName().toString().endsWith(".volr")))
						folders.add(child);
				}
			}
		} catch (IOException e) {
			throw new CoreException(Status.error("cannot list the examples in " + examples + ": " + e.getMessage(), e));
		}
		return folders;
	}
}
