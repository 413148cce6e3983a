package org.volr.ui.wizard;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/** The repository's examples/, packaged into this bundle by its build: listed by folder, copied into projects. */
public final class Examples {
	private static final String ROOT = "examples/";

	private Examples() {
	}

	/** The example folders in the bundle (xor, nand, mnist-mlp, ...), sorted. */
	public static List<String> names() {
		TreeSet<String> names = new TreeSet<>();
		Enumeration<String> paths = bundle().getEntryPaths(ROOT);
		if (paths != null)
			for (String p : Collections.list(paths))
				if (p.endsWith("/"))
					names.add(p.substring(ROOT.length(), p.length() - 1));
		return new ArrayList<>(names);
	}

	/** Copies every file of the example into the project, keeping its folders. */
	public static void copy(String example, IProject project, IProgressMonitor monitor) throws CoreException {
		Enumeration<URL> entries = bundle().findEntries(ROOT + example, "*", true);
		if (entries == null)
			throw new CoreException(Status.error("no example '" + example + "' in bundle " + bundle().getSymbolicName()));
		List<URL> files = Collections.list(entries).stream().filter(u -> !u.getPath().endsWith("/")).toList();
		SubMonitor sub = SubMonitor.convert(monitor, "Copying example " + example, files.size());
		String prefix = "/" + ROOT + example + "/";
		for (URL url : files) {
			String relative = url.getPath().substring(url.getPath().indexOf(prefix) + prefix.length());
			IFile target = project.getFile(relative);
			createFolders(target.getParent(), sub);
			try (InputStream in = url.openStream()) {
				if (target.exists())
					target.setContents(in, true, false, sub.split(1));
				else
					target.create(in, true, sub.split(1));
			} catch (IOException e) {
				throw new CoreException(Status.error("cannot copy " + url.getPath() + ": " + e.getMessage(), e));
			}
		}
	}

	private static void createFolders(IContainer container, SubMonitor monitor) throws CoreException {
		if (container instanceof IFolder folder && !folder.exists()) {
			createFolders(folder.getParent(), monitor);
			folder.create(true, true, null);
		}
	}

	private static Bundle bundle() {
		return FrameworkUtil.getBundle(Examples.class);
	}
}
