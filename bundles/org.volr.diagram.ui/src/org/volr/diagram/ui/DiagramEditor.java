package org.volr.diagram.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.swt.SWT;
import org.eclipse.core.runtime.ListenerList;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.ISelectionChangedListener;
import org.eclipse.jface.viewers.ISelectionProvider;
import org.eclipse.jface.viewers.SelectionChangedEvent;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.browser.Browser;
import org.eclipse.swt.browser.BrowserFunction;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorReference;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IFileEditorInput;
import org.eclipse.ui.IURIEditorInput;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;
import org.eclipse.ui.texteditor.ITextEditor;
import org.volr.diagram.web.DiagramServer;

/**
 * The diagram of a .volr file inside Eclipse: the same page {@code volr diagram --serve} shows, served on a free
 * loopback port for this editor and hosted in an SWT Browser (WebKitGTK). Edits in the page write the file, so the
 * editor itself never holds unsaved changes; the workspace is refreshed after each change the page sees.
 *
 * <p>
 * Selection is linked both ways with text editors open on the same file: a node selected in the diagram selects
 * its text, and moving the caret in the text selects the innermost node written there. The selected node is also
 * the editor's selection, which the Properties view shows.
 */
public final class DiagramEditor extends EditorPart {
	public static final String ID = "org.volr.diagram.ui.editor";
	/** How often the workspace copy of the file is brought up to date with edits made in the page. */
	private static final int REFRESH_MILLIS = 500;

	private final SelectionProvider selection = new SelectionProvider();
	/** Set while this editor moves a text editor's selection, whose echo must not come back to the page. */
	private boolean revealing;
	private final ISelectionListener textFollower = this::textSelectionChanged;

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
		site.setSelectionProvider(selection);
		try {
			server = DiagramServer.start(path, 0);
		} catch (IOException e) {
			throw new PartInitException("Cannot serve the diagram of " + path + ": " + e.getMessage(), e);
		}
	}

	@Override
	public void createPartControl(Composite parent) {
		browser = new Browser(parent, SWT.NONE);
		new BrowserFunction(browser, "volrSelectionChanged") {
			@Override
			public Object function(Object[] arguments) {
				diagramSelectionChanged(arguments);
				return null;
			}
		};
		browser.setUrl(server.uri().toString());
		getSite().getPage().addPostSelectionListener(textFollower);
		if (workspaceFile != null)
			scheduleRefresh(parent.getDisplay());
	}

	/** The page selected a node: its text is selected in the text editors of this file, and it becomes our selection. */
	private void diagramSelectionChanged(Object[] arguments) {
		if (arguments.length < 5 || !(arguments[0] instanceof String id) || !(arguments[1] instanceof Number offset)
				|| !(arguments[2] instanceof Number length))
			return;
		DiagramNodeSelection node = new DiagramNodeSelection(id, offset.intValue(), length.intValue(), strings(arguments[3]),
				strings(arguments[4]));
		selection.setSelection(new StructuredSelection(node));
		revealing = true;
		try {
			for (IEditorReference ref : getSite().getPage().findEditors(getEditorInput(), null, IWorkbenchPage.MATCH_INPUT)) {
				if (ref.getEditor(false) instanceof ITextEditor text)
					text.selectAndReveal(node.offset(), node.length());
			}
		} finally {
			revealing = false;
		}
	}

	/** The caret moved in a text editor of this file: the page selects the node written there. */
	private void textSelectionChanged(IWorkbenchPart part, ISelection changed) {
		if (revealing || part == this || !(part instanceof ITextEditor text) || !(changed instanceof ITextSelection t))
			return;
		if (!text.getEditorInput().equals(getEditorInput()) || browser == null || browser.isDisposed())
			return;
		browser.execute("window.volrSelectAt && window.volrSelectAt(" + t.getOffset() + ");");
	}

	private static List<String> strings(Object array) {
		List<String> out = new ArrayList<>();
		if (array instanceof Object[] values)
			for (Object v : values)
				out.add(String.valueOf(v));
		return out;
	}

	/** The editor's selection: the node selected in the page. */
	private static final class SelectionProvider implements ISelectionProvider {
		private final ListenerList<ISelectionChangedListener> listeners = new ListenerList<>();
		private ISelection current = StructuredSelection.EMPTY;

		@Override
		public void addSelectionChangedListener(ISelectionChangedListener listener) {
			listeners.add(listener);
		}

		@Override
		public void removeSelectionChangedListener(ISelectionChangedListener listener) {
			listeners.remove(listener);
		}

		@Override
		public ISelection getSelection() {
			return current;
		}

		@Override
		public void setSelection(ISelection selection) {
			current = selection;
			SelectionChangedEvent event = new SelectionChangedEvent(this, selection);
			for (ISelectionChangedListener l : listeners)
				l.selectionChanged(event);
		}
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
		getSite().getPage().removePostSelectionListener(textFollower);
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
