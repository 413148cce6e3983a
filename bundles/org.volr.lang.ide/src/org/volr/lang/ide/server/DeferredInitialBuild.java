package org.volr.lang.ide.server;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.xtext.ide.server.BuildManager;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.impl.ProjectDescription;
import org.eclipse.xtext.util.CancelIndicator;

import com.google.inject.Singleton;

/**
 * Xtext reads and checks every file under the workspace root before it answers {@code initialize}, so an editor
 * opened on a folder of examples waits seconds for the server's capabilities. Here the first build of the workspace
 * waits until the client has its answer: {@link VolrLanguageServerImpl} starts it when the client says
 * {@code initialized}, as a write request, so every request that arrives later still sees the built workspace.
 * One instance per server (the workspace manager and the server share it).
 */
@Singleton
public class DeferredInitialBuild extends BuildManager {
	private final List<ProjectDescription> deferred = new ArrayList<>();
	private boolean started;

	@Override
	public synchronized List<IResourceDescription.Delta> doInitialBuild(List<ProjectDescription> projects, CancelIndicator cancel) {
		if (started)
			return super.doInitialBuild(projects, cancel);
		deferred.addAll(projects);
		return List.of();
	}

	/** Builds the projects that initialize left unbuilt; from then on every initial build runs at once. */
	public synchronized List<IResourceDescription.Delta> buildDeferred(CancelIndicator cancel) {
		started = true;
		List<ProjectDescription> projects = List.copyOf(deferred);
		deferred.clear();
		return projects.isEmpty() ? List.of() : super.doInitialBuild(projects, cancel);
	}
}
