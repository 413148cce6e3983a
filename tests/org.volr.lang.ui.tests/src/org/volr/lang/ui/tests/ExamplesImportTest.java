package org.volr.lang.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.Test;
import org.volr.lang.ui.startup.ExamplesImport;

/** The first-start hook of Volr Studio: the example folders become projects holding copies of their files. */
class ExamplesImportTest {
	@Test
	void everyExampleFolderBecomesAProjectOnceAndTheRepositoryIsLeftAlone() throws Exception {
		IWorkspace workspace = ResourcesPlugin.getWorkspace();
		Path examples = Workbench.examples();
		List<String> expected = Files.list(examples).filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
		// the start-up hook also imports (the test pom sets -Dvolr.studio.examples); the workspace rule orders the two
		workspace.run(monitor -> ExamplesImport.importFolders(workspace, examples, monitor), workspace.getRoot(), 0, null);
		for (String name : expected) {
			IProject project = workspace.getRoot().getProject(name);
			assertTrue(project.isOpen(), name + " is an open project");
			assertTrue(project.getLocation().toFile().toPath().startsWith(workspace.getRoot().getLocation().toFile().toPath()),
					name + " lives in the workspace, not in the repository");
		}
		assertTrue(workspace.getRoot().getProject("xor").getFile("xor.volr").exists());
		assertTrue(workspace.getRoot().getProject("xor").getFile("xor.npz").exists(), "data files come along");
		assertTrue(workspace.getRoot().getProject("thesis").getFile("volrc-prefix.volr").exists());
		assertEquals(0, ExamplesImport.importFolders(workspace, examples, null), "a second start imports nothing");
		assertTrue(Arrays.stream(examples.resolve("xor").toFile().list()).noneMatch(".project"::equals),
				"nothing written into the repository's examples");
	}

	@Test
	void aMissingExamplesFolderIsAClearError() {
		Path missing = Path.of("/nonexistent/examples");
		CoreException e = org.junit.jupiter.api.Assertions.assertThrows(CoreException.class,
				() -> ExamplesImport.importFolders(ResourcesPlugin.getWorkspace(), missing, null));
		assertEquals("no examples folder at /nonexistent/examples (volr.studio.examples)", e.getMessage());
	}
}
