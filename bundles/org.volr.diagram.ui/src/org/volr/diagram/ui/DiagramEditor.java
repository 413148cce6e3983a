package org.volr.diagram.ui;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.browser.Browser;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.IURIEditorInput;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;
import org.volr.diagram.web.DiagramServer;

/**
 * The diagram of a .volr file inside Eclipse: the same page {@code volr diagram --serve} shows, served on a free
 * loopback port for this editor and hosted in an SWT Browser (WebKitGTK). Edits in the page write the file, so the
 * editor itself never holds unsaved changes; the workspace is refreshed after each change the page sees.
 */
public final class DiagramEditor extends EditorPart {
	public static final String ID = "org.volr.diagram.ui.editor";
	/** How often the workspace copy of the file is brought up to date with edits made in the page. */
	private static final int REFRESH_MILLIS = 500;

	private DiagramServer server;
	private Browser browser;
	private Path path;
	private IFile workspaceFile;

	@Override
	public void init(IEditorSite site, IEditorInput input) throws PartInitException {
		setSite(site);
		setInput(input);
		if (input instanceof IFileEditorInput f) {
			workspaceFile = f.getFile();
			path = f.getFile().getLocation() == null ? null : f.getFile().getLocation().toFile().toPath();
		} else if (input instanceof IURIEditorInput u && "file".equals(u.getURI().getScheme())) {
			path = Path.of(u.getURI());
		}
		if (path == null)
			throw new PartInitException("The diagram editor opens .volr files on disk, not " + input.getName());
		setPartName(input.getName());
		try {
			server = DiagramServer.start(path, 0);
		} catch (IOException e) {
			throw new PartInitException("Cannot serve the diagram of " + path + ": " + e.getMessage(), e);
		}
	}

	@Override
	public void createPartControl(Composite parent) {
		browser = new Browser(parent, SWT.NONE);
		browser.setUrl(server.uri().toString());
		if (workspaceFile != null)
			scheduleRefresh(parent.getDisplay());
	}

	/** The browser, for tests that read the page. */
	public Browser browser() {
		return browser;
	}

	private void scheduleRefresh(Display display) {
		display.timerExec(REFRESH_MILLIS, () -> {
			if (browser == null || browser.isDisposed())
				return;
			if (!workspaceFile.isSynchronized(IResource.DEPTH_ZERO)) {
				try {
					workspaceFile.refreshLocal(IResource.DEPTH_ZERO, null);
				} catch (CoreException e) {
					// the next round tries again; the page itself already shows the file
				}
			}
			scheduleRefresh(display);
		});
	}

	@Override
	public void setFocus() {
		if (browser != null && !browser.isDisposed())
			browser.setFocus();
	}

	@Override
	public void dispose() {
		if (server != null)
			server.close();
		super.dispose();
	}

	@Override
	public void doSave(IProgressMonitor monitor) {
		// every edit in the page is written at once
	}

	@Override
	public void doSaveAs() {
	}

	@Override
	public boolean isDirty() {
		return false;
	}

	@Override
	public boolean isSaveAsAllowed() {
		return false;
	}
}
