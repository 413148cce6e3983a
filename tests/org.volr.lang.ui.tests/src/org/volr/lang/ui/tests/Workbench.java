package org.volr.lang.ui.tests;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.text.ITextOperationTarget;
import org.eclipse.jface.text.source.ISourceViewer;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.volr.lang.ui.editor.VolrEditor;

/** What the UI tests share: a project with the xor example, opening it in the editor, and waiting on the UI thread. */
final class Workbench {
	static final String PROJECT = "editor-test";

	private Workbench() {
	}

	static Path examples() {
		String dir = System.getProperty("volr.examples");
		if (dir == null)
			fail("system property volr.examples is not set (the test pom sets it)");
		return Path.of(dir);
	}

	static String xorText() throws Exception {
		return Files.readString(examples().resolve("xor/xor.volr"));
	}

	/** A fresh copy of examples/xor/xor.volr (and the data file it names) in the test project. */
	static IFile copyXor(String name) throws Exception {
		IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject(PROJECT);
		if (!project.exists())
			project.create(null);
		project.open(null);
		IFile data = project.getFile("xor.npz");
		if (!data.exists())
			data.create(Files.newInputStream(examples().resolve("xor/xor.npz")), true, null);
		IFile file = project.getFile(name);
		if (file.exists())
			file.delete(true, null);
		file.create(new ByteArrayInputStream(xorText().getBytes(StandardCharsets.UTF_8)), true, null);
		return file;
	}

	static IWorkbenchPage page() {
		return PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
	}

	static VolrEditor open(IFile file) throws Exception {
		return assertInstanceOf(VolrEditor.class, IDE.openEditor(page(), file));
	}

	/** Runs the event loop until the condition holds; fails with {@code what} after 20 s. */
	static void waitFor(String what, BooleanSupplier condition) {
		Display display = Display.getCurrent();
		long end = System.currentTimeMillis() + 20_000;
		while (!condition.getAsBoolean()) {
			if (System.currentTimeMillis() > end)
				fail("timed out waiting for " + what);
			// the background check posts no UI event when it is done, so poll instead of display.sleep()
			if (!display.readAndDispatch()) {
				try {
					Thread.sleep(10);
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					fail("interrupted while waiting for " + what);
				}
			}
		}
	}

	static void pump(long millis) {
		long end = System.currentTimeMillis() + millis;
		waitFor("time to pass", () -> System.currentTimeMillis() >= end);
	}

	/** Waits until the background check has seen the editor's current text. */
	static void waitForCheck(VolrEditor editor) {
		waitFor("the background check of the current text", () -> editor.lastChecked() != null
				&& editor.lastChecked().text().equals(editor.document().get()));
	}

	/** A proposal's label: its display string without the description shown beside it ("dense  —  layer: ..."). */
	static String label(String display) {
		int dash = display.indexOf("  \u2014  ");
		return dash < 0 ? display : display.substring(0, dash);
	}

	/** Opens the content-assist popup as Ctrl+Space does and returns the labels it shows. */
	static List<String> completionPopup(VolrEditor editor, int offset) {
		ISourceViewer viewer = editor.viewer();
		viewer.setSelectedRange(offset, 0);
		((ITextOperationTarget) viewer).doOperation(ISourceViewer.CONTENTASSIST_PROPOSALS);
		List<String> items = new ArrayList<>();
		waitFor("the completion popup", () -> {
			items.clear();
			for (Shell s : Display.getCurrent().getShells())
				tableItems(s, items);
			return !items.isEmpty();
		});
		return items;
	}

	private static void tableItems(Composite c, List<String> out) {
		if (!c.isVisible())
			return;
		for (Control child : c.getChildren()) {
			if (child instanceof Table t) {
				for (TableItem it : t.getItems())
					out.add(label(it.getText()));
			} else if (child instanceof Composite cc) {
				tableItems(cc, out);
			}
		}
		if (c instanceof Shell s)
			for (Shell child : s.getShells())
				tableItems(child, out);
	}
}
