package org.volr.ui.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.resources.IFile;
import org.eclipse.core.resources.IFolder;
import org.eclipse.core.resources.IMarker;
import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.CoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.volr.lang.api.Diagnostic;
import org.volr.lang.api.VolrLanguage;
import org.volr.ui.VolrUi;
import org.volr.ui.builder.TargetGenerationJob;
import org.volr.ui.wizard.Examples;

/** The New Volr Project wizard from examples/xor, then the builder: markers on an error, targets regenerated on save. */
class NewProjectAndBuilderTest {
	private static final String PROJECT = "xor-from-wizard";
	private static final Path EXAMPLES = Path.of(System.getProperty("volr.examples", "../../examples"));

	@AfterEach
	void deleteProject() throws CoreException {
		Ui.waitForJobs(TargetGenerationJob.FAMILY, 120_000);
		Ui.deleteProject(PROJECT);
	}

	@Test
	void everyExampleOfTheRepositoryIsPackagedForTheWizard() throws IOException {
		try (Stream<Path> dirs = Files.list(EXAMPLES)) {
			List<String> expected = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
			assertFalse(expected.isEmpty());
			assertEquals(expected, Examples.names());
		}
	}

	@Test
	void wizardProjectFromXorGetsMarkersForAnErrorAndItsTargetsOnSave(@TempDir Path tmp) throws Exception {
		IProject project = Ui.newProjectWithWizard(PROJECT, "xor");
		assertTrue(project.hasNature(VolrUi.NATURE_ID));
		assertTrue(Arrays.stream(project.getDescription().getBuildSpec()).anyMatch(c -> c.getBuilderName().equals(VolrUi.BUILDER_ID)));
		IFile volr = project.getFile("xor.volr");
		String original = Files.readString(EXAMPLES.resolve("xor/xor.volr"));
		assertEquals(original, new String(volr.getContents().readAllBytes(), StandardCharsets.UTF_8));
		assertArrayEquals(Files.readAllBytes(EXAMPLES.resolve("xor/xor.npz")), project.getFile("xor.npz").getContents().readAllBytes());
		waitForBuild();
		assertEquals(0, markers(volr, VolrUi.PROBLEM_MARKER).length, "the example checks clean");
		assertFalse(project.getFolder("src-gen").exists(), "creating a project only checks; generation follows a save");

		// an error: the second layer takes 3 inputs, the first gives 4
		String broken = original.replace("dense 2 4 ⦶ dense 4 2 linear", "dense 2 4 ⦶ dense 3 2 linear");
		assertTrue(!broken.equals(original));
		save(volr, broken);
		waitForBuild();
		IMarker[] problems = markers(volr, VolrUi.PROBLEM_MARKER);
		Files.copy(EXAMPLES.resolve("xor/xor.npz"), tmp.resolve("xor.npz"));
		Path copy = tmp.resolve("xor.volr");
		Files.writeString(copy, broken);
		List<Diagnostic> expected = VolrLanguage.create().check(List.of(copy));
		assertFalse(expected.isEmpty());
		assertEquals(expected.size(), problems.length, "one marker per diagnostic of volr check: " + expected + " vs " + Arrays.toString(messages(problems)));
		for (int i = 0; i < problems.length; i++) {
			Diagnostic d = expected.get(i);
			IMarker m = Arrays.stream(problems).filter(p -> d.message().equals(p.getAttribute(IMarker.MESSAGE, ""))).findFirst().orElseThrow(
					() -> new AssertionError("no marker says '" + d.message() + "'"));
			assertEquals(d.line(), m.getAttribute(IMarker.LINE_NUMBER, -1));
			assertEquals(IMarker.SEVERITY_ERROR, m.getAttribute(IMarker.SEVERITY, -1));
		}
		assertTrue(expected.get(0).message().contains("Incompatible network sizes"), expected.get(0).message());
		Ui.waitForJobs(TargetGenerationJob.FAMILY, 120_000);
		assertFalse(project.getFolder("src-gen").exists(), "a file with errors is not generated");

		// fixed and saved: markers gone, every target of the targets clause regenerated into src-gen/TARGET
		save(volr, original);
		long start = System.nanoTime();
		waitForBuild();
		Ui.waitForJobs(TargetGenerationJob.FAMILY, 180_000);
		System.out.printf("targets of xor generated in %.1f s after the save%n", (System.nanoTime() - start) / 1e9);
		assertEquals(0, markers(volr, VolrUi.PROBLEM_MARKER).length);
		assertEquals(0, markers(volr, VolrUi.GENERATION_MARKER).length, Arrays.toString(messages(markers(volr, VolrUi.GENERATION_MARKER))));
		IFolder srcGen = project.getFolder("src-gen");
		assertTrue(srcGen.exists(), "src-gen is in the workspace (refreshed)");
		for (String target : List.of("pynn", "brian2", "nir", "spinnaker", "lava")) {
			IFolder folder = srcGen.getFolder(target);
			assertTrue(folder.exists(), "src-gen/" + target);
			assertTrue(folder.members().length > 0, "src-gen/" + target + " holds files");
		}
		assertTrue(srcGen.getFolder("pynn").getFile("xor_pynn.py").exists(), Arrays.toString(srcGen.getFolder("pynn").members()));
		assertTrue(srcGen.getFolder("nir").getFile("xor.nir").exists(), Arrays.toString(srcGen.getFolder("nir").members()));
	}

	@Test
	void aTargetThatCannotBeGeneratedIsAMarkerAtItsLine() throws Exception {
		IProject project = Ui.newProjectWithWizard(PROJECT, "xor");
		IFile volr = project.getFile("xor.volr");
		String original = new String(volr.getContents().readAllBytes(), StandardCharsets.UTF_8);
		waitForBuild(); // the project's first (full) build only checks; the save below is what generates
		// max pooling is valid Volr, but the NIR target refuses it
		String text = original.replace("network xor = dense 2 4 ⦶ dense 4 2 linear", "network xor {\n    input [2, 1, 1]\n    conv2d(4, kernel: 1) relu\n    maxpool 1\n    flatten\n    dense 2 linear\n}")
				.replace("train { epochs 150, batch 16, optimizer adam 0.02, seed 3 }", "train { epochs 2, batch 16, optimizer adam 0.02, seed 3 }");
		save(volr, text);
		waitForBuild();
		assertEquals(0, markers(volr, VolrUi.PROBLEM_MARKER).length, Arrays.toString(messages(markers(volr, VolrUi.PROBLEM_MARKER))));
		Ui.waitForJobs(TargetGenerationJob.FAMILY, 180_000);
		IMarker[] refusals = markers(volr, VolrUi.GENERATION_MARKER);
		assertTrue(refusals.length > 0, "refusing targets are markers; src-gen: " + (project.getFolder("src-gen").exists() ? Arrays.toString(project.getFolder("src-gen").members()) : "none"));
		int targetsLine = lineOf(text, "    targets ");
		for (IMarker m : refusals) {
			assertEquals(targetsLine, m.getAttribute(IMarker.LINE_NUMBER, -1), m.getAttribute(IMarker.MESSAGE, ""));
			assertEquals(IMarker.SEVERITY_ERROR, m.getAttribute(IMarker.SEVERITY, -1));
		}
		assertTrue(Arrays.stream(messages(refusals)).anyMatch(m -> m.startsWith("nir: ") && m.contains("max")), Arrays.toString(messages(refusals)));

		// a later save with an error: the refusals were about a text that is gone
		save(volr, text.replace("dense 2 linear", "dense 2 2 linear"));
		waitForBuild();
		assertTrue(markers(volr, VolrUi.PROBLEM_MARKER).length > 0);
		assertEquals(0, markers(volr, VolrUi.GENERATION_MARKER).length);
	}

	private static int lineOf(String text, String prefix) {
		String[] lines = text.split("\n", -1);
		for (int i = 0; i < lines.length; i++)
			if (lines[i].startsWith(prefix))
				return i + 1;
		throw new AssertionError("no line starts with " + prefix);
	}

	private static void save(IFile file, String text) throws CoreException {
		file.setContents(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), true, true, null);
	}

	private static void waitForBuild() {
		Ui.waitForJobs(ResourcesPlugin.FAMILY_AUTO_BUILD, 60_000);
	}

	private static IMarker[] markers(IFile file, String type) throws CoreException {
		return file.findMarkers(type, false, IResource.DEPTH_ZERO);
	}

	private static String[] messages(IMarker[] markers) {
		return Arrays.stream(markers).map(m -> m.getAttribute(IMarker.MESSAGE, "")).toArray(String[]::new);
	}
}
