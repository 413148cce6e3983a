package org.volr.ui.startup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.resources.WorkspaceJob;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.volr.ui.builder.VolrNature;

/**
 * Brings the example folders into the workspace as Volr projects when Volr Studio starts with
 * {@code -Dvolr.studio.examples=DIR} (the ./volr-studio script sets it). Each sub-folder of DIR that holds a .volr file
 * becomes a project named after it, with the Volr nature (so saving checks and regenerates, and Run As offers the
 * experiment) and copies of all its files and folders (image-folder's PNGs too), but not what runs wrote there
 * (results, generated code, trained weights), so that editing and running in the workbench leaves the repository's
 * examples alone. Projects that already exist are left alone, so this only does something on a workspace's first start.
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
				return new Status(IStatus.OK, "org.volr.ui", created + " example projects imported from " + dir);
			}
		};
		job.setRule(ResourcesPlugin.getWorkspace().getRoot());
		job.schedule();
	}

	/** Creates and opens one Volr project per example folder; returns how many were new. */
	public static int importFolders(IWorkspace workspace, Path examples, IProgressMonitor monitor) throws CoreException {
		int created = 0;
		for (Path folder : exampleFolders(examples)) {
			IProject project = workspace.getRoot().getProject(folder.getFileName().toString());
			if (project.exists())
				continue;
			project.create(monitor);
			project.open(monitor);
			VolrNature.addTo(project);
			copyTree(folder, project, monitor);
			created++;
		}
		return created;
	}

	/**
	 * Whether a file or folder of an example is what a run wrote there (the repository's .gitignore and the bundle's
	 * copy of the examples leave the same out) or hidden, and so stays behind.
	 */
	static boolean written(Path p) {
		String name = p.getFileName().toString();
		return name.startsWith(".") || name.endsWith("-results") || name.equals("src-gen") || name.endsWith("-trained.npz");
	}

	private static void copyTree(Path from, IContainer to, IProgressMonitor monitor) throws CoreException {
		for (Path child : children(from)) {
			if (written(child))
				continue;
			String name = child.getFileName().toString();
			if (Files.isDirectory(child)) {
				IFolder folder = to.getFolder(org.eclipse.core.runtime.Path.fromPortableString(name));
				if (!folder.exists())
					folder.create(true, true, monitor);
				copyTree(child, folder, monitor);
			} else if (Files.isRegularFile(child)) {
				IFile file = to.getFile(org.eclipse.core.runtime.Path.fromPortableString(name));
				try (InputStream in = Files.newInputStream(child)) {
					file.create(in, true, monitor);
				} catch (IOException e) {
					throw new CoreException(Status.error("cannot copy " + child + ": " + e.getMessage(), e));
				}
			}
		}
	}

	private static List<Path> children(Path folder) throws CoreException {
		try (Stream<Path> children = Files.list(folder)) {
			return children.sorted().toList();
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
