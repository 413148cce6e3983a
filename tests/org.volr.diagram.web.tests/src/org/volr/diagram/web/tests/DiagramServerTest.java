package org.volr.diagram.web.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.volr.diagram.web.DiagramServer;
import org.volr.lang.api.Diagnostic;
import org.volr.lang.api.VolrLanguage;

/** The server's HTTP API on a copy of the LeNet example: model, edits written to disk, file watching, stale diagrams. */
class DiagramServerTest extends ServedExample {
	private static final String F5 = "//@elements.0/@body/@steps.5";

	@Test
	void modelHoldsTheLaidOutGraphAndEachLayersParameters() throws Exception {
		HttpResponse<String> r = Http.get(base, "model");
		assertEquals(200, r.statusCode());
		String json = r.body();
		assertTrue(json.contains("\"stale\":false"), json);
		assertTrue(json.contains("\"type\":\"node:dense\",\"id\":\"" + F5 + "\""), json);
		assertTrue(json.contains("\"position\""), "positions come from the Java layout");
		assertTrue(json.contains("\"" + F5 + "\":{\"kind\":\"dense\""), json);
		assertTrue(json.contains("{\"name\":\"units\",\"type\":\"int\",\"value\":\"120\""), json);
		assertTrue(json.contains("\"neuron\":\"IF\""), json);
		// where each layer is written, for an editor that links the diagram's selection to the text
		int f5 = Files.readString(file).indexOf("f5: dense 120 relu");
		assertTrue(json.contains("\"" + F5 + "\":{\"kind\":\"dense\",\"network\":\"//@elements.0\",\"offset\":" + f5 + ",\"length\":18,"), json);
	}

	@Test
	void anEditIsWrittenToTheFileAndAnswersWithTheNewModel() throws Exception {
		long before = Http.version(base);
		HttpResponse<String> r = Http.edit(base, Http.json("op", "add", "node", F5, "kind", "dense", "p.units", "32"));
		assertEquals(200, r.statusCode(), r.body());
		assertTrue(r.body().contains("\"created\":\"//@elements.0/@body/@steps.6\""), r.body());
		String text = Files.readString(file);
		assertTrue(text.contains("    f5: dense 120 relu\n    dense 32 relu\n    f6: dense 84 relu\n"), text);
		assertTrue(text.contains("// [6, 28, 28]"), "comments stay");
		assertTrue(Http.version(base) > before);
		List<Diagnostic> errors = VolrLanguage.create().check(List.of(file)).stream()
				.filter(d -> d.severity() == Diagnostic.Severity.ERROR).toList();
		assertEquals(List.of(), errors);
	}

	@Test
	void aRefusedEditIsA400WithTheReasonAndLeavesTheFileAlone() throws Exception {
		String original = Files.readString(file);
		HttpResponse<String> r = Http.edit(base, Http.json("op", "set", "node", F5, "name", "units", "value", "-3"));
		assertEquals(400, r.statusCode());
		assertEquals("{\"error\":\"dense units must be a positive whole number, got '-3'\"}", r.body());
		assertEquals(original, Files.readString(file));
		assertEquals(400, Http.edit(base, Http.json("op", "fly", "node", F5)).statusCode());
	}

	@Test
	void aSizeMismatchShowsTheErrorOnTheNode() throws Exception {
		HttpResponse<String> r = Http.edit(base, Http.json("op", "set", "node", F5, "name", "inputs", "value", "7"));
		assertEquals(200, r.statusCode(), r.body());
		String json = r.body();
		int node = json.indexOf("\"id\":\"" + F5 + "\"");
		String nodeJson = json.substring(node, json.indexOf("\"children\"", node));
		assertTrue(nodeJson.contains("\"error\""), nodeJson);
		assertTrue(nodeJson.contains("\"problem\":\""), nodeJson);
	}

	@Test
	void aTextEditReachesTheModelWithinASecond() throws Exception {
		long before = Http.version(base);
		Files.writeString(file, Files.readString(file).replace("f6: dense 84 relu", "f6: dense 80 relu"));
		long deadline = System.nanoTime() + 1_000_000_000L;
		while (Http.version(base) == before && System.nanoTime() < deadline)
			Thread.sleep(20);
		assertTrue(Http.version(base) > before, "no new version within a second");
		assertTrue(Http.get(base, "model").body().contains("dense 80 relu"));
	}

	@Test
	void aFileThatDoesNotParseKeepsTheLastDiagramMarkedStale() throws Exception {
		Files.writeString(file, Files.readString(file).replace("f6: dense 84 relu", "f6: dense relu ("));
		long deadline = System.nanoTime() + 2_000_000_000L;
		String json = Http.get(base, "model").body();
		while (!json.contains("\"stale\":true") && System.nanoTime() < deadline) {
			Thread.sleep(50);
			json = Http.get(base, "model").body();
		}
		assertTrue(json.contains("\"stale\":true"), json);
		assertTrue(json.contains("dense 84 relu"), "the last good diagram is still there");
		assertTrue(json.contains("\"severity\":\"error\""), json);
		HttpResponse<String> refused = Http.edit(base, Http.json("op", "delete", "node", F5));
		assertEquals(400, refused.statusCode());
		assertTrue(refused.body().contains("syntax errors"), refused.body());
	}

	@Test
	void theLastRunsActivityIsShownWhenItsResultsLieBesideTheFile() throws Exception {
		server.close();
		// examples/parallel-mnist and the results of a real run of its experiment (kept by the diagram tests)
		Path parallel = dir.resolve("parallel-mnist.volr");
		Files.copy(Path.of(System.getProperty("volr.examples"), "parallel-mnist", "parallel-mnist.volr"), parallel);
		Path results = Files.createDirectories(dir.resolve("fashion_parallel-results"));
		Path run = Path.of("../org.volr.diagram.tests/results/fashion_parallel-results");
		for (String f : new String[] { "result.json", "report.json" })
			Files.copy(run.resolve(f), results.resolve(f));
		server = DiagramServer.start(parallel, 0);
		String json = Http.get(server.uri(), "model").body();
		assertTrue(json.contains("0.0594 /step · r 0.9998"), "fc1's measured rate and correlation");
		assertTrue(json.contains("label:activity"), "as a label of its own role");
	}

	@Test
	void thePageAndTheBundledClientAreServed() throws Exception {
		HttpResponse<String> page = Http.get(base, "");
		assertEquals(200, page.statusCode());
		assertTrue(page.body().contains("<script src=\"diagram.js\">"));
		HttpResponse<String> js = Http.get(base, "diagram.js");
		assertEquals(200, js.statusCode(), "the npm build's output must be in the bundle");
		assertTrue(js.body().length() > 100_000, "the bundled Sprotty client");
		assertEquals(404, Http.get(base, "secret.txt").statusCode());
		assertFalse(Http.get(base, "diagram.css").body().isEmpty());
	}
}
