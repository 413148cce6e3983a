package org.volr.diagram.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.jface.text.ITextSelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.eclipse.ui.part.FileEditorInput;
import org.eclipse.ui.texteditor.ITextEditor;
import org.eclipse.ui.views.properties.IPropertySource;
import org.junit.jupiter.api.Test;
import org.volr.diagram.Diagrams;
import org.volr.diagram.ui.DiagramEditor;
import org.volr.lang.api.VolrLanguage;

/**
 * The diagram editor under Xvfb: it opens an example in the SWT Browser and draws as many nodes as the SVG, and
 * its selection follows a text editor on the same file and the other way round.
 */
class DiagramEditorUiTest {
	@Test
	void theEditorShowsTheSameNodesAsTheSvg() throws Exception {
		Path example = Path.of(System.getProperty("volr.examples"), "fmnist-cnn", "fmnist-cnn.volr");
		IProject project = ResourcesPlugin.getWorkspace().getRoot().getProject("diagram");
		if (!project.exists())
			project.create(null);
		project.open(null);
		IFile file = project.getFile("fmnist-cnn.volr");
		if (!file.exists())
			file.create(new ByteArrayInputStream(Files.readAllBytes(example)), true, null);

		String svg = Diagrams.svg(VolrLanguage.create().parse(Files.readString(example)));
		int svgNodes = svg.split("class=\"node ", -1).length - 1;
		assertTrue(svgNodes >= 10, "the SVG has the LeNet's nodes: " + svgNodes);

		IWorkbenchPage page = PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage();
		IEditorPart editor = IDE.openEditor(page, file, DiagramEditor.ID);
		DiagramEditor diagram = assertInstanceOf(DiagramEditor.class, editor);

		Display display = Display.getCurrent();
		long deadline = System.currentTimeMillis() + 60_000;
		int pageNodes = 0;
		while (System.currentTimeMillis() < deadline) {
			long pause = System.currentTimeMillis() + 200;
			while (System.currentTimeMillis() < pause)
				if (!display.readAndDispatch())
					display.timerExec(20, () -> { });
			Object count = diagram.browser().evaluate("return document.querySelectorAll('#sprotty rect.volr-node').length;");
			pageNodes = count instanceof Number n ? n.intValue() : 0;
			if (pageNodes > 0)
				break;
		}
		assertEquals(svgNodes, pageNodes, "nodes in the editor's page vs the SVG");

		// selection linked both ways with a text editor on the same file, and shown in the Properties view
		String text = Files.readString(example);
		// a second editor on the same file: matched by id and input, or the workbench hands back the diagram editor
		ITextEditor textEditor = (ITextEditor) page.openEditor(new FileEditorInput(file), "org.eclipse.ui.DefaultTextEditor",
				false, IWorkbenchPage.MATCH_ID | IWorkbenchPage.MATCH_INPUT);
		// a click on f5 in the page, as the mouse gives it (Sprotty selects on mouse down)
		assertTrue(diagram.browser().execute("var rect = document.getElementById('sprotty_" + F5 + "').querySelector('rect');"
				+ "var box = rect.getBoundingClientRect();"
				+ "var at = { bubbles: true, button: 0, clientX: box.x + 5, clientY: box.y + 5 };"
				+ "rect.dispatchEvent(new MouseEvent('mousedown', at));"
				+ "rect.dispatchEvent(new MouseEvent('mouseup', at));"));
		int f5 = text.indexOf("f5: dense 120 relu");
		waitFor(display, () -> textSelection(textEditor).getOffset() == f5);
		assertEquals("f5: dense 120 relu".length(), textSelection(textEditor).getLength());
		IStructuredSelection selected = (IStructuredSelection) diagram.getSite().getSelectionProvider().getSelection();
		IPropertySource properties = assertInstanceOf(IPropertySource.class, selected.getFirstElement());
		assertEquals("120", properties.getPropertyValue("units"));
		assertEquals("f5", properties.getPropertyValue("label"));

		page.activate(textEditor);
		textEditor.selectAndReveal(text.indexOf("s2: avgpool") + 4, 0);
		waitFor(display, () -> S2.equals(diagram.browser().evaluate("return window.volrSelected() || '';")));
		page.closeEditor(textEditor, false);
		page.closeEditor(editor, false);
	}

	private static final String F5 = "//@elements.0/@body/@steps.5";
	private static final String S2 = "//@elements.0/@body/@steps.1";

	private static ITextSelection textSelection(ITextEditor editor) {
		return (ITextSelection) editor.getSelectionProvider().getSelection();
	}

	/** Runs the event loop until the condition holds; fails after 20 s. */
	private static void waitFor(Display display, java.util.function.BooleanSupplier condition) {
		long deadline = System.currentTimeMillis() + 20_000;
		while (!condition.getAsBoolean()) {
			assertTrue(System.currentTimeMillis() < deadline, "timed out");
			long pause = System.currentTimeMillis() + 50;
			while (System.currentTimeMillis() < pause)
				if (!display.readAndDispatch())
					display.timerExec(10, () -> { });
		}
	}
}
