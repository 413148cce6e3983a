package org.volr.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.resources.IContainer;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.IWorkspace;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.ui.VolrUi;
import org.volr.ui.builder.TargetGenerationJob;
import org.volr.ui.startup.ExamplesImport;

/**
 * The first-start hook of Volr Studio and the New Volr Project wizard: an example becomes a complete Volr project
 * (nature, builder, every file and folder of the example, nothing a run wrote).
 */
class ExamplesImportTest {
	private static final Path EXAMPLES = Path.of(System.getProperty("volr.examples", "../../examples"));
	private static final List<String> IMPORTED = List.of("xor", "image-folder");
	private static final String WIZARD_PROJECT = "image-folder-from-wizard";

	@AfterEach
	void deleteProjects() throws CoreException {
		Ui.waitForJobs(TargetGenerationJob.FAMILY, 120_000);
		for (String name : IMPORTED)
			Ui.deleteProject(name);
		Ui.deleteProject(WIZARD_PROJECT);
	}

	@Test
	void everyExampleFolderBecomesACompleteVolrProjectOnceAndTheRepositoryIsLeftAlone(@TempDir Path tmp) throws Exception {
		IWorkspace workspace = ResourcesPlugin.getWorkspace();
		// two examples as ./volr-studio finds them after runs: with results, generated code and trained weights beside
		Path examples = tmp.resolve("examples");
		for (String name : IMPORTED)
			copyTree(EXAMPLES.resolve(name), examples.resolve(name));
		Files.createDirectories(examples.resolve("xor/xor-results"));
		Files.writeString(examples.resolve("xor/xor-results/result.json"), "{}");
		Files.createDirectories(examples.resolve("xor/src-gen/pynn"));
		Files.writeString(examples.resolve("xor/src-gen/pynn/xor_pynn.py"), "# generated");
		Files.writeString(examples.resolve("xor/xor-trained.npz"), "weights");
		Files.createDirectories(examples.resolve("notes")); // no .volr file: not an example

		assertEquals(2, importNow(workspace, examples));
		for (String name : IMPORTED) {
			IProject project = workspace.getRoot().getProject(name);
			assertTrue(project.isOpen(), name + " is an open project");
			assertTrue(project.getLocation().toFile().toPath().startsWith(workspace.getRoot().getLocation().toFile().toPath()),
					name + " lives in the workspace, not in the repository");
			assertTrue(project.hasNature(VolrUi.NATURE_ID), name + " has the Volr nature (Run As, regeneration on save)");
			assertTrue(Arrays.stream(project.getDescription().getBuildSpec()).anyMatch(c -> c.getBuilderName().equals(VolrUi.BUILDER_ID)),
					name + " has the Volr builder");
			assertEquals(files(EXAMPLES.resolve(name)), files(project), name + ": every file of the example, in its folder");
		}
		IProject xor = workspace.getRoot().getProject("xor");
		assertArrayEquals(Files.readAllBytes(EXAMPLES.resolve("xor/xor.npz")), xor.getFile("xor.npz").getContents().readAllBytes());
		assertFalse(xor.getFolder("xor-results").exists() || xor.getFolder("src-gen").exists() || xor.getFile("xor-trained.npz").exists(),
				"what runs wrote stays behind");
		IProject images = workspace.getRoot().getProject("image-folder");
		assertTrue(images.getFolder("fashion-png/train").exists() && images.getFolder("fashion-png/test").exists(), "image-folder's PNGs come along");
		assertFalse(workspace.getRoot().getProject("notes").exists());
		assertEquals(0, importNow(workspace, examples), "a second start imports nothing");
		assertTrue(Arrays.stream(EXAMPLES.resolve("xor").toFile().list()).noneMatch(".project"::equals), "nothing written into the repository's examples");
	}

	@Test
	void theWizardCopiesImageFolderWithItsImages() throws Exception {
		IProject project = Ui.newProjectWithWizard(WIZARD_PROJECT, "image-folder");
		assertTrue(project.hasNature(VolrUi.NATURE_ID));
		assertTrue(Arrays.stream(project.getDescription().getBuildSpec()).anyMatch(c -> c.getBuilderName().equals(VolrUi.BUILDER_ID)));
		List<String> expected = files(EXAMPLES.resolve("image-folder"));
		assertTrue(expected.size() > 100, "the example's PNGs: " + expected.size());
		assertEquals(expected, files(project));
	}

	@Test
	void aMissingExamplesFolderIsAClearError() {
		Path missing = Path.of("/nonexistent/examples");
		CoreException e = org.junit.jupiter.api.Assertions.assertThrows(CoreException.class,
				() -> ExamplesImport.importFolders(ResourcesPlugin.getWorkspace(), missing, null));
		assertEquals("no examples folder at /nonexistent/examples (volr.studio.examples)", e.getMessage());
	}

	private static int importNow(IWorkspace workspace, Path examples) throws CoreException {
		int[] created = new int[1];
		workspace.run(monitor -> created[0] = ExamplesImport.importFolders(workspace, examples, monitor), workspace.getRoot(), 0, null);
		return created[0];
	}

	/** The files under a folder of the repository, relative, sorted, without what runs write there (ignored by git). */
	private static List<String> files(Path folder) throws IOException {
		try (Stream<Path> all = Files.walk(folder)) {
			return all.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString())
					.filter(p -> !p.contains("-results/") && !p.startsWith("src-gen/") && !p.endsWith("-trained.npz") && !p.startsWith(".")).sorted().toList();
		}
	}

	/** The files of a project, relative, sorted, without the project's own .project and what its builder generated. */
	private static List<String> files(IContainer container) throws CoreException {
		List<String> files = new ArrayList<>();
		container.accept(r -> {
			if (r.getType() == IResource.FILE)
				files.add(r.getProjectRelativePath().toString());
			return !(r.getName().equals("src-gen") || r.getName().endsWith("-results"));
		});
		return files.stream().filter(f -> !f.startsWith(".")).sorted().toList();
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> all = Files.walk(from)) {
			for (Path p : all.toList()) {
				Path target = to.resolve(from.relativize(p).toString());
				if (Files.isDirectory(p))
					Files.createDirectories(target);
				else if (!from.relativize(p).toString().contains("-results/") && !from.relativize(p).toString().startsWith("src-gen/"))
					Files.copy(p, target);
			}
		}
	}
}
