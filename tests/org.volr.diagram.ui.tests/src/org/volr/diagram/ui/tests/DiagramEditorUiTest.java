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
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.ide.IDE;
import org.junit.jupiter.api.Test;
import org.volr.diagram.Diagrams;
import org.volr.diagram.ui.DiagramEditor;
import org.volr.lang.api.VolrLanguage;

/** The diagram editor under Xvfb: it opens an example in the SWT Browser and draws as many nodes as the SVG. */
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
		page.closeEditor(editor, false);
	}
}
