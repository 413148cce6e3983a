package org.volr.diagram.web.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The server's undo, redo and layout requests on a copy of the LeNet example. */
class UndoAndLayoutTest extends ServedExample {
	private static final String F5 = "//@elements.0/@body/@steps.5";

	@Test
	void undoWritesTheTextBackAndRedoWritesTheEditAgain() throws Exception {
		String original = Files.readString(file);
		assertTrue(Http.get(base, "model").body().contains("\"canUndo\":false,\"canRedo\":false"));
		assertEquals(200, Http.edit(base, Http.json("op", "add", "node", F5, "kind", "dense")).statusCode());
		String edited = Files.readString(file);
		assertNotEquals(original, edited);

		HttpResponse<String> undo = Http.post(base, "undo", "{}");
		assertEquals(200, undo.statusCode(), undo.body());
		assertEquals(original, Files.readString(file));
		assertTrue(undo.body().contains("\"canUndo\":false,\"canRedo\":true"), undo.body());

		assertEquals(200, Http.post(base, "redo", "{}").statusCode());
		assertEquals(edited, Files.readString(file));
		assertEquals(400, Http.post(base, "redo", "{}").statusCode(), "one edit, redone once");
	}

	@Test
	void undoAfterAnEditElsewhereIsRefusedAndTheFileKept() throws Exception {
		assertEquals(200, Http.edit(base, Http.json("op", "add", "node", F5, "kind", "dense")).statusCode());
		String elsewhere = Files.readString(file).replace("f6: dense 84 relu", "f6: dense 80 relu");
		Files.writeString(file, elsewhere);
		HttpResponse<String> undo = Http.post(base, "undo", "{}");
		assertEquals(400, undo.statusCode());
		assertTrue(undo.body().contains("changed in another editor"), undo.body());
		assertEquals(elsewhere, Files.readString(file));
	}

	@Test
	void topDownPutsTheOutputBelowTheInputAndLeavesTheFileAlone() throws Exception {
		String original = Files.readString(file);
		double[] right = inputAndOutput(Http.get(base, "model").body());
		assertTrue(right[2] > right[0] && Math.abs(right[3] - right[1]) < 0.5, "left to right by default");

		HttpResponse<String> down = Http.post(base, "layout", "{\"direction\":\"down\"}");
		assertEquals(200, down.statusCode(), down.body());
		assertTrue(down.body().contains("\"direction\":\"down\""));
		double[] p = inputAndOutput(down.body());
		assertTrue(p[3] > p[1] && Math.abs(p[2] - p[0]) < 0.5, "top down: output straight below input");
		assertEquals(original, Files.readString(file));
		assertTrue(Http.get(base, "model").body().contains("\"direction\":\"down\""), "the layout stays for the next load");

		HttpResponse<String> bad = Http.post(base, "layout", "{\"direction\":\"up\"}");
		assertEquals(400, bad.statusCode());
		assertEquals("{\"error\":\"unknown layout direction 'up' (known: right, down)\"}", bad.body());
	}

	/** The centre (x, y) of the input node, then of the output node, in the model's JSON. */
	private static double[] inputAndOutput(String json) {
		double[] xy = new double[4];
		int i = 0;
		for (String kind : new String[] { "input", "output" }) {
			Matcher m = Pattern.compile("\"type\":\"node:" + kind + "\",\"id\":\"[^\"]*\",\"position\":\\{\"x\":([-0-9.]+),\"y\":([-0-9.]+)\\},"
					+ "\"size\":\\{\"width\":([0-9.]+),\"height\":([0-9.]+)\\}")
					.matcher(json);
			assertTrue(m.find(), "no " + kind + " node with a position in " + json);
			xy[i++] = Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(3)) / 2;
			xy[i++] = Double.parseDouble(m.group(2)) + Double.parseDouble(m.group(4)) / 2;
		}
		return xy;
	}
}
